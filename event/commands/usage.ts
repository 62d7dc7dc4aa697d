// The commands' option values, checked before a command's module is loaded: the commands reach
// AWS through the SDK (about a second to load), and a bad value is said without it. No imports.

/** SCTE-35 durations are 33-bit counts of 90 kHz ticks. */
const MAX_TICKS = 2 ** 33 - 1;

/** ad-break --duration: seconds above 0 that fit a SCTE-35 duration (required). */
export function parseDuration(value: string | undefined): { seconds?: number; problem?: string } {
  if (value === undefined) return { problem: "ad-break: --duration <seconds> is required (e.g. --duration 30)" };
  const seconds = Number(value);
  const ticks = Math.round(seconds * 90000);
  if (!/^\d+(\.\d+)?$/.test(value) || !(ticks >= 1) || ticks > MAX_TICKS) {
    return { problem: `ad-break: --duration must be a number of seconds above 0 and at most ${Math.floor(MAX_TICKS / 90000)} (got ${value})` };
  }
  return { seconds };
}

/** test-signal --duration: optional, whole seconds above 0 (ffmpeg's -t). */
export function parseSignalDuration(value: string | undefined): { seconds?: number; problem?: string } {
  if (value === undefined) return {};
  if (!/^\d+$/.test(value) || !(Number(value) > 0)) return { problem: `test-signal: --duration must be a whole number of seconds above 0 (got ${value})` };
  return { seconds: Number(value) };
}
