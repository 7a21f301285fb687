import { describe, expect, it } from "vitest";
import type { PlanSummary } from "../../cli/lib/plan-summary";
import type { ReviewStackDetails } from "../../cli/lib/stacks";
import { describeDrift } from "../../cli/preview";
import { planLines, renderGcReport, unverifiedLine } from "../../cli/review/gc";
import type { GcPlan } from "../../cli/review/gc-plan";
import { ago, renderReviewList, reviewListJson } from "../../cli/review/list";
import { describeChanges } from "../../cli/review/up";

const NOW = new Date("2026-11-20T12:00:00Z");
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);

const details = (n: number, created: number, updated: number, url?: string): ReviewStackDetails => ({
  name: `review-${n}`,
  reviewNumber: n,
  createdAt: hoursAgo(created),
  lastUpdate: hoursAgo(updated),
  updateInProgress: false,
  url,
  appNames: [`myapp-staging-review-${n}`],
});

describe("review list", () => {
  it("renders a table with age, last update and URL", () => {
    const text = renderReviewList(
      [details(7, 50, 2, "https://myapp-staging-review-7.osc-fr1.scalingo.io"), details(12, 1, 0.5)],
      NOW,
    );
    expect(text).toBe(
      [
        "STACK      AGE    LAST UPDATE  URL",
        "review-7   2d 2h  2h ago       https://myapp-staging-review-7.osc-fr1.scalingo.io",
        "review-12  1h     30m ago      -",
      ].join("\n"),
    );
  });

  it("says when there is none, and marks running updates", () => {
    expect(renderReviewList([], NOW)).toBe("no review stacks");
    expect(renderReviewList([{ ...details(3, 1, 1), updateInProgress: true }], NOW)).toContain("in progress");
    expect(ago(undefined, NOW)).toBe("never");
  });

  it("has a JSON form with ISO dates", () => {
    expect(JSON.parse(reviewListJson([details(7, 50, 2)]))).toEqual([
      {
        stack: "review-7",
        reviewNumber: 7,
        createdAt: "2026-11-18T10:00:00.000Z",
        lastUpdate: "2026-11-20T10:00:00.000Z",
        updateInProgress: false,
        url: null,
        apps: ["myapp-staging-review-7"],
      },
    ]);
  });
});

describe("review gc report", () => {
  const plan: GcPlan = {
    stale: [details(1, 200, 100)],
    kept: [details(2, 10, 5)],
    orphans: [{ name: "myapp-staging-review-99", region: "osc-fr1" }],
    scalingoReviewApps: [{ name: "myapp-staging-pr12", region: "osc-fr1" }],
  };

  it("reports kept stacks, orphans and ignored apps before acting", () => {
    expect(renderGcReport(planLines(plan, NOW, false, false))).toBe(
      [
        "kept     review-2                 last update 5h ago",
        "orphan   myapp-staging-review-99  osc-fr1: no stack owns it; --delete-orphans deletes it",
        "ignored  myapp-staging-pr12       osc-fr1: a Scalingo review app (-pr<N>), never touched",
      ].join("\n"),
    );
  });

  it("announces what a dry run would remove", () => {
    const lines = planLines(plan, NOW, true, true).map((line) => `${line.action} ${line.name}`);
    expect(lines).toEqual([
      "kept review-2",
      "would-remove review-1",
      "orphan myapp-staging-review-99",
      "ignored myapp-staging-pr12",
    ]);
  });

  it("deletes no orphan when the state of a stack could not be read, and says why", () => {
    const lines = [
      ...planLines(plan, NOW, false, false, "not deleted (see below)"),
      unverifiedLine(["preprod"]),
    ];
    expect(renderGcReport(lines)).toBe(
      [
        "kept     review-2                 last update 5h ago",
        "orphan   myapp-staging-review-99  osc-fr1: no stack owns it; not deleted (see below)",
        "ignored  myapp-staging-pr12       osc-fr1: a Scalingo review app (-pr<N>), never touched",
        "failed   --delete-orphans         no orphan deleted: the state of preprod could not be read, and it may own them",
      ].join("\n"),
    );
  });

  it("leaves orphan lines to the deletion when --delete-orphans acts", () => {
    expect(planLines(plan, NOW, false, true).map((line) => line.action)).toEqual(["kept", "ignored"]);
    expect(renderGcReport([])).toBe("nothing to do");
  });
});

describe("one-line summaries", () => {
  it("describes up results", () => {
    expect(describeChanges({ create: 9 })).toBe("9 created");
    expect(describeChanges({ same: 8, update: 1 })).toBe("8 unchanged, 1 updated");
    expect(describeChanges({})).toBe("nothing");
  });

  it("names what drifted", () => {
    const summary: PlanSummary = {
      stack: "production",
      counts: { create: 0, update: 2, replace: 0, delete: 0, same: 3 },
      changes: [
        {
          kind: "update",
          urn: "u1",
          name: "paasenv-app",
          type: "pulumi-nodejs:dynamic/scalingo:App",
          dataBearing: false,
          properties: [],
        },
        {
          kind: "update",
          urn: "u2",
          name: "paasenv-formation",
          type: "pulumi-nodejs:dynamic/scalingo:Formation",
          dataBearing: false,
          properties: [],
        },
      ],
    };
    expect(describeDrift(summary)).toBe(
      "production: 2 resources would change: update paasenv-app (App), update paasenv-formation (Formation)",
    );
  });
});
