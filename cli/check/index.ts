/**
 * `paasenv check <stack…>`: every rule of the production gate on a committed stack file, locally: the
 * configuration schema (what `paasenv validate` checks) and the policy pack's rules (policy/), run on what the
 * program declares under Pulumi's mocks. Mandatory in production, advisory elsewhere; exit 1 when a mandatory
 * item fails. No passphrase, backend, Pulumi CLI or Scalingo credential: it reads Scalingo's public catalog
 * of stacks only (without a token), so pull requests run it on production (docs/production-gate.md).
 */
import type { Command } from "commander";
import { catalogReader } from "../../policy/catalog";
import { evaluateRule } from "../../policy/local";
import { gateRules } from "../../policy/policies";
import { cliError, messageOf } from "../lib/errors";
import { parseStackName } from "../lib/parse";
import type { CommandContext } from "../program";
import { loadStackFile } from "../validate";
import { type ChecklistItem, mandatoryFailed, renderChecklist, ruleItem, schemaItem } from "./checklist";
import { declareStack } from "./declare";

/** The checklist of one stack file in `dir`. */
export async function checkStack(
  dir: string,
  stack: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<{ title: string; items: ChecklistItem[] }> {
  let loaded: ReturnType<typeof loadStackFile>;
  try {
    loaded = loadStackFile(dir, stack, "check");
  } catch (error) {
    // The program refuses this configuration before declaring anything: no rule can run on it.
    return { title: `Pulumi.${stack}.yaml:`, items: [schemaItem([messageOf(error)], [])] };
  }
  const { fileName, values, isSecret, config, warnings } = loaded;
  const secretKeys = Object.keys(values).filter(isSecret);
  const resources = await declareStack(stack, config, { all: values, secretKeys });
  const context = { environment: config.environment };
  const items = [schemaItem([], warnings)];
  for (const rule of gateRules(catalogReader(values, env)))
    items.push(ruleItem(await evaluateRule(rule, context, resources), config.environment));
  return { title: `${fileName} (${config.environment}):`, items };
}

/** Registers `check`. */
export function registerCheck(program: Command, context: CommandContext): void {
  program
    .command("check")
    .description(
      "run the production gate's checklist (config and policy rules) on stack files, with no credential (for pull requests)",
    )
    .argument("<stacks...>", "the stacks whose Pulumi.<stack>.yaml to check (e.g. production)")
    .action(async (stacks: string[], _opts: unknown, command: Command) => {
      const { cwd } = context.globals(command);
      const failed: string[] = [];
      for (const stack of stacks.map(parseStackName)) {
        const { title, items } = await checkStack(cwd, stack, process.env);
        context.io.stdout(`${renderChecklist(title, items)}\n`);
        if (mandatoryFailed(items)) failed.push(stack);
      }
      if (failed.length > 0) throw cliError(`check: a mandatory item fails in ${failed.join(", ")}`);
    });
}
