/**
 * Resources as paasenv's program declares them, for the policy tests: type tokens and inputs as the
 * components register them (see test/components/ for the recorded graph), URNs as the engine forms them.
 */
import type { Environment, GateContext } from "../../policy/environment";
import { type DeclaredResource, evaluateRule } from "../../policy/local";
import { TYPES } from "../../policy/resources";
import type { Rule } from "../../policy/rules/rule";

const urnOf = (type: string, name: string) => `urn:pulumi:production::paasenv::${type}::${name}`;

/** A declared resource of `type`, protected or not, with the URNs its `addonId` comes from. */
export function declared(
  type: string,
  name: string,
  props: Record<string, unknown>,
  options: { protect?: boolean; addonUrns?: string[] } = {},
): DeclaredResource {
  const dependencies: Record<string, string[]> =
    options.addonUrns === undefined ? {} : { addonId: options.addonUrns };
  const base = { providerVersion: "1", resourceName: name };
  return {
    type,
    name,
    urn: urnOf(type, name),
    props: { ...base, ...props },
    protect: options.protect ?? false,
    propertyDependencies: dependencies,
  };
}

export const APP = { appId: "app-id", region: "osc-fr1" };

export const postgresql = (plan = "postgresql-business-1024", protect = true) =>
  declared(
    TYPES.addon,
    "paasenv-postgresql",
    { ...APP, provider: "postgresql", plan, configKeys: { plan: "paasenv:addons.postgresql.plan" } },
    { protect },
  );

export const redis = (protect = true) =>
  declared(
    TYPES.addon,
    "paasenv-redis",
    { ...APP, provider: "redis", plan: "redis-business-256" },
    { protect },
  );

export const formation = (
  processes: Record<string, { amount: number; size: string }>,
  autoscaled: Record<string, { min: number; max: number }> = {},
) => declared(TYPES.formation, "paasenv-formation", { ...APP, processes, autoscaled });

export const variables = (values: Record<string, string>) =>
  declared(TYPES.variables, "paasenv-variables", {
    ...APP,
    variables: values,
    restartOnChange: false,
  });

/** The violations `rule` reports on `resources` through its policy, in `environment`. */
export async function violations(
  rule: Rule,
  resources: DeclaredResource[],
  environment: Environment | undefined = "production",
): Promise<string[]> {
  const context: GateContext = { environment };
  return (await evaluateRule(rule, context, resources)).violations;
}
