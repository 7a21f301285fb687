/** Create-once and polling, with fake callbacks. */
import { describe, expect, it } from "vitest";
import { providerError } from "../../../providers/base/errors";
import {
  createOnce,
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
