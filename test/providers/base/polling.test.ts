/** Create-once and polling, with fake callbacks. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { providerError } from "../../../providers/base/errors";
import {
  createOnce,
  joinClock,
  nextPollAt,
  nextPollWait,
  onPollGrid,
  outcomeUnknown,
  pollUntil,
} from "../../../providers/base/polling";

/** Await a promise expected to reject and return its error. */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error("expected the promise to reject with an Error");
}

describe("createOnce", () => {
  const unknown = () => providerError("Scalingo", "lost", { outcomeUnknown: true });
  it("returns what the lookup finds after an unknown outcome, without creating again", async () => {
    let creates = 0;
    const result = await createOnce({
      attempts: 3,
      delayMs: () => 0,
      create: async () => {
        creates++;
        throw unknown();
      },
      lookup: async () => "found",
    });
    expect({ result, creates }).toEqual({ result: "found", creates: 1 });
  });

  it("does not retry or look up after a definite refusal", async () => {
    let lookups = 0;
    const error = await rejection(
      createOnce({
        attempts: 3,
        delayMs: () => 0,
        create: async () => {
          throw providerError("Scalingo", "422", { status: 422 });
        },
        lookup: async () => {
          lookups++;
          return "found";
        },
      }),
    );
    expect({ message: error.message, lookups }).toEqual({ message: "422", lookups: 0 });
  });

  it("creates again when the lookup finds nothing, and gives up after the last attempt", async () => {
    const calls: string[] = [];
    const error = await rejection(
      createOnce({
        attempts: 2,
        delayMs: () => 0,
        create: async () => {
          calls.push("create");
          throw unknown();
        },
        lookup: async () => {
          calls.push("lookup");
          return undefined;
        },
      }),
    );
    expect({ message: error.message, calls }).toEqual({
      message: "lost",
      calls: ["create", "lookup", "create", "lookup"],
    });
  });

  it.each([
    [{ outcomeUnknown: true }, true],
    [{ outcomeUnknown: false }, false],
    [new Error("x"), false],
    [undefined, false],
  ])("outcomeUnknown(%j) = %s", (error, expected) => {
    expect(outcomeUnknown(error)).toBe(expected);
  });
});

describe("pollUntil", () => {
  const base = { provider: "Acme", what: "op 1", intervalMs: 1, hint: "raise the timeout" };

  it("polls until done", async () => {
    let n = 0;
    const value = await pollUntil({ ...base, timeoutMs: 1000, probe: async () => ++n, done: (v) => v === 3 });
    expect(value).toBe(3);
  });

  it("says after each probe that is not done what is awaited, its state and for how long", async () => {
    const lines: string[] = [];
    let n = 0;
    await pollUntil({
      ...base,
      timeoutMs: 1000,
      probe: async () => ++n,
      done: (v) => v === 3,
      state: (v) => `step ${v}`,
      progress: (line) => lines.push(line),
    });
    expect(lines).toEqual([
      expect.stringMatching(/^op 1 \(step 1, \d+ s so far\)$/),
      expect.stringMatching(/^op 1 \(step 2, \d+ s so far\)$/),
    ]);
  });

  it("fails with the reason the probe gives", async () => {
    const error = await rejection(
      pollUntil({
        ...base,
        timeoutMs: 1000,
        probe: async () => "error",
        done: () => false,
        failure: (v) => v,
      }),
    );
    expect(error).toMatchObject({ name: "AcmeError", message: "op 1 failed: error" });
  });

  it("answers the first probe with the value in hand: nothing is called when it is done already", async () => {
    let probes = 0;
    const probe = async () => ++probes;
    expect(await pollUntil({ ...base, timeoutMs: 1000, known: 7, probe, done: (v) => v === 7 })).toBe(7);
    expect(probes).toBe(0);
    expect(await pollUntil({ ...base, timeoutMs: 1000, known: 0, probe, done: (v) => v === 2 })).toBe(2);
    expect(probes).toBe(2);
  });

  it.each([
    [0, 2000, 1000],
    [1000, 2000, 1000],
    [3000, 2000, 1500],
    [20_000, 2000, 10_000],
    [60_000, 2000, 15_000],
    [60_000, 30_000, 30_000],
  ])(
    "waits nextPollWait(%i ms elapsed, %i ms interval) = %i ms before the next probe",
    (elapsed, interval, wait) => {
      expect(nextPollWait(elapsed, interval)).toBe(wait);
    },
  );

  it.each([
    // now, wait, interval → wait ending on the grid (250 ms at the default 2 s interval)
    [10_030, 1_000, 2_000, 1_220],
    [10_000, 1_000, 2_000, 1_000],
    [10_249, 1_000, 2_000, 1_001],
    // a short interval, a finer grid (a quarter of it); none at all below 4 ms
    [1_003, 50, 100, 72],
    [1_003, 1, 3, 1],
  ])(
    "lengthens a %i + %i ms wait (%i ms interval) to %i ms, to end on the grid",
    (now, wait, interval, grid) => {
      expect(onPollGrid(now, wait, interval)).toBe(grid);
    },
  );

  it("ends two waits that start a little apart on the same tick", () => {
    const ends = [20_010, 20_060].map((now) => now + onPollGrid(now, nextPollWait(1_000, 2_000), 2_000));
    expect(ends).toEqual([21_250, 21_250]);
  });

  it("gives up at the deadline with the hint", async () => {
    const error = await rejection(
      pollUntil({ ...base, timeoutMs: 5, probe: async () => 0, done: () => false }),
    );
    expect(error.message).toBe("op 1 did not finish within 0 s; raise the timeout");
  });
});

