// What the CLI needs from the outside world besides AWS: a clock, a way to wait, and two output
// streams. Injected so that tests run minutes of polling in milliseconds and read what users see.

export interface Runtime {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
  /** A line on standard output (results: tables, URLs, plans). */
  out(line: string): void;
  /** A line on standard error (progress, warnings, errors). */
  err(line: string): void;
  /** Replace the current progress line in place (terminals only); undefined elsewhere. */
  progress?: (text: string) => void;
  /** 0 ≤ x < 1, for retry jitter. */
  random(): number;
}

/** The real thing: wall clock, timers, process streams; progress redrawn in place on a terminal. */
export function processRuntime(): Runtime {
  const tty = Boolean(process.stderr.isTTY);
  let open = false;
  const endProgress = () => {
    if (open) process.stderr.write("\n");
    open = false;
  };
  return {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    out: (line) => {
      endProgress();
      process.stdout.write(`${line}\n`);
    },
    err: (line) => {
      endProgress();
      process.stderr.write(`${line}\n`);
    },
    progress: tty
      ? (text) => {
          process.stderr.write(`\r\x1b[2K${text}`);
          open = true;
        }
      : undefined,
    random: Math.random,
  };
}

/** `m:ss` (or `h:mm:ss`) for a visible timer. */
export function elapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return hh > 0 ? `${hh}:${String(mm).padStart(2, "0")}:${ss}` : `${mm}:${ss}`;
}
