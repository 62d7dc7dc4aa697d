import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { bundleEntry, childSlot, packagesLoadedBy } from "./support/entry";
import { ROOT, defaultConfig, filesUnder } from "./support/project";

// Bad input that only the whole command shows: files that are not files (pipes, devices,
// folders, huge files, values of 100 KB, thousands of problems), an output folder synthesis must
// not replace, a file system that refuses the writes, a run interrupted by a signal, and paths
// typed relative to where the user is. Every run is the real entry point in its own process,
// bounded by a timeout: none may hang, print a stack trace, write anything or exit 0.

/** main.ts bundled for these tests (not .build/main.js, which `npm run synth` rebuilds). */
let MAIN: string;
/** How long one run may take before it counts as a hang (the machine may be busy). */
const BOUND_MS = 120_000;

interface Run {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly hung: boolean;
}

interface RunOptions {
  readonly cwd?: string;
  readonly entry?: string;
  /** Run as another user (tests run as root, for whom permissions do not apply). */
  readonly uid?: number;
  readonly gid?: number;
  /** Called once the process runs, for tests that signal it. */
  readonly started?: (pid: number, kill: (signal: NodeJS.Signals) => void) => void;
}

/** Runs the synth entry point with these variables (nothing inherited: no INIT_CWD, EVENT_CONFIG or CDKTF_OUTDIR from the runner). */
async function run(vars: Record<string, string>, options: RunOptions = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ["INIT_CWD", "npm_package_json", "EVENT_CONFIG", "CDKTF_OUTDIR"]) delete env[name];
  Object.assign(env, vars);
  // The tests run concurrently; their processes take turns (see childSlot). The bound starts with the process.
  const release = await childSlot();
  return new Promise<Run>((resolve) => {
    const child = spawn(process.execPath, [options.entry ?? MAIN], { cwd: options.cwd ?? ROOT, env, uid: options.uid, gid: options.gid });
    let stdout = "";
    let stderr = "";
    let hung = false;
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => {
      hung = true;
      child.kill("SIGKILL");
    }, BOUND_MS);
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      release();
      resolve({ status, signal, stdout, stderr, hung });
    });
    options.started?.(child.pid!, (signal) => child.kill(signal));
  });
}

/** A refused run: exit 1 by itself (no hang, no signal), nothing on stdout, exactly these lines on stderr, no stack trace. */
function expectRefused(r: Run, lines: string[]): void {
  expect(r.hung).toBe(false);
  expect(r.signal).toBeNull();
  expect(r.stderr).not.toMatch(/^\s+at .*:\d+:\d+\)?$/m);
  expect(r.stderr.trimEnd().split("\n")).toEqual(lines);
  expect(r.stdout).toBe("");
  expect(r.status).toBe(1);
}

const temps: string[] = [];
function temp(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

/** Everything under a folder, without following links: path → kind, size and modification time. */
function listing(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d)) {
      const full = path.join(d, name);
      const stat = fs.lstatSync(full);
      out[path.relative(dir, full)] = `${stat.isDirectory() ? "d" : stat.isSymbolicLink() ? "l" : "f"} ${stat.size} ${stat.mtimeMs}`;
      if (stat.isDirectory()) walk(full);
    }
  };
  walk(dir);
  return out;
}

function mkfifo(file: string): void {
  const r = spawnSync("mkfifo", [file], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`mkfifo failed: ${r.stderr}`);
}

/** A folder holding an earlier synthesis, as cdktf writes it. */
function earlierSynthesis(outdir: string): Record<string, string> {
  fs.mkdirSync(path.join(outdir, "stacks", "old-event-cdn"), { recursive: true });
  fs.writeFileSync(path.join(outdir, "stacks", "old-event-cdn", "cdk.tf.json"), "{}\n");
  fs.writeFileSync(path.join(outdir, "manifest.json"), '{"stacks":{},"version":"0.21.0"}\n');
  return filesUnder(outdir);
}

beforeAll(async () => {
  MAIN = await bundleEntry("main.ts", "bad-input-cli-main");
});

afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

