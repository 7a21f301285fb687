/** What a rule of the production gate is, whichever layer runs it (the policy pack, `paasenv check`). */
import type { GateContext } from "../environment";
import type { ResourceView } from "../resources";

/** A rule over one resource of a given type: the violation messages it finds (none when it passes). */
export interface ResourceRule {
  /** The policy's name, as previews print it (`[mandatory]  paasenv-production-gate v0.1.0  web-redundancy`). */
  name: string;
  /** One line: what the rule wants. */
  description: string;
  /** The type token of the resources it reads. */
  type: string;
  check(resource: ResourceView, context: GateContext): string[] | Promise<string[]>;
}

/** A rule over the whole stack (what must exist, or be true of a set of resources). */
export interface StackRule {
  name: string;
  description: string;
  /** The type tokens of the resources it reads. */
  types: readonly string[];
  /** Whether it applies even when none of them is declared (a rule that something exists). */
  always?: true;
  check(resources: readonly ResourceView[], context: GateContext): string[];
}

export type Rule = ResourceRule | StackRule;

/** Whether `rule` reads one resource at a time. */
export function isResourceRule(rule: Rule): rule is ResourceRule {
  return "type" in rule;
}
