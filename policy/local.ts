/**
 * The pack's policies run in this process, on resources recorded without the engine (`paasenv check` runs the
 * program under Pulumi's mocks): each policy's own `validateResource` / `validateStack`, with the arguments
 * the engine would give it.
 */
import type {
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
} from "@pulumi/policy";
import type { GateContext } from "./environment";
import { policyOf } from "./policies";
import { isResourceRule, type Rule } from "./rules/rule";

/**
 * A resource as declared: type, name, URN, inputs, `protect`, and the URNs each input comes from (what the
 * engine calls its property dependencies).
 */
export interface DeclaredResource {
  type: string;
  name: string;
  urn: string;
  props: Record<string, unknown>;
  protect: boolean;
  propertyDependencies?: Record<string, readonly string[]>;
}

/** Thrown by `notApplicable`, as @pulumi/policy does. */
class NotApplicable extends Error {}

const NO_TAGS: ReadonlyMap<string, string> = new Map();

function notApplicable(reason?: string): never {
  throw new NotApplicable(reason);
}

/** A policy's view of one resource, as the engine builds it; `all` resolves its property dependencies. */
export function policyResource(
  resource: DeclaredResource,
  all: readonly DeclaredResource[] = [],
): PolicyResource {
  const { type, name, urn, props } = resource;
  const dependencies = Object.entries(resource.propertyDependencies ?? {}).map(([key, urns]) => [
    key,
    all.filter((other) => urns.includes(other.urn)).map((other) => policyResource(other)),
  ]);
  return {
    type,
    name,
    urn,
    props,
    opts: {
      protect: resource.protect,
      ignoreChanges: [],
      aliases: [],
      customTimeouts: emptyTimeouts(),
      additionalSecretOutputs: [],
    },
    dependencies: [],
    propertyDependencies: Object.fromEntries(dependencies),
    isType: () => false,
    asType: () => undefined,
  };
}

function emptyTimeouts() {
  return { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 };
}

/** `validateResource`'s arguments for `resource`. */
export function resourceArgs(resource: DeclaredResource): ResourceValidationArgs {
  const { type, name, urn, props, opts } = policyResource(resource);
  return {
    type,
    name,
    urn,
    props,
    opts,
    isType: () => false,
    asType: () => undefined,
    stackTags: NO_TAGS,
    getConfig: <T extends object>() => ({}) as T,
    notApplicable,
  };
}

/** `validateStack`'s arguments for `resources`. */
export function stackArgs(resources: readonly DeclaredResource[]): StackValidationArgs {
  return {
    resources: resources.map((resource) => policyResource(resource, resources)),
    stackTags: NO_TAGS,
    getConfig: <T extends object>() => ({}) as T,
    notApplicable,
  };
}

/** What one rule found: whether anything it reads was declared, and its violations. */
export interface RuleOutcome {
  name: string;
  description: string;
  applies: boolean;
  violations: string[];
}

/** Runs `rule`'s policy on `resources`. */
export async function evaluateRule(
  rule: Rule,
  context: GateContext,
  resources: readonly DeclaredResource[],
): Promise<RuleOutcome> {
  const violations: string[] = [];
  const report: ReportViolation = (message) => {
    violations.push(message);
  };
  const policy = policyOf(rule, context);
  const types = isResourceRule(rule) ? [rule.type] : rule.types;
  const read = resources.filter((resource) => types.includes(resource.type));
  try {
    if ("validateResource" in policy) await validateEach(policy, read, report);
    if ("validateStack" in policy) await policy.validateStack?.(stackArgs(resources), report);
  } catch (error) {
    if (!(error instanceof NotApplicable)) throw error;
  }
  const applies = read.length > 0 || (!isResourceRule(rule) && rule.always === true);
  return { name: rule.name, description: rule.description, applies, violations };
}

async function validateEach(
  policy: ResourceValidationPolicy,
  resources: readonly DeclaredResource[],
  report: ReportViolation,
): Promise<void> {
  const validations = Array.isArray(policy.validateResource)
    ? policy.validateResource
    : [policy.validateResource];
  for (const resource of resources)
    for (const validate of validations)
      if (validate !== undefined) await validate(resourceArgs(resource), report);
}
