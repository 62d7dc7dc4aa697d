import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/**
 * The test run's synthesis cache. The global setup creates one folder per run and names it in
 * SYNTH_CACHE_DIR; every worker sees it. An entry is the JSON a synthesis returned, stored under
 * the SHA-256 of the input it was synthesized from, so an event that several test files
 * synthesize (every shipped configuration is used by five or more) is synthesized once. The
 * global teardown removes the folder. Without the variable (a test run by another tool), nothing
 * is cached.
 */
export const CACHE_ENV = "SYNTH_CACHE_DIR";
export const CACHE_PREFIX = "synth-cache-";

/** A new, empty cache folder for one run. */
export function createCache(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), CACHE_PREFIX));
}

/** Removes a cache folder this module created (and nothing else). */
export function removeCache(dir: string | undefined): void {
  if (dir && path.dirname(dir) === os.tmpdir() && path.basename(dir).startsWith(CACHE_PREFIX)) fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * The key of a plain-data input: undefined when the input holds anything JSON does not carry
 * whole (class instances, Maps, functions), which is then never cached.
 */
export function cacheKey(input: unknown): string | undefined {
  let plain = true;
  const text = JSON.stringify(input, (_key, value) => {
    if (typeof value === "function" || typeof value === "bigint" || typeof value === "symbol") plain = false;
    else if (value && typeof value === "object" && !Array.isArray(value)) {
      const proto = Object.getPrototypeOf(value);
      // A plain object's prototype is its realm's Object.prototype, whose own prototype is null.
      // Not `=== Object.prototype`: jest runs each test file in its own realm, and the loader's
      // objects are not made in the realm of this module (that test never matched, so nothing
      // was ever cached).
      if (proto !== null && Object.getPrototypeOf(proto) !== null) plain = false;
    }
    return value;
  });
  return plain && text !== undefined ? crypto.createHash("sha256").update(text).digest("hex") : undefined;
}

const pause = new Int32Array(new SharedArrayBuffer(4));
function sleep(ms: number): void {
  Atomics.wait(pause, 0, 0, ms);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The result of `produce()` for this input, from the run's cache when another test (in any
 * worker) produced it already. While one worker produces an entry, the others wait for it
 * instead of doing the same work. A failure is not cached: the next caller tries again.
 */
export function cached<T>(input: unknown, produce: () => T): T {
  const dir = process.env[CACHE_ENV];
  const key = dir && fs.existsSync(dir) ? cacheKey(input) : undefined;
  if (!dir || !key) return produce();
  const file = path.join(dir, `${key}.json`);
  const lock = `${file}.lock`;
  for (;;) {
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as T;
    let fd: number | undefined;
    try {
      fd = fs.openSync(lock, "wx");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    if (fd !== undefined) {
      try {
        fs.writeSync(fd, String(process.pid));
        fs.closeSync(fd);
        const result = produce();
        const partial = `${file}.${process.pid}.partial`;
        fs.writeFileSync(partial, JSON.stringify(result));
        fs.renameSync(partial, file);
        return result;
      } finally {
        fs.rmSync(lock, { force: true });
      }
    }
    // Another worker is producing it; take over if that worker has gone.
    const holder = Number(fs.existsSync(lock) ? fs.readFileSync(lock, "utf8") : "");
    if (holder > 0 && !alive(holder)) fs.rmSync(lock, { force: true });
    sleep(20);
  }
}
