import { describe, expect, it } from "vitest";
import { recoverLines, recoverSummary } from "../../../cli/recover";
import type { RecoverResult } from "../../../cli/recover/run";

const NOW = new Date("2026-11-30T21:00:00Z");

const RESULT: RecoverResult = {
  locks: [
    {
      holder: {
        url: "s3://state/.pulumi/locks/organization/paasenv/staging/1.json",
        username: "runner",
        hostname: "ci-7",
        pid: 4242,
        takenAt: new Date("2026-11-30T19:30:00Z"),
      },
      dead: true,
      why: "taken on another machine longer ago than --assume-dead-after 1h",
    },
  ],
  decisions: [
    {
      urn: "u1",
      name: "paasenv-app",
      type: "scalingo:App",
      outcome: "imported",
      id: "a1",
      detail: "app found",
    },
    { urn: "u2", name: "paasenv-dns", type: "alwaysdata:Record", outcome: "needs-you", detail: "look" },
  ],
  written: true,
};

describe("the recover report", () => {
  it("has one line per lock and per pending operation", () => {
    expect(recoverLines(RESULT, NOW)).toEqual([
      {
        action: "lock-removed",
        name: "runner@ci-7 (pid 4242), taken 1h 30m ago",
        detail: "dead: taken on another machine longer ago than --assume-dead-after 1h",
      },
      { action: "imported", name: "paasenv-app (scalingo:App)", detail: "app found" },
      { action: "needs-you", name: "paasenv-dns (alwaysdata:Record)", detail: "look" },
    ]);
  });

  it("says what a dry run would do, and when there was nothing to do", () => {
    const dry = { ...RESULT, locks: [], written: false };
    expect(recoverLines(dry, NOW).map((line) => line.action)).toEqual(["would-be-imported", "needs-you"]);
    expect(recoverSummary("staging", dry)).toBe(
      "staging: dry run, nothing written (locks are only checked when writing)",
    );
    expect(recoverSummary("staging", { locks: [], decisions: [], written: true })).toBe(
      "staging: no lock and no pending operation; nothing to recover",
    );
    expect(recoverSummary("staging", RESULT)).toBe(
      "staging: recovered; run `pulumi up` (or re-run the deployment) to converge",
    );
  });
});
