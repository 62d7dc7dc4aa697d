import * as fs from "fs";
import * as path from "path";
import { findOnPath, flowTarget, inputTarget } from "../../event/commands/test-signal";
import { cli, FakeAws, flowKeys, writeApp, removeApps } from "./support";

let aws: FakeAws;
afterEach(() => aws?.restore());
afterAll(removeApps);

const PATTERN =
  "ffmpeg -hide_banner -re -f lavfi -i testsrc2=size=1280x720:rate=25 -f lavfi -i sine=frequency=1000:sample_rate=48000 -c:v libx264 -preset veryfast -tune zerolatency -pix_fmt yuv420p -g 50 -b:v 3M -maxrate 3M -bufsize 6M -c:a aac -b:a 128k -ar 48000";

/** A folder with an executable named ffmpeg that does nothing. */
function fakeFfmpegDir(dir: string): string {
  const bin = path.join(dir, "bin");
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, "ffmpeg"), "#!/bin/sh\nexit 0\n", { mode: 0o755 });
  return bin;
}

describe("event test-signal", () => {
  test("SRT listener flow: prints the exact command and runs ffmpeg with it", async () => {
    const app = writeApp({ regions: ["eu-west-1", "us-east-1"] });
    aws = new FakeAws(["eu-west-1", "us-east-1"], { flowKeys: flowKeys({ regions: [] }) });
    const runs: [string, readonly string[]][] = [];
    const bin = fakeFfmpegDir(app.dir);
    const { code, stdout } = await cli(["test-signal", "--duration", "60"], app, undefined, { PATH: `/nonexistent${path.delimiter}${bin}`, spawn: async (p, a) => (runs.push([p, a]), 0) });
    expect(code).toBe(0);
    expect(stdout).toEqual(["Test pattern with a 1 kHz tone to the eu-west-1 primary ingest (srt-listener 198.51.100.10:5000):", `  ${PATTERN} -t 60 -f mpegts 'srt://198.51.100.10:5000?mode=caller&pkt_size=1316'`]);
    expect(runs).toHaveLength(1);
    expect(runs[0][0]).toBe(path.join(bin, "ffmpeg"));
    expect(runs[0][1].slice(-5)).toEqual(["-t", "60", "-f", "mpegts", "srt://198.51.100.10:5000?mode=caller&pkt_size=1316"]);
    expect(`ffmpeg ${runs[0][1].slice(0, -1).join(" ")}`).toBe(`${PATTERN} -t 60 -f mpegts`);
    expect(aws.log).toEqual([]);
  });

  test("refuses clearly when ffmpeg is not on PATH, after printing the command; nothing is sent", async () => {
    const app = writeApp({ regions: ["eu-west-1"], protocol: "rtp" });
    aws = new FakeAws(["eu-west-1"], { flowKeys: flowKeys({ regions: [] }) });
    let spawned = false;
    const { code, stdout, stderr } = await cli(["test-signal"], app, undefined, { PATH: path.join(app.dir, "empty"), spawn: async () => ((spawned = true), 0) });
    expect(code).toBe(1);
    expect(spawned).toBe(false);
    expect(stdout[1]).toBe(`  ${PATTERN} -f rtp_mpegts rtp://198.51.100.10:5000`);
    expect(stderr).toEqual(["test-signal: ffmpeg is not installed (not found on PATH): install it, or run the command above on a machine that has it. Nothing was sent."]);
  });

  test("RTMP push input (no flows): the destination comes from MediaLive's DescribeInput", async () => {
    const app = writeApp({ regions: ["eu-west-1"], noFlows: true });
    aws = new FakeAws(["eu-west-1"], { flowKeys: [] });
    const { code, stdout } = await cli(["test-signal", "--dry-run"], app);
    expect(code).toBe(0);
    expect(aws.calls("DescribeInput")).toEqual(["eu-west-1 eu-west-1-in-primary"]);
    expect(stdout).toEqual([
      "Test pattern with a 1 kHz tone to the eu-west-1 primary ingest (RTMP_PUSH rtmp://203.0.113.7:1935/live/eu-west-1-in-primary):",
      `  ${PATTERN} -f flv rtmp://203.0.113.7:1935/live/eu-west-1-in-primary`,
      "Nothing was sent (--dry-run).",
    ]);
  });

  test("Zixi is refused: ffmpeg cannot send it", async () => {
    const app = writeApp({ regions: ["eu-west-1"], protocol: "zixi-push" });
    aws = new FakeAws(["eu-west-1"], { flowKeys: flowKeys({ regions: [] }) });
    const { code, stderr, stdout } = await cli(["test-signal"], app);
    expect(code).toBe(1);
    expect(stdout).toEqual([]);
    expect(stderr).toEqual(["test-signal: ffmpeg cannot send Zixi: use a Zixi feeder or broadcaster to send the test signal (eu-west-1 primary ingest: zixi-push 198.51.100.10:5000)"]);
  });

  test.each(["0", "-5", "abc", "1e9", "2.5"])("--duration %s is refused with one line, exit 2, before anything is looked up", async (value) => {
    const { code, stdout, stderr } = await cli(["test-signal", "--duration", value], { dir: "/nonexistent-app", outputsFile: "/nonexistent-app/outputs.json" });
    expect(code).toBe(2);
    expect(stdout).toEqual([]);
    expect(stderr).toEqual([`test-signal: --duration must be a whole number of seconds above 0 (got ${value})`]);
  });

  test("outputs per protocol and input type", () => {
    expect(flowTarget("rist", "192.0.2.1", 7000).output).toEqual(["-f", "mpegts", "rist://192.0.2.1:7000"]);
    expect(flowTarget("rtp-fec", "192.0.2.1", 7000)).toMatchObject({ output: ["-f", "rtp_mpegts", "rtp://192.0.2.1:7000"], note: "sent as plain RTP, without FEC columns" });
    expect(inputTarget("UDP_PUSH", "udp://192.0.2.1:5000").output).toEqual(["-f", "mpegts", "udp://192.0.2.1:5000?pkt_size=1316"]);
    expect(inputTarget("RTP_PUSH", "rtp://192.0.2.1:5000").output).toEqual(["-f", "rtp_mpegts", "rtp://192.0.2.1:5000"]);
    expect(inputTarget("URL_PULL", undefined).refusal).toBe("the primary input (URL_PULL) has no destination to send to: test-signal sends to push inputs only");
    expect(findOnPath("ffmpeg", "")).toBeUndefined();
  });
});
