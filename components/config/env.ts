/**
 * `paasenv:env` and `paasenv:secretEnv`: the names and values Scalingo accepts for environment variables
 * (limits from `providers/scalingo/limits.ts`). What paasenv does with them is in `variables.ts`, which needs
 * Pulumi; this module stays pure so the CLI validates a stack config without loading it.
 */
import { z } from "zod";
import {
  MAX_VARIABLE_NAME_LENGTH,
  MAX_VARIABLE_VALUE_LENGTH,
  VARIABLE_NAME_PATTERN,
} from "../../providers/scalingo/limits";

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
