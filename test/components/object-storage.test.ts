import { describe, expect, it } from "vitest";
import { applyReviewOverrides } from "../../components/config/review";
import { parseStackConfig } from "../../components/config/schema";
import {
  bucketNameFor,
  deployerAccessKey,
  storageArgsFor,
  storageIdFor,
  storageProblems,
  toBucketCorsRule,
  toBucketLifecycleRule,
} from "../../components/object-storage";
import { APP_PERMISSION_SETS, bucketPolicyDocument, principalOf } from "../../components/storage-policies";
import { runEnvironment, stackFileConfig } from "./harness";

const KEY = "SCWDEPLOYERACCESSKEY";

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
      const args = storageArgsFor(config(environment), KEY);
      expect(args).toMatchObject({ versioning, forceDestroy, protect, bucketName: "shop-staging-storage" });
    },
  );

  it("keeps configured versioning over the environment default", () => {
    expect(storageArgsFor(config("production", { versioning: false }), KEY).versioning).toBe(false);
    expect(storageArgsFor(config("staging", { versioning: true }), KEY).versioning).toBe(true);
  });

  it("does not let region, project or rules change the bucket name", () => {
    const changed = storageArgsFor(
      config("staging", {
        region: "nl-ams",
        projectId: "11111111-1111-4111-8111-111111111111",
        lifecycleRules: [{ id: "x", expirationDays: 1 }],
      }),
      KEY,
    );
    expect(changed.bucketName).toBe(storageArgsFor(config("staging"), KEY).bucketName);
    expect(changed).toMatchObject({ region: "nl-ams", projectId: "11111111-1111-4111-8111-111111111111" });
  });

  it("leaves the project out when not configured (the provider's default project)", () => {
    expect(storageArgsFor(config("staging"), KEY)).not.toHaveProperty("projectId");
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

describe("CORS origins from placeholders", () => {
  const cors = {
    corsRules: [{ allowedOrigins: ["{{origins}}", "https://cdn.example.net"], allowedMethods: ["GET"] }],
  };
  const withDomain = (environment: "staging" | "production" | "review") =>
    parseStackConfig({
      environment,
      ...(environment === "review" ? { reviewNumber: 3, review: { domain: true } } : {}),
      app: { name: "shop-staging" },
      domains: [{ name: "staging.example.com" }],
      storage: { enabled: true, ...cors },
    });

  it.each([
    ["staging", ["https://staging.example.com", "https://shop-staging.osc-fr1.scalingo.io"]],
    ["production", ["https://staging.example.com", "https://shop-staging.osc-fr1.scalingo.io"]],
    ["review", ["https://review-3.staging.example.com", "https://shop-staging-review-3.osc-fr1.scalingo.io"]],
  ] as const)("%s: one origin per host of the environment, other origins kept", (environment, origins) => {
    const config = applyReviewOverrides(withDomain(environment));
    expect(storageArgsFor(config, KEY).corsRules?.[0]?.allowedOrigins).toEqual([
      ...origins,
      "https://cdn.example.net",
    ]);
  });
});

describe("the deployer's access key", () => {
  it("comes from scaleway:accessKey, else SCW_ACCESS_KEY; blank is missing", () => {
    expect(deployerAccessKey({ "scaleway:accessKey": "SCWCONFIG" }, { SCW_ACCESS_KEY: "SCWENV" })).toBe(
      "SCWCONFIG",
    );
    expect(deployerAccessKey({ "scaleway:accessKey": " " }, { SCW_ACCESS_KEY: "SCWENV" })).toBe("SCWENV");
    expect(deployerAccessKey({}, {})).toBeUndefined();
  });

  it("is required only with storage", () => {
    expect(storageProblems(config("staging"), undefined)).toHaveLength(1);
    expect(storageProblems(config("staging"), KEY)).toEqual([]);
    expect(storageProblems({ storage: { ...config("staging").storage, enabled: false } }, undefined)).toEqual(
      [],
    );
  });
});

describe("storage policies", () => {
  it.each([
    [{ accessKey: "K", userId: "u-1", applicationId: "" }, "user_id:u-1"],
    [{ accessKey: "K", userId: "", applicationId: "a-1" }, "application_id:a-1"],
  ])("principalOf(%j) = %s", (key, principal) => {
    expect(principalOf(key)).toBe(principal);
  });

  it("refuses to write a bucket policy without the deployer", () => {
    expect(() => principalOf({ accessKey: "SCWX", userId: "", applicationId: "" })).toThrow(
      "the Scaleway API key SCWX belongs to no user or application, so the bucket policy could not admit it: " +
        "check `scaleway:accessKey` / SCW_ACCESS_KEY",
    );
  });

  it("gives the app object actions only, and every action to the deployer, on the bucket and its objects", () => {
    const document = bucketPolicyDocument("shop-storage", "application_id:app", "user_id:me");
    expect(document.Statement.map((s) => [s.Principal.SCW, s.Resource])).toEqual([
      ["application_id:app", ["shop-storage", "shop-storage/*"]],
      ["user_id:me", ["shop-storage", "shop-storage/*"]],
    ]);
    expect(
      document.Statement[0]?.Action.some((action) =>
        /Bucket(Policy|Versioning|CORS|Tagging)|\*/.test(action),
      ),
    ).toBe(false);
    expect(APP_PERMISSION_SETS).not.toContain("ObjectStorageFullAccess");
  });
});

describe("ObjectStorage under mocks", () => {
  const staging = (storage: Record<string, unknown>) =>
    runEnvironment("staging", {
      ...stackFileConfig("staging"),
      "paasenv:storage": JSON.stringify({ enabled: true, ...storage }),
      "scaleway:accessKey": "SCWMOCKDEPLOYERKEY",
    });

  it("scopes the app's IAM policy to objects in the bucket's project and admits only the app and the deployer", async () => {
    const projectId = "11111111-1111-4111-8111-111111111111";
    const graph = await staging({ projectId });
    expect(graph.byName("paasenv-storage-policy").inputs).toEqual({
      name: "myapp-staging-storage-object-storage",
      description:
        "paasenv: objects in the project of myapp-staging-storage; its bucket policy admits this app alone",
      applicationId: "paasenv-storage-app-id",
      rules: [{ permissionSetNames: [...APP_PERMISSION_SETS], projectIds: [projectId] }],
    });
    const bucketPolicy = graph.byName("paasenv-storage-bucket-policy").inputs;
    expect({ ...bucketPolicy, policy: JSON.parse(String(bucketPolicy.policy)) }).toEqual({
      bucket: "myapp-staging-storage",
      region: "fr-par",
      projectId,
      policy: bucketPolicyDocument(
        "myapp-staging-storage",
        "application_id:paasenv-storage-app-id",
        "user_id:user-of-SCWMOCKDEPLOYERKEY",
      ),
    });
  }, 120_000);
});
