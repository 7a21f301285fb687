import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatDuration,
  formatTable,
  isReviewAppOf,
  isStale,
  planReviewGc,
  type ReviewStackInfo,
  reviewNumberOfStack,
} from "../../../cli/review/gc-plan";
import { reviewAppName } from "../../../components/config/naming";

const NOW = new Date("2026-11-20T12:00:00Z");
const HOUR = 3_600_000;

function stack(
  n: number,
  hoursAgo: number | undefined,
  extra: Partial<ReviewStackInfo> = {},
): ReviewStackInfo {
  return {
    name: `review-${n}`,
    reviewNumber: n,
    lastUpdate: hoursAgo === undefined ? undefined : new Date(NOW.getTime() - hoursAgo * HOUR),
    updateInProgress: false,
    appNames: [`myapp-staging-review-${n}`],
    ...extra,
  };
}

describe("planReviewGc", () => {
  it("removes stale stacks, keeps recent and running ones, reports orphans and ignores -pr apps", () => {
    const plan = planReviewGc({
      stacks: [stack(1, 100), stack(2, 5), stack(3, 200, { updateInProgress: true }), stack(4, undefined)],
      apps: [
        { name: "myapp-staging-review-1", region: "osc-fr1" },
        { name: "myapp-staging-review-2", region: "osc-fr1" },
        { name: "myapp-staging-review-99", region: "osc-fr1" },
        { name: "myapp-staging-pr12", region: "osc-fr1" },
        { name: "otherteam-review-5", region: "osc-fr1" },
        { name: "myapp-staging", region: "osc-fr1" },
      ],
      sourceApps: ["myapp-staging"],
      ownedApps: new Set(["myapp-staging"]),
      now: NOW,
      olderThanMs: 72 * HOUR,
    });
    expect(plan.stale.map((s) => s.name)).toEqual(["review-1", "review-4"]);
    expect(plan.kept.map((s) => s.name)).toEqual(["review-2", "review-3"]);
    expect(plan.orphans).toEqual([{ name: "myapp-staging-review-99", region: "osc-fr1" }]);
    expect(plan.scalingoReviewApps).toEqual([{ name: "myapp-staging-pr12", region: "osc-fr1" }]);
  });

  it("finds no orphans without source apps", () => {
    const plan = planReviewGc({
      stacks: [],
      apps: [{ name: "myapp-staging-review-99", region: "osc-fr1" }],
      sourceApps: [],
      ownedApps: new Set(),
      now: NOW,
      olderThanMs: HOUR,
    });
    expect(plan.orphans).toEqual([]);
  });

  it("never takes an app owned by any stack of the backend for an orphan, whatever its name", () => {
    const apps = [
      // preprod's own app, named like review app 77 of staging's source app.
      { name: "myapp-staging-review-77", region: "osc-fr1" },
      { name: "myapp-staging-review-78", region: "osc-fr1" },
    ];
    const plan = (owned: string[]) =>
      planReviewGc({
        stacks: [],
        apps,
        sourceApps: ["myapp-staging", "myapp-staging-review-77"],
        ownedApps: new Set(owned),
        now: NOW,
        olderThanMs: HOUR,
      }).orphans.map((app) => app.name);
    expect(plan([])).toEqual(["myapp-staging-review-77", "myapp-staging-review-78"]);
    expect(plan(["myapp-staging", "myapp-staging-review-77"])).toEqual(["myapp-staging-review-78"]);
  });
});

describe("isStale", () => {
  it("compares the last update with the limit, strictly", () => {
    expect(isStale(stack(1, 72), NOW, 72 * HOUR)).toBe(false);
    expect(isStale(stack(1, 72.01), NOW, 72 * HOUR)).toBe(true);
  });
});

describe("isReviewAppOf", () => {
  const sourceName = fc.stringMatching(/^[a-z0-9]{1,20}(-[a-z0-9]{1,20}){0,3}$/).filter((s) => s.length >= 6);

  it("recognises every review app name of a source, shortened ones included", () => {
    fc.assert(
      fc.property(sourceName, fc.integer({ min: 1, max: 99_999 }), (source, n) => {
        expect(isReviewAppOf(reviewAppName(source, n), [source])).toBe(true);
      }),
    );
  });

  it("never takes a Scalingo -pr<N> app, nor the source itself", () => {
    fc.assert(
      fc.property(sourceName, fc.integer({ min: 1, max: 99_999 }), (source, n) => {
        expect(isReviewAppOf(`${source}-pr${n}`, [source])).toBe(false);
        expect(isReviewAppOf(source, [source])).toBe(false);
      }),
    );
  });

  it("does not take another source's review apps", () => {
    expect(isReviewAppOf("otherteam-review-5", ["myapp-staging"])).toBe(false);
    expect(isReviewAppOf(reviewAppName("a".repeat(45), 3), ["a".repeat(44)])).toBe(false);
  });
});

describe("formatting", () => {
  it.each([
    [0, "0s"],
    [59_000, "59s"],
    [60_000, "1m"],
    [3 * HOUR + 20 * 60_000, "3h 20m"],
    [2 * HOUR, "2h"],
    [98 * HOUR, "4d 2h"],
    [96 * HOUR, "4d"],
    [-5, "0s"],
  ])("formatDuration(%d) = %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it("aligns tables", () => {
    expect(
      formatTable(
        ["A", "BB"],
        [
          ["xyz", "1"],
          ["q", ""],
        ],
      ),
    ).toBe("A    BB\nxyz  1\nq");
  });

  it("reads review numbers from stack names", () => {
    expect(reviewNumberOfStack("review-7")).toBe(7);
    expect(reviewNumberOfStack("organization/paasenv/review-12")).toBe(12);
    expect(reviewNumberOfStack("staging")).toBeUndefined();
    expect(reviewNumberOfStack("review-07")).toBeUndefined();
  });
});
