import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  APP_NAME_MAX,
  appNameProblem,
  childName,
  isScalingoReviewApp,
  parseReviewAppName,
  reviewAppName,
} from "../../../components/config/naming";

const appNameArb = fc
  .array(fc.stringMatching(/^[a-z0-9]{1,12}$/), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.join("-"))
  .filter((name) => name.length >= 6 && name.length <= APP_NAME_MAX);

describe("appNameProblem", () => {
  it.each([
    ["myapp-staging", undefined],
    ["abcdef", undefined],
    ["a".repeat(48), undefined],
    ["abcde", "must be 6–48 characters long (it has 5)"],
    ["a".repeat(49), "must be 6–48 characters long (it has 49)"],
    [
      "-myapp",
      "may contain only lower-case letters, digits and single hyphens, and must not start or end with a hyphen",
    ],
    [
      "my--app",
      "may contain only lower-case letters, digits and single hyphens, and must not start or end with a hyphen",
    ],
    [
      "MyApp1",
      "may contain only lower-case letters, digits and single hyphens, and must not start or end with a hyphen",
    ],
  ])("%s", (name, expected) => {
    expect(appNameProblem(name)).toBe(expected);
  });
});

describe("reviewAppName", () => {
  it.each([
    ["myapp-staging", 7, "myapp-staging-review-7"],
    ["myapp-staging", 1234, "myapp-staging-review-1234"],
  ])("%s #%i → %s", (source, n, expected) => {
    expect(reviewAppName(source, n)).toBe(expected);
  });

  it("cuts a long source name, keeps the suffix whole and adds a hash", () => {
    const name = reviewAppName("a-very-long-application-name-for-staging-env", 42);
    expect(name).toMatch(/^a-very-long-application-name-for-[0-9a-z]{4}-review-42$/);
    expect(name.length).toBeLessThanOrEqual(APP_NAME_MAX);
  });

  it("refuses a review number that is not a positive integer", () => {
    expect(() => reviewAppName("myapp-staging", 0)).toThrow(
      "review number must be a positive integer (got 0)",
    );
  });

  it("always yields a valid Scalingo name that tools recognise, never a -pr<N> name", () => {
    fc.assert(
      fc.property(appNameArb, fc.integer({ min: 1, max: 999_999 }), (source, n) => {
        const name = reviewAppName(source, n);
        expect(appNameProblem(name)).toBeUndefined();
        expect(parseReviewAppName(name)?.reviewNumber).toBe(n);
        expect(isScalingoReviewApp(name)).toBe(false);
      }),
    );
  });

  it("never makes two sources collide for the same pull request", () => {
    fc.assert(
      fc.property(appNameArb, appNameArb, fc.integer({ min: 1, max: 99_999 }), (a, b, n) => {
        fc.pre(a !== b);
        expect(reviewAppName(a, n)).not.toBe(reviewAppName(b, n));
      }),
    );
  });
});

describe("review pattern and Scalingo's own review apps", () => {
  it.each([
    ["myapp-staging-review-7", { source: "myapp-staging", reviewNumber: 7 }],
    ["myapp-staging-pr7", undefined],
    ["myapp-staging", undefined],
    ["myapp-review-07", undefined],
  ])("parseReviewAppName(%s)", (name, expected) => {
    expect(parseReviewAppName(name)).toEqual(expected);
  });

  it.each([
    ["myapp-staging-pr12", true],
    ["myapp-staging-review-12", false],
    ["myapp-production", false],
  ])("isScalingoReviewApp(%s) = %s", (name, expected) => {
    expect(isScalingoReviewApp(name)).toBe(expected);
  });
});

describe("childName", () => {
  it("prefixes the parent's name", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (parent, key) => {
        expect(childName(parent, key).startsWith(`${parent}-`)).toBe(true);
      }),
    );
  });
});
