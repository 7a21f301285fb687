/**
 * Which stack the pack is checking, and so how strict it is. Pulumi's Node.js language host (upstream's and
 * paasenv's, `scripts/pulumi-cli/cmd/pulumi-language-nodejs/run_plugin.go`) starts a policy pack only once the
 * engine has told it the stack, with the stack's configuration in `PULUMI_CONFIG`: the pack reads
 * `paasenv:environment` there, the key the program reads, and every rule is **mandatory in production and
 * advisory elsewhere**. When the configuration does not say (no stack, as for `pulumi policy publish`), the
 * rules are mandatory: a gate that cannot tell fails closed.
 */
import type { EnforcementLevel } from "@pulumi/policy";
import { z } from "zod";

/** An environment as `paasenv:environment` names it. */
export type Environment = "production" | "staging" | "review";

/** What the rules know of the stack they check. */
export interface GateContext {
  /** `paasenv:environment`, or `undefined` when the pack was not told. */
  environment: Environment | undefined;
}

const configSchema = z.record(z.string(), z.string());
const environmentSchema = z.enum(["production", "staging", "review"]);

/** The stack's configuration (full keys, values as strings) from the language host's `PULUMI_CONFIG`. */
export function stackConfigOf(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(env.PULUMI_CONFIG ?? "{}");
  } catch {
    return {};
  }
  const config = configSchema.safeParse(parsed);
  return config.success ? config.data : {};
}

/** The stack's `paasenv:environment`, when its configuration says. */
export function environmentOf(config: Readonly<Record<string, string>>): Environment | undefined {
  const environment = environmentSchema.safeParse(config["paasenv:environment"]);
  return environment.success ? environment.data : undefined;
}

/** Mandatory in production (and when the environment is unknown), advisory elsewhere. */
export function enforcementFor(environment: Environment | undefined): EnforcementLevel {
  return environment === undefined || environment === "production" ? "mandatory" : "advisory";
}
