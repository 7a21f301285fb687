import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import {
  applyOverride,
  deriveReviewConfig,
  OFFLINE_OVERRIDES,
  parseOverride,
  parseOverrideValue,
  resolveReviewConfig,
} from "../../../cli/lib/review-stack";
import { type ConfigJson, configFromStackFile, configFromValues } from "../../../cli/lib/stack-config";

const repoRoot = path.resolve(__dirname, "..", "..", "..");
const staging = (): ConfigJson =>
  configFromStackFile(
    fs.readFileSync(path.join(repoRoot, "Pulumi.staging.yaml"), "utf8"),
    "Pulumi.staging.yaml",
  );

describe("parseOverrideValue", () => {
  it.each([
    ["true", true],
    ["false", false],
    ["12", 12],
    ["-3", -3],
    ["0", 0],
    ["012", "012"],
    ["1.5", "1.5"],
    ["none", "none"],
    ["", ""],
    ["99999999999999999999", "99999999999999999999"],
  ])("reads %j as %j", (text, value) => {
    expect(parseOverrideValue(text)).toEqual(value);
  });
});

describe("parseOverride", () => {
  it.each([
    ["paasenv:storage.enabled=false", { key: "paasenv:storage", path: ["enabled"], value: false }],
    ["paasenv:dns.provider=none", { key: "paasenv:dns", path: ["provider"], value: "none" }],
    ["paasenv:allowDataLoss=true", { key: "paasenv:allowDataLoss", path: [], value: true }],
    [
      "paasenv:review.plans.postgresql=postgresql-starter-512",
      {
        key: "paasenv:review",
        path: ["plans", "postgresql"],
        value: "postgresql-starter-512",
      },
    ],
    ["paasenv:env.A=x=y", { key: "paasenv:env", path: ["A"], value: "x=y" }],
    ["scalingo:apiUrl=http://127.0.0.1:1", { key: "scalingo:apiUrl", path: [], value: "http://127.0.0.1:1" }],
  ])("parses %j", (text, override) => {
    expect(parseOverride(text)).toEqual(override);
  });

  it.each(["storage.enabled=false", "paasenv:storage.enabled", "paasenv:=1", "paasenv:a..b=1"])(
    "refuses %j with the expected form",
    (text) => {
      expect(() => parseOverride(text)).toThrow(
        `Override "${text}" must look like <namespace>:<key>[.<field>…]=<value>, e.g. paasenv:storage.enabled=false`,
      );
    },
  );
});

describe("applyOverride", () => {
  it("sets a field inside a structured value and keeps its siblings", () => {
    const config = configFromValues({ "paasenv:dns": { provider: "scaleway", zone: "example.com" } });
    const result = applyOverride(config, parseOverride("paasenv:dns.provider=none"));
    expect(result["paasenv:dns"]).toEqual({
      value: '{"provider":"none","zone":"example.com"}',
      objectValue: { provider: "none", zone: "example.com" },
      secret: false,
    });
  });

  it("creates the key, and maps on the way, when absent", () => {
    const result = applyOverride({}, parseOverride("paasenv:review.plans.redis=redis-starter-256"));
    expect(result["paasenv:review"]?.objectValue).toEqual({ plans: { redis: "redis-starter-256" } });
  });

  it("replaces a whole value and keeps the secret flag", () => {
    const config = configFromValues({ "scalingo:apiToken": "old" }, ["scalingo:apiToken"]);
    expect(applyOverride(config, parseOverride("scalingo:apiToken=new"))["scalingo:apiToken"]).toEqual({
      value: "new",
      secret: true,
    });
  });

  it("reads the JSON text of a secret object without objectValue", () => {
    const config: ConfigJson = { "paasenv:secretEnv": { value: '{"A":"1"}', secret: true } };
    expect(applyOverride(config, parseOverride("paasenv:secretEnv.B=two"))["paasenv:secretEnv"]).toEqual({
      value: '{"A":"1","B":"two"}',
      objectValue: { A: "1", B: "two" },
      secret: true,
    });
  });

  it("refuses to walk into a value that is not a map", () => {
    const config = configFromValues({ "paasenv:environment": "staging" });
    expect(() => applyOverride(config, parseOverride("paasenv:environment.x=1"))).toThrow(
      'Override of paasenv:environment: its value is not a map (got "staging")',
    );
    const nested = configFromValues({ "paasenv:app": { name: "myapp-staging" } });
    expect(() => applyOverride(nested, parseOverride("paasenv:app.name.first=1"))).toThrow(
      'Override of paasenv:app.name.first: the value at "first"\'s parent is not a map (got "myapp-staging")',
    );
  });
});