describe("waits on one clock", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("probe at the instants nextPollWait and the grid give from the anchor", () => {
    const instants = [0];
    for (let i = 0; i < 6; i++)
      instants.push(nextPollAt(10_000, 10_000 + (instants.at(-1) ?? 0), 2_000) - 10_000);
    expect(instants).toEqual([0, 1_000, 2_000, 3_000, 4_500, 6_750, 10_250]);
    // Whatever "now" is between two instants, the next one is the same.
    expect(nextPollAt(10_000, 12_001, 2_000)).toBe(13_000);
    expect(nextPollAt(10_000, 12_999, 2_000)).toBe(13_000);
    // No interval at all still moves forward.
    expect(nextPollAt(0, 5, 0)).toBeGreaterThan(5);
  });

  /** The instants (from 0) at which a wait on `clock` that starts at `startMs` probes, done from `doneMs` on. */
  function wait(clock: string | undefined, doneMs: number, probes: number[]) {
    return pollUntil({
      provider: "Acme",
      what: "op",
      hint: "",
      timeoutMs: 60_000,
      intervalMs: 2_000,
      clock,
      known: 0,
      progress: () => undefined,
      probe: async () => {
        probes.push(Date.now());
        return Date.now();
      },
      done: (now) => now >= doneMs,
    });
  }

  it("share their instants when they begin within an interval, and keep their own when later", async () => {
    vi.useFakeTimers({ now: 0 });
    const [first, second, late, later] = [[], [], [], []] as number[][];
    const waits = [wait("GET /v1/apps/a/addons", 5_000, first ?? [])];
    await vi.advanceTimersByTimeAsync(600);
    waits.push(wait("GET /v1/apps/a/addons", 5_000, second ?? []));
    await vi.advanceTimersByTimeAsync(1_900);
    waits.push(wait("GET /v1/apps/a/addons", 6_000, late ?? []));
    await vi.advanceTimersByTimeAsync(500);
    waits.push(wait("GET /v1/apps/a/addons", 6_000, later ?? []));
    await vi.advanceTimersByTimeAsync(10_000);
    await Promise.all(waits);
    expect(first).toEqual([1_000, 2_000, 3_000, 4_500, 6_750]);
    // Its first probe at least a quarter of the interval after its start, then the first one's instants.
    expect(second).toEqual([2_000, 3_000, 4_500, 6_750]);
    // Began 2.5 s after the first: its own pace, not the first one's slower one, and a clock for the next.
    expect(late).toEqual([3_500, 4_500, 5_500, 7_000]);
    expect(later).toEqual([4_500, 5_500, 7_000]);
  });

  it("never probe sooner than a quarter of the interval after a probe that came back late", async () => {
    vi.useFakeTimers({ now: 0 });
    const probes: number[] = [];
    const slow = pollUntil({
      provider: "Acme",
      what: "op",
      hint: "",
      timeoutMs: 60_000,
      intervalMs: 2_000,
      progress: () => undefined,
      probe: async () => {
        probes.push(Date.now());
        // The first probe takes 1.9 s (retried after 429s): it comes back 100 ms before the next instant.
        if (probes.length === 1) await new Promise((resolve) => setTimeout(resolve, 1_900));
        return Date.now();
      },
      done: (now) => now >= 3_500,
    });
    await vi.advanceTimersByTimeAsync(10_000);
    await slow;
    expect(probes).toEqual([0, 3_000, 4_500]);
  });

  it("forget the clock once every wait on it has ended", () => {
    const a = joinClock("k", 1_000, 2_000);
    const b = joinClock("k", 1_500, 2_000);
    expect([a.anchor, b.anchor]).toEqual([1_000, 1_000]);
    a.leave();
    b.leave();
    expect(joinClock("k", 9_000, 2_000).anchor).toBe(9_000);
  });
});
