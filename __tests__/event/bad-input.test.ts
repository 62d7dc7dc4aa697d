// The event commands read what synthesis wrote (--outdir) and an outputs file (--outputs): files
// that are not files, are not JSON or are not what cdktf writes are one line each, never a hang
// or an "unexpected error".
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "../../event/args";
import { discover, DiscoveryError, fileOutputReader } from "../../event/discovery";
import { Deps, loadContext } from "../../event/load";

const never = () => {
  throw new Error("outputs are not read when the synthesized app cannot be");
};

function outdirWith(manifest: (file: string) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "event-bad-input-"));
  manifest(path.join(dir, "manifest.json"));
  return dir;
}

function problems(work: () => unknown): string[] {
  try {
    work();
  } catch (e) {
    if (e instanceof DiscoveryError) return [...e.problems];
    throw e;
  }
  throw new Error("no problem reported");
}

const again = "synthesize the event first (npm run synth, with the same EVENT_CONFIG)";

describe("event commands: bad --outdir and --outputs", () => {
  test("a manifest.json that is a named pipe is refused without waiting for a writer", () => {
    const dir = outdirWith((f) => execFileSync("mkfifo", [f]));
    expect(problems(() => discover(dir, never))).toEqual([`${dir}/manifest.json: cannot read the file (it is a named pipe, not a regular file): ${again}`]);
  });

  test("a manifest.json linked to /dev/zero is refused, not read forever", () => {
    const dir = outdirWith((f) => fs.symlinkSync("/dev/zero", f));
    expect(problems(() => discover(dir, never))).toEqual([`${dir}/manifest.json: cannot read the file (it is a device, not a regular file): ${again}`]);
  });

  test("a UTF-16 manifest is named as such, without its bytes", () => {
    const dir = outdirWith((f) => fs.writeFileSync(f, Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00])));
    expect(problems(() => discover(dir, never))).toEqual([
      `${dir}/manifest.json: the file is UTF-16 encoded (it starts with a UTF-16 byte order mark); save it as UTF-8: ${again}`,
    ]);
  });

  test.each([
    ["null", "null"],
    ["a list of stacks", '{"stacks": [1]}'],
    ["a stack without its path", '{"stacks": {"a": {"name": "a", "workingDirectory": "stacks/a"}}}'],
  ])("a manifest that is %s is not taken for cdktf's", (_, text) => {
    const dir = outdirWith((f) => fs.writeFileSync(f, text));
    expect(problems(() => discover(dir, never))).toEqual([
      `${dir}/manifest.json: not a manifest cdktf writes (stacks, each with a name, workingDirectory and synthesizedStackPath): synthesize the event again (npm run synth)`,
    ]);
  });

  test("an outputs file that is a named pipe, a device or null is one line", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "event-bad-input-"));
    const fifo = path.join(dir, "outputs.json");
    execFileSync("mkfifo", [fifo]);
    const nul = path.join(dir, "null.json");
    fs.writeFileSync(nul, "null");
    const what = "pass the file written from `terraform output -json` of each stack";
    expect(problems(() => fileOutputReader(fifo))).toEqual([`${fifo}: cannot read the file (it is a named pipe, not a regular file): ${what}`]);
    expect(problems(() => fileOutputReader("/dev/zero"))).toEqual([`/dev/zero: cannot read the file (it is a device, not a regular file): ${what}`]);
    expect(problems(() => fileOutputReader(nul))).toEqual([`${nul}: must be an object of { "<stack>": <outputs> }: ${what}`]);
  });
});

describe("event commands: the output folder, found as synthesis finds it", () => {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), "event-outdir-"));
  const typedIn = path.join(project, "config");
  const deps = (env: NodeJS.ProcessEnv): Deps => ({
    rt: undefined as unknown as Deps["rt"],
    clients: () => {
      throw new Error("no AWS client is made when nothing was synthesized");
    },
    env,
    cwd: typedIn,
    root: project,
  });
  const missing = (dir: string) => [`${path.join(dir, "manifest.json")}: not found: ${again}`];

  test("unset or blank, it is the project's cdktf.out, whatever folder the command was typed in", () => {
    expect(loadContext(parseArgs(["status"]), deps({}))).toEqual(missing(path.join(project, "cdktf.out")));
    expect(loadContext(parseArgs(["status"]), deps({ CDKTF_OUTDIR: "  " }))).toEqual(missing(path.join(project, "cdktf.out")));
  });

  test("CDKTF_OUTDIR and --outdir are relative to where the command was typed; --outdir wins", () => {
    expect(loadContext(parseArgs(["status"]), deps({ CDKTF_OUTDIR: "out" }))).toEqual(missing(path.join(typedIn, "out")));
    expect(loadContext(parseArgs(["status", "--outdir", "../build"]), deps({ CDKTF_OUTDIR: "out" }))).toEqual(missing(path.join(project, "build")));
  });
});
