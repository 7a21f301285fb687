/**
 * Go durations as the Scalingo API speaks them: alerts take `duration_before_trigger` in nanoseconds and
 * `remind_every` as a Go duration string (`"5m30s"`, what Go's `time.Duration.String()` writes), or in
 * nanoseconds when go-scalingo updates an alert. Pure functions; the emulator uses them too.
 * @see https://developers.scalingo.com/alerts
 */

const UNIT_NS: Readonly<Record<string, number>> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

/** A Go duration string (`"1h"`, `"2m30s"`, `"1.5h"`) in nanoseconds; `undefined` when it is not one. */
export function parseGoDuration(text: string): number | undefined {
  if (text === "0") return 0;
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== text) return undefined;
  return Math.round(parts.reduce((sum, p) => sum + Number(p[1]) * (UNIT_NS[p[2] ?? ""] ?? 0), 0));
}

/** Whole seconds as Go writes them: `"1h0m0s"`, `"5m30s"`, `"45s"`, `"0s"` (sub-second parts are dropped). */
export function formatGoDuration(ns: number): string {
  let seconds = Math.round(ns / 1e9);
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  return `${hours > 0 ? `${hours}h` : ""}${hours > 0 || minutes > 0 ? `${minutes}m` : ""}${seconds}s`;
}
