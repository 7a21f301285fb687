import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import {
  DEMO_STAGING,
  demoReviewStack,
  demoStacks,
  stagingDemoConfig,
  stagingOverrides,
} from "../../../cli/demo/stacks";
import { configEntry, configFromStackFile } from "../../../cli/lib/stack-config";
import { ConfigError } from "../../../components/config/errors";

const repoRoot = path.resolve(__dirname, "..", "..", "..");
const staging = configFromStackFile(
  fs.readFileSync(path.join(repoRoot, "Pulumi.staging.yaml"), "utf8"),
  "Pulumi.staging.yaml",
);

describe("the staging-like demo stack", () => {
  it("is Pulumi.staging.yaml with two web containers, the DNS asked for and no bucket", () => {
    const { resolved } = stagingDemoConfig(staging, stagingOverrides("alwaysdata"));
    expect(resolved.environment).toBe("staging");
    expect(resolved.app.name).toBe("myapp-staging");
    expect(resolved.processes.web?.amount).toBe(2);
    expect(resolved.processes.worker?.amount).toBe(1);
    expect(resolved.addons.postgresql).toBeDefined();
    expect(resolved.addons.redis).toBeDefined();
    expect(resolved.dns).toMatchObject({ provider: "alwaysdata", zone: "example.com" });
    expect(resolved.storage.enabled).toBe(false);
    expect(resolved.domains.map((d) => d.name)).toEqual(["staging.example.com"]);
    expect(stagingDemoConfig(staging, stagingOverrides("none")).resolved.dns.provider).toBe("none");
  });

  it("drops the source's data-loss permission, which names the source's own objects", () => {
    const permitted = {
      ...staging,
      "paasenv:permitDataLoss": configEntry([{ resource: "app", id: "5e0000000000000000000001" }]),
    };
    const { config } = stagingDemoConfig(permitted, stagingOverrides("none"));
    expect(config["paasenv:permitDataLoss"]).toBeUndefined();
  });

  it("fails on a bad configuration before any stack is touched, naming the key", () => {
    const bad = { ...staging, "paasenv:environment": configEntry("stagin") };
    expect(() => stagingDemoConfig(bad, [])).toThrow(ConfigError);
    expect(() => stagingDemoConfig(bad, [])).toThrow("`paasenv:environment`");
  });
});

describe("demoStacks", () => {
  it("picks the demo's own stacks, never a real staging or review stack", () => {
    expect(
      demoStacks(["staging", "review-3", DEMO_STAGING, demoReviewStack(1), demoReviewStack(12), "demo-x"]),
    ).toEqual(["demo-staging", "demo-review-1", "demo-review-12"]);
  });
});
