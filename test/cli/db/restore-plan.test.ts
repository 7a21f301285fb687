import { describe, expect, it } from "vitest";
import {
  parseRestoreTime,
  type RestorePlan,
  restoreRefusal,
  restoreStatement,
} from "../../../cli/db/restore-plan";

describe("parseRestoreTime", () => {
  it.each([
    ["2026-07-18T23:00:00Z", "2026-07-18T23:00:00Z"],
    ["2026-07-19T01:00:00+02:00", "2026-07-18T23:00:00Z"],
    ["2026-07-18T23:00Z", "2026-07-18T23:00:00Z"],
    ["2026-07-18T23:00:00.250Z", "2026-07-18T23:00:00.250Z"],
  ])("%s → %s (UTC)", (text, utc) => {
    expect(parseRestoreTime(text)).toBe(utc);
  });

  it.each(["2026-07-18T23:00:00", "2026-07-18", "yesterday", "2026-13-40T25:00:00Z"])(
    "refuses %j",
    (text) => {
      expect(() => parseRestoreTime(text)).toThrow(`--to must be a date and time with its offset`);
    },
  );
});

describe("restoreRefusal", () => {
  const plan: RestorePlan = {
    stack: "production",
    environment: "production",
    app: "shop-production",
    addonId: "ad-1",
    to: "2026-07-18T23:00:00Z",
    window: { earliest: "2026-07-12T00:00:00Z", latest: "2026-07-19T08:00:00Z" },
    running: null,
    confirm: "production",
  };

  it("states what it will do, whatever the decision", () => {
    expect(restoreStatement(plan)).toBe(
      "production: restore the PostgreSQL database ad-1 of app shop-production to its state at 2026-07-18T23:00:00Z; " +
        "everything written after that time is lost, and this cannot be undone",
    );
  });

  it.each([
    ["production, confirmed", {}, undefined],
    ["staging, unconfirmed", { stack: "staging", environment: "staging", confirm: undefined }, undefined],
    [
      "production, unconfirmed",
      { confirm: undefined },
      "production is a production stack: take a manual backup first (docs/runbooks/restore.md), then run again with `--confirm production`",
    ],
    [
      "production, confirmed for another stack",
      { confirm: "staging" },
      "then run again with `--confirm production`",
    ],
    [
      "before the window",
      { to: "2026-07-01T00:00:00Z" },
      "2026-07-01T00:00:00Z is outside the recovery window, 2026-07-12T00:00:00Z → 2026-07-19T08:00:00Z",
    ],
    ["no window", { window: null }, "this database has no point-in-time recovery window"],
    [
      "an operation running",
      { running: "op-1" },
      "operation op-1 is still running on the database; wait for it to end",
    ],
  ] as const)("%s", (_what, patch, expected) => {
    const refusal = restoreRefusal({ ...plan, ...patch });
    if (expected === undefined) expect(refusal).toBeUndefined();
    else expect(refusal).toContain(expected);
  });
});
