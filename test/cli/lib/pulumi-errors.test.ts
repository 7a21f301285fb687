import { describe, expect, it } from "vitest";
import { isCliError } from "../../../cli/lib/errors";
import { isLockError, isMissingStackError, pulumiFailure, pulumiReason } from "../../../cli/lib/pulumi";

// The shape of the Automation API's CommandError message, with the text the real CLI (3.259) prints for a
// DIY stack locked by another update (recorded in test/e2e/backend-s3.test.ts).
const LOCKED = [
  "code: 255",
  " stdout: ",
  " stderr: error: the stack is currently locked by 1 lock(s). Either wait for the other process(es) to end " +
    "or delete the lock file with `pulumi cancel`.",
  "  s3://paasenv-state/.pulumi/locks/organization/paasenv/review-5/5b09.json?endpoint=https%3A%2F%2Fs3.fr-par.scw.cloud: " +
    "created by runner@gh (pid 5118) at 2026-11-21T23:36:40Z",
  "",
  " err?: Error: exit status 255",
].join("\n");

const FAILED = [
  "code: 255",
  " stdout: Updating (review-5):",
  " stderr: error: update failed",
  "  pulumi-nodejs:dynamic/scalingo:Addon (paasenv-postgresql):",
  "    error: create add-on: POST /v1/apps/x/addons failed: 402 (payment required)",
  "",
  " err?: Error: exit status 255",
].join("\n");

describe("Pulumi errors", () => {
  it("recognises a lock held by another update and says what to do", () => {
    const error = new Error(LOCKED);
    expect(isLockError(error)).toBe(true);
    const failure = pulumiFailure("up", "review-5", error);
    expect(isCliError(failure) && failure.exitCode).toBe(1);
    expect(failure.message).toMatch(
      /^up review-5: the stack is locked by another update \(error: the stack is currently locked/,
    );
    expect(failure.message).toContain("created by runner@gh (pid 5118)");
    expect(failure.message).toContain(
      "Wait for it to finish and run again; if that run died, `paasenv recover review-5` clears its lock " +
        "(once it has proven it dead) and what it left half-done.",
    );
  });

  it("keeps the end of other failures, without the command-error framing", () => {
    expect(isLockError(new Error(FAILED))).toBe(false);
    expect(pulumiReason(new Error(FAILED))).toBe(
      [
        "error: update failed",
        "  pulumi-nodejs:dynamic/scalingo:Addon (paasenv-postgresql):",
        "    error: create add-on: POST /v1/apps/x/addons failed: 402 (payment required)",
      ].join("\n"),
    );
    expect(pulumiFailure("up", "staging", new Error(FAILED)).message).toMatch(
      /^up staging failed:\nerror: update failed/,
    );
  });

  it.each([
    ["no stack named 'review-3' found", true],
    ["error: stack 'organization/paasenv/review-3' not found", true],
    ["error: update failed", false],
  ])("isMissingStackError(%j) = %s", (text, expected) => {
    expect(isMissingStackError(new Error(text))).toBe(expected);
  });
});
