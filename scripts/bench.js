#!/usr/bin/env node
// `npm run bench [-- --runs N] [--typecheck] [--json] [--keep]`: how fast is the tool itself?
//
// Works in a scratch copy of the project (node_modules linked, never written), so it neither
// disturbs nor depends on the working tree's .build/ and cdktf.out/. Every measurement is the
// median of N runs (5 by default) with its range; peak memory is the largest resident set of any
// process of the run (GNU time's %M), when /usr/bin/time exists.
//
//   npm run synth, cold    .build/ removed before every run: bundle + run
//   npm run synth, warm    .build/ kept (the bundle is rebuilt anyway; caches are warm)
//   app, prebuilt          node .build/main.js: the synthesis alone
//   cdktf synth, cold/warm the cdktf CLI (npx cdktf synth), which runs the same app
//   regions 1/2/4/8        the prebuilt app on the default event with 1, 2, 4 and 8 regions,
//                          taking turns so that load elsewhere on the machine hits all alike
//   where the time goes    node start-up, the npm wrapper, esbuild bundle, module loading, file writes
//
// "Cold" cannot mean a cold operating-system file cache: dropping it needs root and would slow
// everyone else on the machine. It means no build output and a fresh process.
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const SKIP = new Set(["node_modules", ".git", ".build", "cdktf.out", "coverage", ".terraform", "__tests__"]);
const TIME = fs.existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
/** Targets from the issue: npm run synth of the default event on a 2-core machine. */
const TARGET = { synthSeconds: 2.5, synthMb: 300, regionRatio: 2 };

function parseArgs(argv) {
  const opts = { runs: 5, typecheck: false, json: false, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--runs") opts.runs = Number(argv[++i]);
    else if (a === "--typecheck") opts.typecheck = true;
    else if (a === "--json") opts.json = true;
    else if (a === "--keep") opts.keep = true;
    else throw new Error(`unknown argument ${a}; usage: npm run bench -- [--runs N] [--typecheck] [--json] [--keep]`);
  }
  if (!Number.isInteger(opts.runs) || opts.runs < 1) throw new Error("--runs needs a whole number of at least 1");
  return opts;
}