describe("a refusal is said before synthesis is loaded", () => {
  // cdktf and the provider bindings take most of a run's start-up: a run refused by its
  // configuration or its output folder never loads them (synth/driver.ts loads the app lazily).
  test.concurrent.each([
    ["a configuration with mistakes", { EVENT_CONFIG: "__tests__/fixtures/config/three-mistakes.json" }, 4],
    ["an output folder that is a file", { CDKTF_OUTDIR: "package.json" }, 1],
  ])("%s", async (_name, vars, lines) => {
    const env: NodeJS.ProcessEnv = { ...process.env, INIT_CWD: undefined, EVENT_CONFIG: undefined, CDKTF_OUTDIR: path.join(temp("bad-input-"), "out"), ...vars };
    const r = await packagesLoadedBy(MAIN, [], { env });
    expect(r.status).toBe(1);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(lines);
    // The configuration was checked (the schema validator is loaded), nothing of synthesis was.
    expect(r.packages).toContain("ajv");
    expect(r.packages.filter((p) => ["cdktf", "constructs"].includes(p) || p.startsWith("@cdktf/"))).toEqual([]);
  });
});

describe("input files that are not configuration files", () => {
  const summary = "Nothing was synthesized: fix the problem above.";

  test.concurrent("a named pipe is refused at once, never read (it would wait for a writer forever)", async () => {
    const dir = temp("bad-input-");
    const fifo = path.join(dir, "event.json");
    mkfifo(fifo);
    const out = path.join(dir, "out");
    const r = await run({ EVENT_CONFIG: fifo, CDKTF_OUTDIR: out });
    expectRefused(r, [`${fifo}: cannot read the file (it is a named pipe, not a regular file)`, summary]);
    expect(fs.readdirSync(dir)).toEqual(["event.json"]);
  });

  test.concurrent("a device is refused (an endless /dev/zero is never read)", async () => {
    const out = path.join(temp("bad-input-"), "out");
    expectRefused(await run({ EVENT_CONFIG: "/dev/zero", CDKTF_OUTDIR: out }), ["/dev/zero: cannot read the file (it is a device, not a regular file)", summary]);
    expect(fs.existsSync(out)).toBe(false);
  });

  test.concurrent("a folder is refused", async () => {
    const dir = temp("bad-input-");
    const out = path.join(dir, "out");
    expectRefused(await run({ EVENT_CONFIG: dir, CDKTF_OUTDIR: out }), [`${dir}: cannot read the file (it is a folder, not a file)`, summary]);
    expect(fs.existsSync(out)).toBe(false);
  });

  test.concurrent("a file over the size limit is refused, with its size and the limit", async () => {
    const dir = temp("bad-input-");
    const file = path.join(dir, "huge.json");
    fs.writeFileSync(file, `{${" ".repeat(2_500_000)}}`);
    expectRefused(await run({ EVENT_CONFIG: file, CDKTF_OUTDIR: path.join(dir, "out") }), [
      `${file}: cannot read the file (it is 2.5 MB; input files may be at most 1 MB)`,
      summary,
    ]);
    expect(fs.readdirSync(dir)).toEqual(["huge.json"]);
  });

  test.concurrent("a signed-URL key file that is a named pipe is refused like a config file", async () => {
    const dir = temp("bad-input-");
    const config = JSON.parse(fs.readFileSync(path.join(ROOT, "config", "examples", "protected-playback.json"), "utf8"));
    fs.writeFileSync(path.join(dir, "event.json"), JSON.stringify(config));
    fs.mkdirSync(path.join(dir, "keys"));
    mkfifo(path.join(dir, "keys", "paywall-2026.pem"));
    const file = path.join(dir, "event.json");
    expectRefused(await run({ EVENT_CONFIG: file, CDKTF_OUTDIR: path.join(dir, "out") }), [
      `${file}: /delivery/signedUrls/publicKeys/paywall-2026 names a file that cannot be read (got "keys/paywall-2026.pem", resolved against the config file's folder): cannot read the file (it is a named pipe, not a regular file)`,
      summary,
    ]);
    expect(fs.readdirSync(dir).sort()).toEqual(["event.json", "keys"]);
  });

  test.concurrent("a value of 100 KB is shown shortened, with its length", async () => {
    const dir = temp("bad-input-");
    const config = defaultConfig();
    config.event.name = "x".repeat(100_000);
    const file = path.join(dir, "long.json");
    fs.writeFileSync(file, JSON.stringify(config));
    expectRefused(await run({ EVENT_CONFIG: file, CDKTF_OUTDIR: path.join(dir, "out") }), [
      `${file}: /event/name must be lowercase letters, digits and hyphens, 3 to 24 characters, starting with a letter and not ending with a hyphen (got "${"x".repeat(59)}…" (100000 characters))`,
      summary,
    ]);
  });

  test.concurrent("a key repeated thousands of times is one line, with where it is and how often", async () => {
    const dir = temp("bad-input-");
    const file = path.join(dir, "repeated.json");
    const text = JSON.stringify(defaultConfig(), null, 2).replace('"event": {', `"event": {\n${'    "costCentre": "x",\n'.repeat(3000)}`);
    fs.writeFileSync(file, text);
    const r = await run({ EVENT_CONFIG: file, CDKTF_OUTDIR: path.join(dir, "out") });
    // 3000 inserted from line 4 on, and the default config's own costCentre after them.
    expectRefused(r, [
      `${file}: /event has the key "costCentre" 3001 times (lines 4, 5, 6 and 2998 more); JSON keeps only the last, so rename or merge them`,
      summary,
    ]);
  });

  test.concurrent("keys repeated on one line are placed by line and column", async () => {
    const dir = temp("bad-input-");
    const file = path.join(dir, "minified.json");
    fs.writeFileSync(file, JSON.stringify(defaultConfig()).replace(/^\{/, '{"a":1,"a":2,"a":3,"b":1,"b":2,'));
    expectRefused(await run({ EVENT_CONFIG: file, CDKTF_OUTDIR: path.join(dir, "out") }), [
      `${file}: / has the key "a" 3 times (line:column 1:2, 1:8 and 1:14); JSON keeps only the last, so rename or merge them`,
      `${file}: / has the key "b" twice (line:column 1:20 and 1:26); JSON keeps only the last, so rename or merge them`,
      "Nothing was synthesized: fix the 2 problems above.",
    ]);
  });

  test.concurrent("a list of 50,000 items is refused in one line, before the schema (whose checks of repeated items take quadratic time)", async () => {
    const dir = temp("bad-input-");
    const config = defaultConfig();
    config.regions = Array.from({ length: 50_000 }, (_, k) => `mars-${k}`);
    const file = path.join(dir, "many.json");
    fs.writeFileSync(file, JSON.stringify(config));
    expectRefused(await run({ EVENT_CONFIG: file, CDKTF_OUTDIR: path.join(dir, "out") }), [
      `${file}: /regions is a list of 50000 items, more than any list in these files may hold (1000); check that this is the right file`,
      summary,
    ]);
  });
  // A UTF-8 byte order mark is dropped by the reader: __tests__/config/json-file.test.ts.
});

/**
 * A copy of the project with just what synthesis reads (the bundle, cdktf.json, config/,
 * encoding-profiles/; node_modules linked), so a run aimed at the project itself risks nothing.
 */
function projectCopy(): { parent: string; project: string; entry: string } {
  const parent = temp("project-copy-");
  const project = path.join(parent, "project");
  fs.mkdirSync(path.join(project, ".build"), { recursive: true });
  for (const item of ["cdktf.json", "package.json", "config", "encoding-profiles"]) fs.cpSync(path.join(ROOT, item), path.join(project, item), { recursive: true });
  fs.copyFileSync(MAIN, path.join(project, ".build", "main.js"));
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(project, "node_modules"));
  fs.mkdirSync(path.join(parent, "notes"));
  fs.writeFileSync(path.join(parent, "notes", "running-order.txt"), "18:00 doors\n");
  fs.symlinkSync(project, path.join(parent, "project-link"));
  return { parent, project, entry: path.join(project, ".build", "main.js") };
}

