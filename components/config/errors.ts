/**
 * Invalid stack config, told to the person running `pulumi up`: {@link ConfigError} lists every problem,
 * each one sentence naming the `paasenv:` key, what is wrong, what is allowed and the bad value.
 */
import { RunError } from "@pulumi/pulumi/errors";
import type { z } from "zod";

/**
 * Raised for an invalid stack config; its message lists every problem, one per line. A Pulumi `RunError`: the
 * program stops with that message alone, without "unhandled exception" and stack trace.
 */
export class ConfigError extends RunError {
  constructor(readonly problems: string[]) {
    super(`Invalid stack configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Reports a problem found by a rule across fields: the key's path, the message, the bad value if any. */
export type AddIssue = (path: (string | number)[], message: string, input?: unknown) => void;

/**
 * One human sentence for a zod issue: the `paasenv:` key, what is wrong, what is allowed, the bad value.
 * `root` is the schema of the whole namespace, where the keys allowed beside a typo are looked up.
 */
export function describeIssue(issue: z.core.$ZodIssue, root: z.core.$ZodType): string {
  const key = `\`${issueKey(issue.path)}\``;
  const got = "input" in issue && issue.input !== undefined ? ` (got ${showValue(issue.input)})` : "";
  switch (issue.code) {
    case "invalid_value":
      if (issue.input === undefined)
        return `${key} is required: one of ${issue.values.map((value) => JSON.stringify(value)).join(", ")}`;
      return `${key} must be one of ${issue.values.map((value) => JSON.stringify(value)).join(", ")}${got}`;
    case "unrecognized_keys": {
      const allowed = allowedKeysAt(root, issue.path).join(", ");
      return issue.keys
        .map(
          (unknown) =>
            `\`${issueKey([...issue.path, unknown])}\` is not a known setting (a typo?); allowed: ${allowed}`,
        )
        .join("; ");
    }
    case "invalid_key":
      return `${key} is not a valid name: ${issue.issues[0]?.message ?? issue.message}`;
    case "invalid_type":
      if (issue.input === undefined) return `${key} is required`;
      if (nonFinite(issue.input)) {
        return `${key} must be a finite ${issue.expected === "int" ? "integer" : "number"}${got}`;
      }
      return `${key} must be ${article(issue.expected)}${got}`;
    case "too_small":
      return `${key} ${tooSmall(issue.origin, Number(issue.minimum))}${got}`;
    case "too_big":
      return `${key} must be at most ${issue.maximum}${issue.origin === "array" ? " items" : ""}${got}`;
    default:
      return `${key} ${issue.message}${got}`;
  }
}

/** The keys `root` allows in the object at `path` (for "did you mean" style messages). */
export function allowedKeysAt(root: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  let schema = root;
  for (const part of path) {
    schema = unwrap(schema);
    const def = schema._zod.def;
    if (def.type === "object") schema = (def as z.core.$ZodObjectDef).shape[String(part)] ?? schema;
    else if (def.type === "array") schema = (def as z.core.$ZodArrayDef).element;
    else if (def.type === "record") schema = (def as z.core.$ZodRecordDef).valueType;
  }
  const def = unwrap(schema)._zod.def;
  return def.type === "object" ? Object.keys((def as z.core.$ZodObjectDef).shape) : [];
}

function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema;
  for (;;) {
    const def = current._zod.def as { innerType?: z.core.$ZodType; in?: z.core.$ZodType };
    const next = def.innerType ?? def.in;
    if (!next) return current;
    current = next;
  }
}

/** A value as the person wrote it: JSON, except YAML's `.inf`, `-.inf` and `.nan`, which JSON cannot show. */
export function showValue(value: unknown): string {
  if (typeof value === "number" && !Number.isFinite(value)) {
    return Number.isNaN(value) ? ".nan" : value > 0 ? ".inf" : "-.inf";
  }
  return JSON.stringify(value);
}

/** Infinity or NaN, as a number or as YAML writes it (`.inf`, `-.inf`, `.nan`: `pulumi config set` keeps text). */
function nonFinite(value: unknown): boolean {
  if (typeof value === "number") return !Number.isFinite(value);
  return typeof value === "string" && /^[-+]?\.(?:inf|nan)$/i.test(value);
}

function tooSmall(origin: string, minimum: number): string {
  if (minimum === 1 && (origin === "string" || origin === "array")) return "must not be empty";
  if (origin === "string") return `must be at least ${minimum} characters long`;
  if (origin === "array") return `must list at least ${minimum} items`;
  return `must be at least ${minimum}`;
}

function article(expected: string): string {
  return expected === "int" ? "an integer" : /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function issueKey(path: readonly PropertyKey[]): string {
  const [top, ...rest] = path.map(String);
  const tail = rest.map((part) => (/^[0-9]+$/.test(part) ? `[${part}]` : `.${part}`)).join("");
  return top === undefined ? "paasenv" : `paasenv:${top}${tail}`;
}