/** A copy of the project to measure in: sources copied, node_modules linked. */
function makeWorkspace() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-"));
  const work = path.join(dir, "project");
  fs.mkdirSync(work);
  for (const entry of fs.readdirSync(ROOT)) {
    if (SKIP.has(entry) || entry.startsWith("terraform.")) continue;
    fs.cpSync(path.join(ROOT, entry), path.join(work, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(work, "node_modules"), "dir");
  fs.writeFileSync(path.join(dir, "probe.js"), PROBE);
  return { dir, work };
}

/**
 * Preloaded into the app (node -r): times the top-level require() calls (the packages the bundle
 * leaves external: cdktf, constructs, provider classes, ajv) and the file writes, and stores them
 * when the process exits.
 */
const PROBE = `"use strict";
const Module = require("module");
const fs = require("fs");
const start = process.hrtime.bigint();
let depth = 0, requireNs = 0n, modules = 0, writeNs = 0n, files = 0, bytes = 0, traceNs = 0n, traces = 0;
const require0 = Module.prototype.require;
Module.prototype.require = function (id) {
  if (depth > 0) return require0.apply(this, arguments);
  depth++;
  const t = process.hrtime.bigint();
  try { return require0.apply(this, arguments); } finally { requireNs += process.hrtime.bigint() - t; depth--; modules++; }
};
// cdktf (and constructs) record a full stack trace for every token they create, for error
// messages: Error.captureStackTrace on a plain { stack: "" } object, then reading .stack. Timed
// here, reading .stack inside the timing (it is read right after anyway).
const captureStackTrace = Error.captureStackTrace;
Error.captureStackTrace = function (object, below) {
  if (!object || object.constructor !== Object || object.stack !== "") return captureStackTrace.apply(this, arguments);
  const t = process.hrtime.bigint();
  try { captureStackTrace.apply(this, arguments); void object.stack; } finally { traceNs += process.hrtime.bigint() - t; traces++; }
};
const writeFileSync = fs.writeFileSync;
fs.writeFileSync = function (file, data) {
  const t = process.hrtime.bigint();
  try { return writeFileSync.apply(this, arguments); } finally {
    writeNs += process.hrtime.bigint() - t; files++;
    bytes += typeof data === "string" ? Buffer.byteLength(data) : (data && data.length) || 0;
  }
};
process.on("exit", () => {
  const ms = (ns) => Number(ns) / 1e6;
  writeFileSync(process.env.BENCH_PROBE_OUT, JSON.stringify({
    sinceStartMs: ms(process.hrtime.bigint() - start), uptimeMs: process.uptime() * 1000,
    requireMs: ms(requireNs), modules, writeMs: ms(writeNs), files, bytes, traceMs: ms(traceNs), traces,
  }));
});
`;

/**
 * Runs a command once: wall seconds (measured here), and from GNU time the CPU seconds (user +
 * system, of the process and its children) and the peak RSS in MB. CPU time is what a busy,
 * shared machine distorts least.
 */
function measure(cmd, args, { cwd, env }) {
  const timeFile = path.join(os.tmpdir(), `bench-time-${process.pid}.txt`);
  const argv = TIME ? [TIME, "-f", "%U %S %M", "-o", timeFile, cmd, ...args] : [cmd, ...args];
  const t = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const wall = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0) {
    throw new Error(`${[cmd, ...args].join(" ")} failed with status ${r.status}:\n${r.stderr || r.stdout}`);
  }
  let mb;
  let cpu;
  if (TIME) {
    const [user, system, kb] = fs.readFileSync(timeFile, "utf8").trim().split("\n").pop().split(" ").map(Number);
    cpu = user + system;
    mb = kb / 1024;
    fs.rmSync(timeFile, { force: true });
  }
  return { wall, cpu, mb, stdout: r.stdout };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Repeats a measurement; `before` runs untimed before each run (for example clearing .build). */
function repeat(runs, once, before) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    if (before) before();
    samples.push(once());
  }
  return summarize(samples);
}

function summarize(samples) {
  const walls = samples.map((s) => s.wall);
  const mbs = samples.map((s) => s.mb).filter((m) => m !== undefined);
  const cpus = samples.map((s) => s.cpu).filter((c) => c !== undefined);
  return {
    runs: samples.length,
    wall: median(walls),
    min: Math.min(...walls),
    max: Math.max(...walls),
    cpu: cpus.length ? median(cpus) : undefined,
    mb: mbs.length ? median(mbs) : undefined,
    samples,
  };
}

