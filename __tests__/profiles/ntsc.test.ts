import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadProfileFile } from "../../encoding-profiles/profiles";
import { ROOT } from "../support/project";

/** The HD-1080p ladder at another frame rate and GOP, written to a temporary profile file. */
function ladderAt(numerator: number, denominator: number, gopSeconds: number): string {
  const ladder = JSON.parse(fs.readFileSync(path.join(ROOT, "encoding-profiles", "HD-1080p.json"), "utf8"));
  ladder.name = "ntsc";
  ladder.video.framerate = { numerator, denominator };
  ladder.video.gopSeconds = gopSeconds;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ntsc-")), "ntsc.json");
  fs.writeFileSync(file, JSON.stringify(ladder));
  return file;
}

describe("NTSC-family frame rates", () => {
  test.each([
    [30000, 1001, 1],
    [30000, 1001, 2],
    [60000, 1001, 1],
    [30000, 1001, 0.5],
  ])("%i/%i fps with a %i s GOP loads (MediaLive rounds the GOP to whole frames)", (n, d, gop) => {
    const problems: string[] = [];
    const profile = loadProfileFile(ladderAt(n, d, gop), "ntsc.json", problems);
    expect(problems).toEqual([]);
    expect(profile?.video.framerate).toEqual({ numerator: n, denominator: d });
  });

  test("a GOP half a frame away from a whole number of frames is still rejected", () => {
    const problems: string[] = [];
    loadProfileFile(ladderAt(30000, 1001, 0.25), "ntsc.json", problems);
    expect(problems).toEqual(["ntsc.json: /video/gopSeconds must be a whole number of frames at 29.97 fps (got 0.25 s = 7.493 frames)"]);
  });
});