describe("the output folder", () => {
  const refusal = (shown: string, reason: string, advice = "synthesis replaces the output folder as a whole, so choose an empty or new folder") =>
    `cannot use ${shown} as the output folder (${reason}); ${advice}; nothing was synthesized`;
  const own = "synthesis replaces the output folder as a whole, so choose a folder of its own such as cdktf.out";

  // CDKTF_OUTDIR as typed, the folder it is typed in (relative to the project), and the one line expected.
  const cases: [string, (p: { parent: string; project: string }) => string, string, (p: { parent: string; project: string }) => string][] = [
    ["the project root as .", () => ".", ".", ({ project }) => refusal(project, "it is the project folder", own)],
    ["the project root by its full path", ({ project }) => project, ".", ({ project }) => refusal(project, "it is the project folder", own)],
    ["the folder above the project", () => "..", ".", ({ parent }) => refusal(parent, "it holds the project folder", own)],
    ["the root of the file system", () => "/", ".", () => refusal("/", "it holds the project folder", own)],
    [
      "config/, a folder of the project",
      () => "config",
      ".",
      ({ project }) => {
        // The first three names and a count of the rest (config/ changes as the project grows).
        const names = fs.readdirSync(path.join(project, "config")).sort();
        return refusal("config", `it holds ${names.slice(0, 3).join(", ")} and ${names.length - 3} more, not only the manifest.json and stacks/ of an earlier synthesis`);
      },
    ],
    ["a foreign folder with a file in it", ({ parent }) => path.join(parent, "notes"), ".", ({ parent }) => refusal(path.join(parent, "notes"), "it holds running-order.txt, not only the manifest.json and stacks/ of an earlier synthesis")],
    ["a symbolic link to the project", ({ parent }) => path.join(parent, "project-link"), ".", ({ parent }) => refusal(path.join(parent, "project-link"), "it is the project folder", own)],
    ["a file", () => "package.json", ".", () => refusal("package.json", "it is a file, not a folder", "choose an empty or new folder")],
    ["the folder the command is typed in", () => ".", "config", ({ project }) => refusal(path.join(project, "config"), "it is the folder you are working in", own)],
    // Quoted, ~ reaches the program unexpanded: a folder named ~ that a later `rm -rf ~` would confuse with home.
    [
      "a quoted ~/out",
      () => "~/out",
      ".",
      () => refusal("~/out", "it would create a folder named ~, which is a home folder the shell did not expand because the path was quoted", "write the path out, such as $HOME/cdktf.out"),
    ],
    [
      "a name with a line break",
      () => "a\nb",
      ".",
      () => 'cannot use "a\\nb" as the output folder (it holds a control character such as a line break); choose a folder name without one; nothing was synthesized',
    ],
  ];

  test.concurrent.each(cases)("CDKTF_OUTDIR pointing at %s deletes nothing and writes nothing", async (_name, outdir, cwd, line) => {
    const copy = projectCopy();
    const before = listing(copy.parent);
    const r = await run({ CDKTF_OUTDIR: outdir(copy) }, { cwd: path.join(copy.project, cwd), entry: copy.entry });
    expectRefused(r, [line(copy)]);
    expect(listing(copy.parent)).toEqual(before);
  });

  test.concurrent("an earlier synthesis in a folder that also holds other files is left alone", async () => {
    const dir = temp("bad-input-");
    const out = path.join(dir, "out");
    earlierSynthesis(out);
    fs.writeFileSync(path.join(out, "plan.txt"), "reviewed\n");
    const before = listing(dir);
    expectRefused(await run({ CDKTF_OUTDIR: out }), [refusal(out, "it holds plan.txt, not only the manifest.json and stacks/ of an earlier synthesis")]);
    expect(listing(dir)).toEqual(before);
  });

  test.concurrent("unset, the output folder is the project's cdktf.out and the config its config/default.json, whatever the working folder", async () => {
    const copy = projectCopy();
    const r = await run({ EVENT_CONFIG: "" }, { cwd: path.join(copy.project, "encoding-profiles"), entry: copy.entry });
    expect(r.stderr).toBe("");
    expect(r.stdout.split("\n")[0]).toBe("Synthesized config/default.json (demo-live, profile HD-1080p) into ../cdktf.out: demo-live-eu-west-1, demo-live-cdn");
    expect(r.status).toBe(0);
    expect(fs.readdirSync(copy.project).sort()).toEqual([".build", "cdktf.json", "cdktf.out", "config", "encoding-profiles", "node_modules", "package.json"]);
  });
});