/** The default event with the first `n` regions of the schema's region list. */
function regionConfig(work, n) {
  const schema = JSON.parse(fs.readFileSync(path.join(work, "config", "event.schema.json"), "utf8"));
  const regions = schema.definitions.region.enum;
  const config = JSON.parse(fs.readFileSync(path.join(work, "config", "default.json"), "utf8"));
  delete config.$schema;
  config.regions = regions.slice(0, n);
  if (n > 1) {
    // Several regions: epoch locking so segments line up (MediaLive rejects it with SCTE-35 passthrough).
    config.channel = { ...config.channel, outputLocking: "EPOCH_LOCKING", scte35Passthrough: false };
  }
  const file = path.join(work, `bench-regions-${n}.json`);
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const { dir, work } = makeWorkspace();
  const outdir = path.join(dir, "out");
  const env = { ...process.env, CHECKPOINT_DISABLE: "1", DISABLE_VERSION_CHECK: "true", CDKTF_OUTDIR: outdir };
  delete env.EVENT_CONFIG;
  const at = { cwd: work, env };
  const clearBuild = () => fs.rmSync(path.join(work, ".build"), { recursive: true, force: true });
  const clearOut = () => fs.rmSync(outdir, { recursive: true, force: true });
  const loadBefore = os.loadavg();
  const started = Date.now();
  const results = {};
  const progress = (name) => process.stderr.write(`bench: ${name}\n`);

  try {
    progress("npm run synth, cold");
    results.synthCold = repeat(opts.runs, () => measure("npm", ["run", "--silent", "synth"], at), () => (clearBuild(), clearOut()));
    progress("npm run synth, warm");
    results.synthWarm = repeat(opts.runs, () => measure("npm", ["run", "--silent", "synth"], at), clearOut);
    progress("app, prebuilt");
    results.app = repeat(opts.runs, () => measure(process.execPath, [".build/main.js"], at), clearOut);
    progress("cdktf synth, cold");
    const cli = () => measure("npx", ["--no-install", "cdktf", "synth", "--output", outdir], at);
    results.cliCold = repeat(opts.runs, cli, () => (clearBuild(), clearOut()));
    progress("cdktf synth, warm");
    results.cliWarm = repeat(opts.runs, cli, clearOut);

    // Region counts take turns (1, 2, 4, 8, 1, 2, ...) so that a burst of load elsewhere on the
    // machine hits all of them alike and the ratios stay meaningful.
    progress("1, 2, 4 and 8 regions");
    const counts = [1, 2, 4, 8];
    const files = Object.fromEntries(counts.map((n) => [n, regionConfig(work, n)]));
    const samples = Object.fromEntries(counts.map((n) => [n, []]));
    for (let i = 0; i < opts.runs; i++) {
      for (const n of counts) {
        clearOut();
        samples[n].push(measure(process.execPath, [".build/main.js"], { cwd: work, env: { ...env, EVENT_CONFIG: files[n] } }));
      }
    }
    results.regions = Object.fromEntries(counts.map((n) => [n, summarize(samples[n])]));

    progress("where the time goes");
    results.nodeStart = repeat(opts.runs, () => measure(process.execPath, ["-e", "0"], at));
    // The build alone: the same runner `npm run synth` uses, stopping after the bundle.
    results.bundle = repeat(opts.runs, () => measure(process.execPath, ["scripts/run.js", "--build-only", "main.ts"], at));
    const probeOut = path.join(dir, "probe.json");
    const probes = [];
    results.probed = repeat(
      opts.runs,
      () => {
        const r = measure(process.execPath, ["-r", path.join(dir, "probe.js"), ".build/main.js"], { cwd: work, env: { ...env, BENCH_PROBE_OUT: probeOut } });
        probes.push(JSON.parse(fs.readFileSync(probeOut, "utf8")));
        return r;
      },
      clearOut,
    );
    const pick = (k) => median(probes.map((p) => p[k]));
    results.probe = { requireMs: pick("requireMs"), modules: pick("modules"), writeMs: pick("writeMs"), files: pick("files"), bytes: pick("bytes"), traceMs: pick("traceMs"), traces: pick("traces") };
    if (opts.typecheck) {
      progress("tsc (type-check, for comparison)");
      results.typecheck = repeat(1, () => measure(path.join(work, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.json"], at));
    }
  } finally {
    if (!opts.keep) fs.rmSync(dir, { recursive: true, force: true });
    else process.stderr.write(`bench: kept ${dir}\n`);
  }

  const machine = {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model?.trim(),
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadBefore: loadBefore.map((l) => Number(l.toFixed(2))),
    loadAfter: os.loadavg().map((l) => Number(l.toFixed(2))),
    seconds: Math.round((Date.now() - started) / 1000),
  };
  if (opts.json) {
    for (const r of Object.values(results)) if (r && r.samples) r.samples = r.samples.map(({ wall, cpu, mb }) => ({ wall, cpu, mb }));
    for (const r of Object.values(results.regions ?? {})) r.samples = r.samples.map(({ wall, cpu, mb }) => ({ wall, cpu, mb }));
    console.log(JSON.stringify({ machine, results }, null, 2));
  } else {
    console.log(render(results, machine, opts));
  }
}

function s(x) {
  return `${x.toFixed(2)} s`;
}

function row(name, r, target) {
  const cpu = r.cpu === undefined ? "n/a" : s(r.cpu);
  return `| ${name} | ${r.runs} | ${s(r.wall)} | ${r.min.toFixed(2)}–${r.max.toFixed(2)} | ${cpu} | ${r.mb === undefined ? "n/a" : `${Math.round(r.mb)} MB`} | ${target ?? ""} |`;
}

function render(r, m, opts) {
  const out = [];
  out.push(`Machine: ${m.cpus} cores (${m.cpu}), ${m.memoryGb} GB, Node.js ${m.node}; load average ${m.loadBefore.join(" ")} before, ${m.loadAfter.join(" ")} after; ${m.seconds} s in all.`);
  out.push("");
  const met = (ok) => (ok ? "met" : "MISSED");
  const synthOk = r.synthWarm.wall <= TARGET.synthSeconds && (r.synthWarm.mb === undefined || r.synthWarm.mb <= TARGET.synthMb);
  out.push("| measurement | runs | median wall | wall range | median CPU | median peak memory | target |");
  out.push("|---|---:|---:|---:|---:|---:|---|");
  out.push(row("`npm run synth`, cold (no .build/)", r.synthCold, `≤ ${TARGET.synthSeconds} s, ≤ ${TARGET.synthMb} MB: ${met(r.synthCold.wall <= TARGET.synthSeconds && (r.synthCold.mb ?? 0) <= TARGET.synthMb)}`));
  out.push(row("`npm run synth`, warm", r.synthWarm, `≤ ${TARGET.synthSeconds} s, ≤ ${TARGET.synthMb} MB: ${met(synthOk)}`));
  out.push(row("app alone (`node .build/main.js`)", r.app));
  out.push(row("`npx cdktf synth`, cold (no .build/)", r.cliCold));
  out.push(row("`npx cdktf synth`, warm", r.cliWarm));
  const one = r.regions[1];
  for (const n of [1, 2, 4, 8]) {
    const ratio = r.regions[n].wall / one.wall;
    const cpuRatio = one.cpu ? ` (CPU ${(r.regions[n].cpu / one.cpu).toFixed(2)}×)` : "";
    const text = n === 8 ? `≤ ${TARGET.regionRatio}× one region: ${ratio.toFixed(2)}×${cpuRatio}, ${met(ratio <= TARGET.regionRatio)}` : n > 1 ? `${ratio.toFixed(2)}× one region${cpuRatio}` : "";
    out.push(row(`app, ${n} region${n > 1 ? "s" : ""} (+ CDN stack)`, r.regions[n], text));
  }
  out.push("");
  const p = r.probe;
  const appMs = r.app.wall * 1000;
  const startMs = r.nodeStart.wall * 1000;
  const bundleMs = r.bundle.wall * 1000;
  // The runner bundles and then runs the app in the same process: one Node.js start, not two.
  const npmMs = r.synthWarm.wall * 1000 - (bundleMs - startMs) - appMs;
  const restMs = appMs - startMs - p.requireMs;
  out.push("Where the time of a warm `npm run synth` goes (medians):");
  out.push("");
  out.push("| part | time |");
  out.push("|---|---:|");
  out.push(`| npm run wrapper (one npm process) | ${Math.round(npmMs)} ms |`);
  out.push(`| esbuild bundle of main.ts (no type-check), in the runner | ${Math.round(bundleMs - startMs)} ms |`);
  out.push(`| Node.js start-up | ${Math.round(startMs)} ms |`);
  out.push(`| module loading (${p.modules} top-level require calls: cdktf, constructs, provider classes, ajv) | ${Math.round(p.requireMs)} ms |`);
  out.push(`| config + constructs + synthesis + policy check (including JSON serialization) | ${Math.round(restMs - p.writeMs)} ms |`);
  out.push(`| … of which cdktf's token creation stack traces (${p.traces} captured) | ${Math.round(p.traceMs)} ms |`);
  out.push(`| file writes (${p.files} files, ${(p.bytes / 1024).toFixed(0)} KB) | ${Math.round(p.writeMs)} ms |`);
  if (r.typecheck) out.push(`| for comparison: \`tsc -p tsconfig.json\` (the type-check kept out of the synth path) | ${Math.round(r.typecheck.wall * 1000)} ms |`);
  out.push("");
  out.push(`Each line is the median of ${opts.runs} runs. Cold runs start without .build/ and cdktf.out/; the operating system's file cache stays warm (clearing it needs root and would slow everyone else).`);
  return out.join("\n");
}

main();
