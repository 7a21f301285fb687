/**
 * `paasenv check`'s checklist: the configuration schema's verdict (what `paasenv validate` says) and each
 * policy rule's outcome, marked pass, fail (mandatory: production), advisory (elsewhere) or not applicable,
 * each failure with its fix. Pure: `index.ts` gathers the inputs.
 */
import type { Environment } from "../../policy/environment";
import { enforcementFor } from "../../policy/environment";
import type { RuleOutcome } from "../../policy/local";

/** An item's verdict. */
export type Verdict = "pass" | "fail" | "advisory" | "n/a";

/** One line of the checklist, with the messages under it. */
export interface ChecklistItem {
  name: string;
  description: string;
  verdict: Verdict;
  messages: string[];
}

const MARK: Record<Verdict, string> = { pass: "✓", fail: "✗", advisory: "!", "n/a": "-" };

/** The verdict of problems found in `environment`: mandatory in production, advisory elsewhere. */
function failing(environment: Environment | undefined): Verdict {
  return enforcementFor(environment) === "mandatory" ? "fail" : "advisory";
}

/** The schema's item: its errors fail in every environment (the program refuses them); warnings advise. */
export function schemaItem(errors: readonly string[], warnings: readonly string[]): ChecklistItem {
  const verdict: Verdict = errors.length > 0 ? "fail" : warnings.length > 0 ? "advisory" : "pass";
  return {
    name: "config",
    description: "The stack's `paasenv:` configuration is valid (`paasenv validate`).",
    verdict,
    messages: [...errors, ...warnings],
  };
}

/** A rule's item: `n/a` when nothing it reads is declared. */
export function ruleItem(outcome: RuleOutcome, environment: Environment | undefined): ChecklistItem {
  const { name, description, violations } = outcome;
  const verdict: Verdict = !outcome.applies ? "n/a" : violations.length > 0 ? failing(environment) : "pass";
  return { name, description, verdict, messages: violations };
}

/** Whether a mandatory item failed. */
export const mandatoryFailed = (items: readonly ChecklistItem[]): boolean =>
  items.some((item) => item.verdict === "fail");

/** The checklist as text: a heading, a line per item, its messages indented under it, and a summary. */
export function renderChecklist(title: string, items: readonly ChecklistItem[]): string {
  const lines = [title];
  for (const item of items) {
    lines.push(`  ${MARK[item.verdict]} ${item.verdict.padEnd(8)} ${item.name}: ${item.description}`);
    for (const message of item.messages) lines.push(`      ${message}`);
  }
  const count = (verdict: Verdict) => items.filter((item) => item.verdict === verdict).length;
  lines.push(
    `  ${count("pass")} passed, ${count("fail")} failed, ${count("advisory")} advisory, ${count("n/a")} not applicable`,
  );
  return lines.join("\n");
}