describe("paths as people type them", () => {
  /** What `npm run synth` sets besides INIT_CWD: the package whose script runs. */
  const NPM_PACKAGE = path.join(ROOT, "package.json");

  test.concurrent("EVENT_CONFIG is relative to where npm was started (INIT_CWD), not to the project root", async () => {
    const out = path.join(temp("bad-input-"), "out");
    const from = path.join(ROOT, "__tests__", "fixtures", "bad-configs");
    expectRefused(await run({ EVENT_CONFIG: "port-low.json", INIT_CWD: from, npm_package_json: NPM_PACKAGE, CDKTF_OUTDIR: out }), [
      "port-low.json: /contribution/mediaconnect/primaryPort must be >= 1024 (got 80)",
      "Nothing was synthesized: fix the problem above.",
    ]);
    expect(fs.existsSync(out)).toBe(false);
  });

  test.concurrent("an INIT_CWD inherited from another package's npm script is not where the command was typed", async () => {
    const out = path.join(temp("bad-input-"), "out");
    const from = path.join(ROOT, "__tests__", "fixtures", "bad-configs");
    expectRefused(await run({ EVENT_CONFIG: "port-low.json", INIT_CWD: from, npm_package_json: path.join(from, "package.json"), CDKTF_OUTDIR: out }), [
      "port-low.json: cannot read the file (no such file)",
      "Nothing was synthesized: fix the problem above.",
    ]);
  });

  test.concurrent("CDKTF_OUTDIR is relative to where npm was started too", async () => {
    const from = temp("bad-input-");
    const r = await run({ CDKTF_OUTDIR: "out", INIT_CWD: from, npm_package_json: NPM_PACKAGE });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe("Synthesized config/default.json (demo-live, profile HD-1080p) into out: demo-live-eu-west-1, demo-live-cdn");
    expect(fs.readdirSync(from)).toEqual(["out"]);
  });
});

