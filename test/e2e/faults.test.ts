import type { UpResult } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fullConfig } from "./configs";
import { viewOfApp, viewOfConfig } from "./expect-state";
import { type E2E, FAST_EMULATOR, loggedRequests, openStack, startE2E, storedApp } from "./harness";

// An unreliable Scalingo: 10% of API calls fail (500/502/503 or a dropped connection) and the rate limit
// is on, low enough (15 calls a minute) that a full `up` (about 27 calls) meets it. `up` must converge in
// at most two runs and never create anything twice.

const APP = "e2e-faults";

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E("faults", { ...FAST_EMULATOR, faultRate: 0.1, faultSeed: 6, rateLimit: 15 });
});

afterAll(async () => {
  await e2e?.stop();
});

/** Counts the values of `list` seen more than once. */
const duplicates = (list: readonly string[]) => list.filter((item, index) => list.indexOf(item) !== index);

describe("faults", () => {
  it("7. up converges in at most two runs with no duplicate objects", async () => {
    const config = fullConfig(APP);
    const stack = await openStack(e2e, "faults", config);
    const errors: string[] = [];
    let result: UpResult | undefined;
    for (let run = 1; run <= 2 && result === undefined; run++) {
      try {
        result = await stack.up();
      } catch (error) {
        errors.push(error instanceof Error ? error.message.slice(-2000) : String(error));
      }
    }
    const statuses = (await loggedRequests(e2e)).map((request) => request.status);
    const failed = statuses.filter((status) => status === 0 || status >= 500).length;
    const limited = statuses.filter((status) => status === 429).length;
    console.info(
      `faults: up converged in ${errors.length + 1} run(s); ${statuses.length} API calls, ` +
        `${failed} failed or dropped, ${limited} rate-limited`,
    );
    expect(failed).toBeGreaterThan(0);
    expect(limited).toBeGreaterThan(0);
    expect(errors.length <= 1 ? [] : errors).toEqual([]);
    expect(result?.summary.result).toBe("succeeded");

    const app = await storedApp(e2e, APP);
    if (app === undefined) throw new Error(`the emulator has no app ${APP}`);
    expect(viewOfApp(app)).toEqual(viewOfConfig(config));
    expect(duplicates(app.addons.map((a) => a.addon_provider.id))).toEqual([]);
    expect(duplicates(app.variables.map((v) => v.name))).toEqual([]);
    expect(duplicates(app.domains.map((d) => d.name))).toEqual([]);
    expect(duplicates(app.containers.map((c) => c.name))).toEqual([]);
  });
});
