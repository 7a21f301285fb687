/**
 * Waiting, the two ways providers need it: a create that must never run twice after a lost response
 * (`createOnce`), and polling an asynchronous operation until it is done (`pollUntil`). Functions over the
 * callbacks they are given; the only state is the host's poll clocks (`joinClock`), kept on `process`.
 */
import { providerError } from "./errors";
import { processRegistry } from "./process-registry";
import { hostProgress, type ProgressSink, waitingMessage } from "./progress";

/** Wait `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Whether an error says the failed call may have been applied all the same (`outcomeUnknown`). */
export function outcomeUnknown(error: unknown): boolean {
  return (
    error !== null && typeof error === "object" && "outcomeUnknown" in error && error.outcomeUnknown === true
  );
}

/**
 * Send a create that must never run twice. After a failure whose outcome is unknown (no response, 5xx), the
 * object is looked up by its natural key first: found means the create was applied and its response lost;
 * not found means it is safe to try again. Other failures (4xx) are final.
 */
export async function createOnce<T>(opts: {
  attempts: number;
  delayMs: (attempt: number) => number;
  create: () => Promise<T>;
  lookup: () => Promise<T | undefined>;
}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await opts.create();
    } catch (error) {
      if (!outcomeUnknown(error)) throw error;
      const found = await opts.lookup();
      if (found !== undefined) return found;
      if (attempt >= opts.attempts) throw error;
      await sleep(opts.delayMs(attempt));
    }
  }
}

/** What {@link pollUntil} polls, and how long it may take. */
export interface PollOptions<T> {
  /** The provider's name, for the error's name. */
  provider: string;
  /** What is awaited, for messages: `create app "x": operation op-1`. */
  what: string;
  timeoutMs: number;
  intervalMs: number;
  /** The fix to suggest after a timeout. */
  hint: string;
  probe: () => Promise<T>;
  /** A value already in hand (a create's response): it answers the first probe, which so costs no call. */
  known?: T;
  done: (value: T) => boolean;
  /** Why `value` means the operation failed, or `undefined`. */
  failure?: (value: T) => string | undefined;
  /** What `value` says of the wait, for the progress line (`provisioning`, `pending`). */
  state?: (value: T) => string | undefined;
  /** Where the progress lines go, one per probe that is not done. @default the engine, in the provider host */
  progress?: ProgressSink;
  /**
   * What the probe reads (`GET /v1/apps/a/addons`), when other waits of the host may read it too: waits with the
   * same `clock` that begin within an interval of each other probe at the same instants, so their probes share
   * one request (see {@link joinClock}).
   */
  clock?: string;
}

/**
 * The wait before the next probe: half the time waited so far, at least half of `intervalMs`, at most
 * `intervalMs` or 15 s, whichever is longer. What becomes ready is so seen at most half a wait later — a
 * second for a short operation at the default 2 s, a third of the whole wait for a long provisioning —
 * while a wait of minutes costs a few probes a minute (APIs limit calls per minute).
 */
export function nextPollWait(elapsedMs: number, intervalMs: number): number {
  return Math.min(Math.max(intervalMs / 2, elapsedMs / 2), Math.max(intervalMs, 15_000));
}

/**
 * `waitMs` from `nowMs`, lengthened to the next multiple of `gridMs` on the clock (at most a quarter of
 * `intervalMs`, and 250 ms): waits that end close together end together, so the probes of resources that poll
 * the same thing (two add-ons of one app waiting on its add-on list) leave at once and share one request
 * (`single-flight.ts`).
 */
export function onPollGrid(nowMs: number, waitMs: number, intervalMs: number): number {
  const grid = Math.min(250, Math.floor(intervalMs / 4));
  if (grid <= 0) return waitMs;
  return Math.ceil((nowMs + waitMs) / grid) * grid - nowMs;
}

/**
 * The first instant after `nowMs` at which a wait anchored at `anchorMs` probes: from the anchor, each wait is
 * {@link nextPollWait} of the time since the anchor, ended on the {@link onPollGrid} grid. A pure function of
 * its arguments, so waits that share an anchor probe at the same instants.
 */
export function nextPollAt(anchorMs: number, nowMs: number, intervalMs: number): number {
  let at = anchorMs;
  while (at <= nowMs) at += Math.max(1, onPollGrid(at, nextPollWait(at - anchorMs, intervalMs), intervalMs));
  return at;
}

/**
 * The anchor of a wait: the start of the latest clock of this host on `clock`, while that began at most
 * `intervalMs` before this wait and a wait on it is still going; else this wait's own start, which becomes that
 * latest clock. Two add-ons of one app whose creates return a few hundred milliseconds apart (one was retried
 * after a 429) so probe their app's add-on list together, and share each probe, instead of each on its own
 * schedule; a wait that began long after never inherits another's slower pace. `leave` when the wait ends.
 */
export function joinClock(
  clock: string | undefined,
  startedMs: number,
  intervalMs: number,
): { anchor: number; leave: () => void } {
  if (clock === undefined) return { anchor: startedMs, leave: () => undefined };
  const clocks = processRegistry<{ anchor: number; waits: number }>("paasenv.poll-clocks");
  const running = clocks.get(clock);
  const recent = running !== undefined && startedMs - running.anchor <= intervalMs;
  const entry = recent ? running : { anchor: startedMs, waits: 0 };
  entry.waits += 1;
  clocks.set(clock, entry);
  const leave = () => {
    entry.waits -= 1;
    if (entry.waits === 0 && clocks.get(clock) === entry) clocks.delete(clock);
  };
  return { anchor: entry.anchor, leave };
}

/**
 * Poll `probe` until `done`, failing on `failure` or after `timeoutMs` (customTimeouts do not reach us), and say
 * after each probe that is not done what is awaited and for how long (`progress`).
 */
export async function pollUntil<T>(opts: PollOptions<T>): Promise<T> {
  const started = Date.now();
  const clock = joinClock(opts.clock, started, opts.intervalMs);
  try {
    return await pollFrom(opts, started, clock.anchor);
  } finally {
    clock.leave();
  }
}

async function pollFrom<T>(opts: PollOptions<T>, started: number, anchor: number): Promise<T> {
  const deadline = started + opts.timeoutMs;
  const progress = opts.progress ?? hostProgress();
  let known = opts.known;
  for (;;) {
    const value = known ?? (await opts.probe());
    known = undefined;
    const failed = opts.failure?.(value);
    if (failed !== undefined) throw providerError(opts.provider, `${opts.what} failed: ${failed}`);
    if (opts.done(value)) return value;
    if (Date.now() >= deadline) {
      const seconds = Math.round(opts.timeoutMs / 1000);
      throw providerError(opts.provider, `${opts.what} did not finish within ${seconds} s; ${opts.hint}`);
    }
    progress(waitingMessage(opts.what, Date.now() - started, opts.state?.(value)));
    const now = Date.now();
    // Never sooner than a quarter of the interval after a probe that came back late (retried after a 429).
    const wait = nextPollAt(anchor, now + opts.intervalMs / 4, opts.intervalMs) - now;
    await sleep(Math.min(wait, Math.max(0, deadline - now)));
  }
}