describe("file-system failures", () => {
  test.concurrent("a folder the user may not write to: one line, the earlier synthesis untouched", async () => {
    const dir = temp("bad-input-");
    const out = path.join(dir, "out");
    const before = earlierSynthesis(out);
    // Root writes anywhere, so run as nobody there; otherwise take the write permission away.
    const asRoot = process.getuid?.() === 0;
    fs.chmodSync(dir, asRoot ? 0o755 : 0o555);
    try {
      const r = await run({ CDKTF_OUTDIR: out }, asRoot ? { uid: 65534, gid: 65534 } : {});
      expectRefused(r, [`cannot write ${out} (permission denied); nothing was synthesized`]);
    } finally {
      fs.chmodSync(dir, 0o755);
    }
    expect(filesUnder(out)).toEqual(before);
    expect(fs.readdirSync(dir)).toEqual(["out"]);
  });

  test.concurrent("an output path below a file", async () => {
    const dir = temp("bad-input-");
    fs.writeFileSync(path.join(dir, "build"), "a file\n");
    const before = listing(dir);
    expectRefused(await run({ CDKTF_OUTDIR: path.join(dir, "build", "cdktf.out") }), [
      `cannot write ${path.join(dir, "build", "cdktf.out")} (${path.join(dir, "build")} is a file, not a folder); nothing was synthesized`,
    ]);
    expect(listing(dir)).toEqual(before);
  });

  test.concurrent("a name the file system cannot hold", async () => {
    const dir = temp("bad-input-");
    const out = path.join(dir, "o".repeat(250));
    expectRefused(await run({ CDKTF_OUTDIR: out }), [`cannot write ${out} (the name is too long); nothing was synthesized`]);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe("interruptions", () => {
  test("SIGTERM during synthesis removes the staging folder and leaves the earlier synthesis as it was", async () => {
    const dir = temp("bad-input-");
    const out = path.join(dir, "out");
    const before = earlierSynthesis(out);
    let staged = false;
    const r = await run(
      { CDKTF_OUTDIR: out },
      {
        started: (_pid, kill) => {
          // Signal as soon as the staging folder exists, that is, in the middle of synthesis.
          const poll = setInterval(() => {
            if (fs.readdirSync(dir).some((f) => f.startsWith(".out-staging-"))) {
              staged = true;
              clearInterval(poll);
              kill("SIGTERM");
            }
          }, 5);
          setTimeout(() => clearInterval(poll), BOUND_MS).unref();
        },
      },
    );
    expect(staged).toBe(true);
    expect(r.hung).toBe(false);
    expect(r.stderr).toBe("Interrupted by SIGTERM: nothing was synthesized.\n");
    expect(r.status).toBe(143);
    expect(fs.readdirSync(dir)).toEqual(["out"]);
    expect(filesUnder(out)).toEqual(before);
  });
});
