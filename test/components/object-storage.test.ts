import { describe, expect, it } from "vitest";
import { parseStackConfig } from "../../components/config/schema";
import {
  bucketNameFor,
  storageArgsFor,
  storageIdFor,
  toBucketCorsRule,
  toBucketLifecycleRule,
} from "../../components/object-storage";

const config = (environment: "staging" | "production" | "review", storage: Record<string, unknown> = {}) =>
  parseStackConfig({
    environment,
    ...(environment === "review" ? { reviewNumber: 3 } : {}),
    app: { name: "shop-staging" },
    storage: { enabled: true, ...storage },
  });

describe("bucketNameFor", () => {
  it("derives the bucket name from the app name only", () => {
    expect(bucketNameFor("shop-staging")).toBe("shop-staging-storage");
  });

  it("stays within Scaleway's 63 characters for the longest app name", () => {
    expect(bucketNameFor("a".repeat(48)).length).toBeLessThanOrEqual(63);
  });
});

describe("storageIdFor", () => {
  it("is the bucket's Scaleway ID, with the project when one is set: any change of the three replaces it", () => {
    const args = { bucketName: "shop-storage", region: "fr-par" as const };
    expect(storageIdFor(args)).toBe("fr-par/shop-storage");
    expect(storageIdFor({ ...args, projectId: "p-1" })).toBe("fr-par/shop-storage@p-1");
    expect(storageIdFor({ ...args, region: "nl-ams" })).toBe("nl-ams/shop-storage");
  });
});

describe("storageArgsFor", () => {
  it.each([
    ["staging", false, false, false],
    ["production", true, false, true],
    ["review", false, true, false],
  ] as const)(
    "%s: versioning %s, forceDestroy %s, protect %s",
    (environment, versioning, forceDestroy, protect) => {
      const args = storageArgsFor(config(environment));
      expect(args).toMatchObject({ versioning, forceDestroy, protect, bucketName: "shop-staging-storage" });
    },
  );

  it("keeps configured versioning over the environment default", () => {
    expect(storageArgsFor(config("production", { versioning: false })).versioning).toBe(false);
    expect(storageArgsFor(config("staging", { versioning: true })).versioning).toBe(true);
  });

  it("does not let region, project or rules change the bucket name", () => {
    const changed = storageArgsFor(
      config("staging", {
        region: "nl-ams",
        projectId: "11111111-1111-4111-8111-111111111111",
        lifecycleRules: [{ id: "x", expirationDays: 1 }],
      }),
    );
    expect(changed.bucketName).toBe(storageArgsFor(config("staging")).bucketName);
    expect(changed).toMatchObject({ region: "nl-ams", projectId: "11111111-1111-4111-8111-111111111111" });
  });

  it("leaves the project out when not configured (the provider's default project)", () => {
    expect(storageArgsFor(config("staging"))).not.toHaveProperty("projectId");
  });
});

describe("rule mapping", () => {
  it.each([
    [
      { id: "tmp", prefix: "tmp/", expirationDays: 7 },
      { id: "tmp", enabled: true, prefix: "tmp/", expiration: { days: 7 } },
    ],
    [
      { id: "old", noncurrentVersionExpirationDays: 30 },
      { id: "old", enabled: true, noncurrentVersionExpiration: { noncurrentDays: 30 } },
    ],
    [
      { id: "mp", abortIncompleteMultipartUploadDays: 2 },
      { id: "mp", enabled: true, abortIncompleteMultipartUploadDays: 2 },
    ],
  ])("lifecycle %j → %j", (rule, expected) => {
    expect(toBucketLifecycleRule(rule)).toEqual(expected);
  });

  it("maps CORS rules field by field, leaving unset ones out", () => {
    expect(toBucketCorsRule({ allowedOrigins: ["https://a"], allowedMethods: ["GET"] })).toEqual({
      allowedOrigins: ["https://a"],
      allowedMethods: ["GET"],
    });
    expect(
      toBucketCorsRule({
        allowedOrigins: ["*"],
        allowedMethods: ["PUT"],
        allowedHeaders: ["*"],
        maxAgeSeconds: 60,
      }),
    ).toEqual({ allowedOrigins: ["*"], allowedMethods: ["PUT"], allowedHeaders: ["*"], maxAgeSeconds: 60 });
  });
});
