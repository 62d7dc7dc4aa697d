// Polling until a resource reaches a state, with a visible timer: redrawn in place on a terminal,
// a line per state change (and a heartbeat every 30 s) elsewhere, so logs stay readable.
import { elapsed, Runtime } from "./runtime";

export interface WaitSpec<T> {
  /** What is awaited, e.g. `eu-west-1 flow primary-a`. */
  readonly label: string;
  /** What it should become, e.g. `ACTIVE`. */
  readonly target: string;
  readonly poll: () => Promise<T>;
  /** The state to show. */
  readonly state: (t: T) => string;
  readonly done: (t: T) => boolean;
  /** A reason when the resource can no longer get there (the wait ends at once). */
  readonly failed?: (t: T) => string | undefined;
  readonly intervalMs: number;
  readonly timeoutMs: number;
}

export class WaitError extends Error {
  /** What was awaited (the spec's label), when a wait failed. */
  constructor(
    message: string,
    public readonly label?: string,
  ) {
    super(message);
  }
}

const HEARTBEAT_MS = 30000;

export async function waitFor<T>(rt: Runtime, spec: WaitSpec<T>): Promise<T> {
  const start = rt.now();
  let last = "";
  let lastLine = start;
  for (;;) {
    const t = await spec.poll();
    const state = spec.state(t);
    const took = rt.now() - start;
    if (spec.done(t)) {
      rt.err(`  ${spec.label}: ${state} after ${elapsed(took)}`);
      return t;
    }
    const reason = spec.failed?.(t);
    if (reason) throw new WaitError(`${spec.label}: ${reason} after ${elapsed(took)}`, spec.label);
    if (took >= spec.timeoutMs) throw new WaitError(`${spec.label}: still ${state} after ${elapsed(took)} (gave up waiting for ${spec.target})`, spec.label);
    const text = `  waiting for ${spec.label} to be ${spec.target}: ${state} ${elapsed(took)}`;
    if (rt.progress) rt.progress(text);
    else if (state !== last || rt.now() - lastLine >= HEARTBEAT_MS) {
      rt.err(text);
      lastLine = rt.now();
    }
    last = state;
    await rt.sleep(spec.intervalMs);
  }
}

/** A resource to watch: how to read it and which state it is in. */
export interface Watched<T> {
  /** e.g. `eu-west-1 flow primary-a`. */
  readonly label: string;
  readonly poll: () => Promise<T>;
  readonly state: (t: T) => string;
  readonly intervalMs: number;
  readonly timeoutMs: number;
}

/** If the resource is in one of the `moving` states (updated, started, stopped), wait until it leaves them. */
export async function settle<T>(rt: Runtime, w: Watched<T>, current: T, moving: readonly string[]): Promise<T> {
  const now = w.state(current);
  if (!moving.includes(now)) return current;
  return waitFor(rt, { ...w, target: `past ${now}`, done: (t) => !moving.includes(w.state(t)) });
}

/** Wait until the resource is in `target`; `failed` ends the wait early with a reason. */
export function reach<T>(rt: Runtime, w: Watched<T>, target: string, failed?: (t: T) => string | undefined): Promise<T> {
  return waitFor(rt, { ...w, target, done: (t) => w.state(t) === target, failed });
}
