/**
 * Invalid stack config, told to the person running `pulumi up`: {@link ConfigError} lists every problem,
 * each one sentence naming the `paasenv:` key, what is wrong, what is allowed and the bad value.
 */
import type { z } from "zod";

/** Raised for an invalid stack config; its message lists every problem, one per line. */
export class ConfigError extends Error {
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
  const got = "input" in issue && issue.input !== undefined ? ` (got ${JSON.stringify(issue.input)})` : "";
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
      return issue.input === undefined
        ? `${key} is required`
        : `${key} must be ${article(issue.expected)}${got}`;
    case "too_small":
      return `${key} must be at least ${issue.minimum}${issue.origin === "string" ? " characters long" : ""}${got}`;
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

function article(expected: string): string {
  return expected === "int" ? "an integer" : /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function issueKey(path: readonly PropertyKey[]): string {
  const [top, ...rest] = path.map(String);
  const tail = rest.map((part) => (/^[0-9]+$/.test(part) ? `[${part}]` : `.${part}`)).join("");
  return top === undefined ? "paasenv" : `paasenv:${top}${tail}`;
}
