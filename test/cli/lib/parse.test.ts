import { describe, expect, it } from "vitest";
import { EXIT, isCliError } from "../../../cli/lib/errors";
import { parseDuration, parseReviewNumber, parseSet, parseStackName } from "../../../cli/lib/parse";

/** The usage error `fn` throws (exit code 2), for message assertions. */
function usageMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (isCliError(error) && error.exitCode === EXIT.usage) return error.message;
    throw error;
  }
  throw new Error("expected a usage error");
}

describe("parseDuration", () => {
  it.each([
    ["72h", 72 * 3_600_000],
    ["3d", 3 * 86_400_000],
    ["90m", 90 * 60_000],
    ["45s", 45_000],
    ["1w", 7 * 86_400_000],
    ["1d12h", 36 * 3_600_000],
    [" 2h ", 2 * 3_600_000],
  ])("%s", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(["", "72", "h", "3 days", "-1h", "1.5h", "1h-2m", "72H"])("rejects %j", (text) => {
    expect(usageMessage(() => parseDuration(text))).toBe(
      `--older-than must be a duration such as 72h, 3d, 90m or 1d12h (units s, m, h, d, w), got "${text}"`,
    );
  });
});

describe("parseReviewNumber", () => {
  it("takes positive integers", () => {
    expect(parseReviewNumber("7")).toBe(7);
    expect(parseReviewNumber("1234")).toBe(1234);
  });
  it.each(["0", "-3", "07", "7a", "1.0", ""])("rejects %j", (text) => {
    expect(usageMessage(() => parseReviewNumber(text))).toBe(
      `the review number must be a positive integer (the pull-request number), got "${text}"`,
    );
  });
});

describe("parseSet", () => {
  it("adds the paasenv namespace and accumulates", () => {
    const first = parseSet("storage.enabled=false", []);
    expect(parseSet("scalingo:apiUrl=http://x/y?a=b", first)).toEqual([
      "paasenv:storage.enabled=false",
      "scalingo:apiUrl=http://x/y?a=b",
    ]);
  });
  it.each(["novalue", "=x", "a b=c", "paasenv:=1"])("rejects %j", (text) => {
    expect(usageMessage(() => parseSet(text, []))).toBe(
      `--set expects key=value with a key such as storage.enabled or paasenv:dns.provider, got "${text}"`,
    );
  });
});

describe("parseStackName", () => {
  it("accepts plain and qualified names", () => {
    expect(parseStackName("staging")).toBe("staging");
    expect(parseStackName("organization/paasenv/review-7")).toBe("organization/paasenv/review-7");
  });
  it("rejects others", () => {
    expect(usageMessage(() => parseStackName("a b"))).toBe(
      '"a b" is not a stack name (letters, digits, "-", "_" and "." only)',
    );
  });
});
