/**
 * The demo's stacks, both made from Pulumi.staging.yaml's configuration: `demo-staging`, the staging-like
 * environment (web × 2 and the worker, PostgreSQL, Redis, variables, the custom domain with forced HTTPS and its
 * certificate, its CNAME at the Alwaysdata emulator), and `demo-review-<N>` (`--review`), a review environment as
 * `paasenv review up` makes one. Both leave the bucket out: it needs the Scaleway plugin, not available offline.
 */
import type { Stack, Workspace } from "@pulumi/pulumi/automation";
import { Stack as AutomationStack } from "@pulumi/pulumi/automation";
import { fromPulumiConfig, parseStackConfig, type StackConfig } from "../../components/config/schema";
import { PERMIT_KEY } from "../../providers/base/data-loss";
import { applyOverride, createReviewStack, OFFLINE_OVERRIDES, parseOverride } from "../lib/review-stack";
import { type ConfigJson, configValues, writeStackConfig } from "../lib/stack-config";

/** Every demo stack's name starts with this, apart from real `staging` and `review-<N>` stacks. */
export const DEMO_PREFIX = "demo-";

/** The staging-like demo stack. */
export const DEMO_STAGING = `${DEMO_PREFIX}staging`;

/** The review demo stack for `reviewNumber`. */
export const demoReviewStack = (reviewNumber: number) => `${DEMO_PREFIX}review-${reviewNumber}`;

/** How the staging-like demo departs from Pulumi.staging.yaml: two web containers, DNS as given, no bucket. */
export function stagingOverrides(dns: "alwaysdata" | "none"): string[] {
  return ["paasenv:processes.web.amount=2", "paasenv:storage.enabled=false", `paasenv:dns.provider=${dns}`];
}

/**
 * The staging-like demo's configuration: the source's, without its data-loss permission (its entries name the
 * source's own objects), then `overrides`; and the stack config it resolves to, or a `ConfigError` naming each
 * bad key, before any stack is touched.
 */
export function stagingDemoConfig(
  source: ConfigJson,
  overrides: readonly string[],
): { config: ConfigJson; resolved: StackConfig } {
  const { [PERMIT_KEY]: _sourcePermission, ...copied } = source;
  const config = overrides.reduce((acc, text) => applyOverride(acc, parseOverride(text)), copied);
  return { config, resolved: parseStackConfig(fromPulumiConfig(configValues(config))) };
}

/** A demo stack, written and ready to run. */
export interface DemoStack {
  stack: Stack;
  resolved: StackConfig;
  overrides: readonly string[];
}

/** Creates (or selects) `demo-staging` with exactly the staging-like configuration. */
export async function createStagingDemo(
  workspace: Workspace,
  source: ConfigJson,
  dns: "alwaysdata" | "none",
): Promise<DemoStack> {
  const overrides = stagingOverrides(dns);
  const { config, resolved } = stagingDemoConfig(source, overrides);
  const stack = await AutomationStack.createOrSelect(DEMO_STAGING, workspace);
  await writeStackConfig(workspace, stack.name, config);
  return { stack, resolved, overrides };
}

/** Creates (or selects) `demo-review-<N>` as `paasenv review up` would, with the offline overrides. */
export async function createReviewDemo(
  workspace: Workspace,
  source: ConfigJson,
  reviewNumber: number,
): Promise<DemoStack> {
  const review = await createReviewStack({
    source: { name: "staging", config: source },
    reviewNumber,
    overrides: OFFLINE_OVERRIDES,
    stackName: demoReviewStack(reviewNumber),
    workspace,
  });
  return { stack: review.stack, resolved: review.resolved, overrides: OFFLINE_OVERRIDES };
}

/** The demo stacks among `names`, the ones `--destroy` tears down. */
export function demoStacks(names: readonly string[]): string[] {
  return names.filter((name) => name === DEMO_STAGING || /^demo-review-[1-9][0-9]*$/.test(name));
}
