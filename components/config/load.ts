import * as pulumi from "@pulumi/pulumi";
import { applyReviewOverrides } from "./review";
import { fromPulumiConfig, parseStackConfig, type StackConfig } from "./schema";

/**
 * Read the `paasenv:` namespace of the current stack, validate it (throwing a `ConfigError` that names every
 * bad key before any resource is declared) and apply the review overrides.
 */
export function loadConfig(all: Record<string, string> = pulumi.runtime.allConfig()): StackConfig {
  return applyReviewOverrides(parseStackConfig(fromPulumiConfig(all)));
}
