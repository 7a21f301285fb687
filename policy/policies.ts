/**
 * The production gate's rules, and the same rules as `@pulumi/policy` policies. Kept apart from the pack's
 * entry (`index.ts`), whose `new PolicyPack` starts serving at once, so that tests and `paasenv check` can
 * call each policy's `validateResource` / `validateStack` directly.
 */
import type {
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import type { GateContext } from "./environment";
import type { ResourceView } from "./resources";
import { databasePlan, dataProtected } from "./rules/addons";
import { type StacksOf, stackSupported } from "./rules/app-stack";
import { databaseBackups, maintenanceWindow } from "./rules/database";
import { customDomain } from "./rules/domains";
import { containerSize, webRedundancy } from "./rules/formation";
import { logDrains } from "./rules/log-drains";
import { monitoring } from "./rules/monitoring";
import { isResourceRule, type ResourceRule, type Rule, type StackRule } from "./rules/rule";
import { bucketPrivate, bucketVersioningOn } from "./rules/storage";
import { debugOff, errorPages } from "./rules/variables";

/** Every rule of the pack, in checklist order; `stacksOf` reads Scalingo's catalog of stacks. */
export function gateRules(stacksOf: StacksOf): Rule[] {
  return [
    webRedundancy,
    containerSize,
    databasePlan,
    dataProtected,
    databaseBackups,
    maintenanceWindow,
    customDomain,
    debugOff,
    errorPages,
    monitoring,
    logDrains,
    bucketPrivate,
    bucketVersioningOn,
    stackSupported(stacksOf),
  ];
}

/** A resource as the engine hands it to a policy. Only `opts.protect` is read eagerly (props may be unknown). */
export function viewOf(
  resource: Pick<ResourceValidationArgs, "type" | "name" | "urn" | "props" | "opts">,
  propertyDependencies: PolicyResource["propertyDependencies"] = {},
): ResourceView {
  const { type, name, urn, props } = resource;
  const addonUrns = (propertyDependencies.addonId ?? []).map((dependency) => dependency.urn);
  return { type, name, urn, props, protect: resource.opts.protect, addonUrns };
}

function resourcePolicy(rule: ResourceRule, context: GateContext): ResourceValidationPolicy {
  return {
    name: rule.name,
    description: rule.description,
    validateResource: async (args: ResourceValidationArgs, report: ReportViolation) => {
      if (args.type !== rule.type) return;
      for (const message of await rule.check(viewOf(args), context)) report(message, args.urn);
    },
  };
}

function stackPolicy(rule: StackRule, context: GateContext): StackValidationPolicy {
  return {
    name: rule.name,
    description: rule.description,
    validateStack: (args: StackValidationArgs, report: ReportViolation) => {
      const resources = args.resources
        .filter((resource) => rule.types.includes(resource.type))
        .map((resource) => viewOf(resource, resource.propertyDependencies));
      for (const message of rule.check(resources, context)) report(message);
    },
  };
}

/** A rule as a policy (its enforcement level is the pack's: `environment.ts`). */
export function policyOf(rule: Rule, context: GateContext): ResourceValidationPolicy | StackValidationPolicy {
  return isResourceRule(rule) ? resourcePolicy(rule, context) : stackPolicy(rule, context);
}

/** Every rule as a policy. */
export function gatePolicies(
  context: GateContext,
  stacksOf: StacksOf,
): (ResourceValidationPolicy | StackValidationPolicy)[] {
  return gateRules(stacksOf).map((rule) => policyOf(rule, context));
}
