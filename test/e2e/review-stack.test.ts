import * as fs from "node:fs";
import * as path from "node:path";
import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReviewStack, OFFLINE_OVERRIDES } from "../../cli/lib/review-stack";
import { configValues, readStackConfig } from "../../cli/lib/stack-config";
import { type E2E, startE2E } from "./harness";

// The review-stack module against the real CLI: a staging stack with secrets (set the way the README
// says), a review stack derived from it, what lands in Pulumi.review-<N>.yaml, and a preview of the
// real program on it.

const TOKEN = "tk-review-source-7c1e";
const SECRET_KEY = "sk-review-source-3a9f";

let e2e: E2E;
let staging: Stack;

beforeAll(async () => {
  e2e = await startE2E("review-stack");
  fs.copyFileSync(
    path.join(__dirname, "..", "..", "Pulumi.staging.yaml"),
    path.join(e2e.project.dir, "Pulumi.staging.yaml"),
  );
  staging = await LocalWorkspace.createOrSelectStack(
    { stackName: "staging", workDir: e2e.project.dir },
    { pulumiCommand: e2e.command, envVars: e2e.env },
  );
  await staging.setConfig("scalingo:apiToken", { value: TOKEN, secret: true });
  await staging.setConfig("paasenv:secretEnv.SECRET_KEY", { value: SECRET_KEY, secret: true }, true);
});

afterAll(async () => {
  await e2e?.stop();
});

const reviewFile = () => fs.readFileSync(path.join(e2e.project.dir, "Pulumi.review-12.yaml"), "utf8");

describe("createReviewStack", () => {
  it("copies the source configuration with its secrets, encrypted again, plus the review keys and overrides", async () => {
    const review = await createReviewStack({
      source: staging,
      reviewNumber: 12,
      overrides: OFFLINE_OVERRIDES,
    });
    expect(review.stack.name).toBe("review-12");
    expect(review.resolved.app.name).toBe("myapp-staging-review-12");

    const written = await readStackConfig(review.stack.workspace, "review-12");
    expect(configValues(written)).toEqual(configValues(review.config));
    expect(written["scalingo:apiToken"]).toEqual({ value: TOKEN, secret: true });
    expect(JSON.parse(written["paasenv:secretEnv"]?.value ?? "{}")).toEqual({ SECRET_KEY });
    expect(written["paasenv:secretEnv"]?.secret).toBe(true);
    expect(written["paasenv:environment"]?.value).toBe("review");
    expect(written["paasenv:reviewNumber"]?.value).toBe("12");

    const file = reviewFile();
    expect(file).toContain("secure:");
    expect([TOKEN, SECRET_KEY].filter((secret) => file.includes(secret))).toEqual([]);
    expect(file).toMatch(/paasenv:reviewNumber: 12\n/);
  });

  it("is idempotent and drops keys since removed from the source", async () => {
    await staging.removeConfig("paasenv:review");
    await createReviewStack({ source: staging, reviewNumber: 12, overrides: OFFLINE_OVERRIDES });
    const again = await createReviewStack({
      source: staging,
      reviewNumber: 12,
      overrides: OFFLINE_OVERRIDES,
    });
    const written = await readStackConfig(again.stack.workspace, "review-12");
    expect(written["paasenv:review"]).toBeUndefined();
    expect(configValues(written)).toEqual(configValues(again.config));
  });

  it("gives the real program a configuration it accepts", async () => {
    const review = await createReviewStack({
      source: staging,
      reviewNumber: 12,
      overrides: OFFLINE_OVERRIDES,
    });
    const preview = await review.stack.preview();
    expect(preview.changeSummary.create).toBeGreaterThan(0);
    expect(preview.stdout).not.toContain(SECRET_KEY);
  });
});