describe("deriveReviewConfig", () => {
  it("copies everything, secrets included, then sets the review keys and the overrides", () => {
    const source = {
      ...staging(),
      ...configFromValues({ "scalingo:apiToken": "tk", "paasenv:secretEnv": { SECRET_KEY: "s" } }, [
        "scalingo:apiToken",
        "paasenv:secretEnv",
      ]),
    };
    const review = deriveReviewConfig(source, 12, OFFLINE_OVERRIDES);
    expect(Object.keys(review).sort()).toEqual([...Object.keys(source), "paasenv:reviewNumber"].sort());
    expect(review["paasenv:environment"]).toEqual({ value: "review", secret: false });
    expect(review["paasenv:reviewNumber"]).toEqual({ value: "12", objectValue: 12, secret: false });
    expect(review["scalingo:apiToken"]).toEqual({ value: "tk", secret: true });
    expect(review["paasenv:secretEnv"]?.secret).toBe(true);
    expect(review["paasenv:storage"]?.objectValue).toMatchObject({ enabled: false, region: "fr-par" });
    expect(review["paasenv:dns"]?.objectValue).toEqual({ provider: "none", zone: "example.com", ttl: 3600 });
    expect(review["paasenv:app"]).toEqual(source["paasenv:app"]);
    expect(source["paasenv:environment"]?.value).toBe("staging");
  });

  it("never copies the source's data-loss permission, whose entries name the source's objects", () => {
    const source = {
      ...staging(),
      ...configFromValues({ "paasenv:permitDataLoss": [{ resource: "app", id: "staging-app-id" }] }),
    };
    expect(deriveReviewConfig(source, 12)).not.toHaveProperty("paasenv:permitDataLoss");
  });

  it("resolves to the review environment the program will run", () => {
    const resolved = resolveReviewConfig(deriveReviewConfig(staging(), 7, OFFLINE_OVERRIDES));
    expect(resolved.environment).toBe("review");
    expect(resolved.reviewNumber).toBe(7);
    expect(resolved.app.name).toBe("myapp-staging-review-7");
    expect(resolved.processes).toEqual({ web: { amount: 1, size: "S" } });
    expect(resolved.addons).toEqual({
      postgresql: { plan: "postgresql-sandbox" },
      redis: { plan: "redis-sandbox" },
    });
    expect(resolved.storage.enabled).toBe(false);
    expect(resolved.dns.provider).toBe("none");
  });

  it("names a bad override's key through the schema", () => {
    expect(() =>
      resolveReviewConfig(deriveReviewConfig(staging(), 1, ["paasenv:storage.enabeld=false"])),
    ).toThrow("`paasenv:storage.enabeld` is not a known setting");
  });

  it.each([0, -1, 1.5, Number.NaN])("refuses review number %s", (reviewNumber) => {
    expect(() => deriveReviewConfig(staging(), reviewNumber)).toThrow(
      `The review number must be a positive integer (got ${reviewNumber})`,
    );
  });

  it("refuses a review stack as its source", () => {
    const review = deriveReviewConfig(staging(), 3);
    expect(() => deriveReviewConfig(review, 4)).toThrow(
      "The source stack is itself a review stack (`paasenv:environment: review`); derive from staging",
    );
  });
});
