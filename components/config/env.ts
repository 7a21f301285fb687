/**
 * `paasenv:env` and `paasenv:secretEnv`: the names and values Scalingo accepts for environment variables
 * (limits from `providers/scalingo/limits.ts`), and the names the configured add-ons own. What paasenv does
 * with them is in `variables.ts`, which needs Pulumi; this module stays pure so the CLI validates a stack
 * config without loading it.
 */
import { z } from "zod";
import {
  ADDON_VARIABLES,
  MAX_VARIABLE_NAME_LENGTH,
  MAX_VARIABLE_VALUE_LENGTH,
  VARIABLE_NAME_PATTERN,
} from "../../providers/scalingo/limits";
import type { AddIssue } from "./errors";

type AddonKey = keyof typeof ADDON_VARIABLES;

/** The parts of a stack config that decide who sets which variable. */
interface VariableOwners {
  env: Record<string, string>;
  secretEnv: Record<string, string>;
  addons: Partial<Record<AddonKey, unknown>>;
}

const nameMessage = `variable names must be 1–${MAX_VARIABLE_NAME_LENGTH} letters, digits or underscores, not starting with an underscore`;

/** Variables by name, each value a string; empty when omitted. */
export const variablesSchema = z
  .record(
    z
      .string()
      .max(MAX_VARIABLE_NAME_LENGTH, { message: nameMessage })
      .regex(VARIABLE_NAME_PATTERN, { message: nameMessage }),
    z.string().max(MAX_VARIABLE_VALUE_LENGTH, {
      message: `variable values must be at most ${MAX_VARIABLE_VALUE_LENGTH} characters`,
    }),
  )
  .default({});

const ADDON_NAMES = { postgresql: "PostgreSQL", redis: "Redis" } as const;

/**
 * The names the configured add-ons inject (`ADDON_VARIABLES`) are refused in `paasenv:env` and
 * `paasenv:secretEnv`: a value there would replace the add-on's own URL (and removing it later would delete
 * the variable). Other `SCALINGO_*` names stay allowed. Values are never echoed: they may be credentials.
 */
export function checkAddonVariables(config: VariableOwners, issue: AddIssue): void {
  for (const provider of ["postgresql", "redis"] as const) {
    if (config.addons[provider] === undefined) continue;
    for (const name of ADDON_VARIABLES[provider]) {
      for (const key of ["env", "secretEnv"] as const) {
        if (!(name in config[key])) continue;
        issue(
          [key, name],
          `is set by the ${ADDON_NAMES[provider]} add-on (\`paasenv:addons.${provider}\`), and a value here would ` +
            `replace its own; remove it (other variables can refer to it as \`$${name}\`)`,
        );
      }
    }
  }
}
