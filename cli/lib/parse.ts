/**
 * Parsers for option and argument values. Each is pure and throws a usage error (exit code 2) that
 * names the option and the bad value.
 */

import { usageError } from "./errors";
import { parseOverride } from "./review-stack";

const UNIT_MS: Record<string, number> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/**
 * A duration such as `72h`, `3d`, `90m`, `1d12h` or `45s`, in milliseconds.
 * @example parseDuration("72h") === 259_200_000
 */
export function parseDuration(text: string, option = "--older-than"): number {
  const trimmed = text.trim();
  const parts = [...trimmed.matchAll(/(\d+)([smhdw])/g)];
  const consumed = parts.map((part) => part[0]).join("");
  if (parts.length === 0 || consumed !== trimmed) {
    throw usageError(
      `${option} must be a duration such as 72h, 3d, 90m or 1d12h (units s, m, h, d, w), got "${text}"`,
    );
  }
  return parts.reduce((total, part) => total + Number(part[1]) * (UNIT_MS[part[2] ?? "s"] ?? 0), 0);
}

/** A pull-request number: a positive integer. */
export function parseReviewNumber(text: string): number {
  if (!/^[1-9][0-9]{0,8}$/.test(text.trim())) {
    throw usageError(`the review number must be a positive integer (the pull-request number), got "${text}"`);
  }
  return Number(text.trim());
}

/**
 * Parses one `--set key=value` (commander calls it once per `--set`) and appends it to `previous` in the
 * form cli/lib/review-stack.ts takes: `<namespace>:<key>[.<field>…]=<value>`. A key without a
 * namespace gets `paasenv:`; `true`, `false` and integers become booleans and numbers.
 * @example parseSet("storage.enabled=false", []) → ["paasenv:storage.enabled=false"]
 */
export function parseSet(text: string, previous: string[] = []): string[] {
  const at = text.indexOf("=");
  const key = at < 0 ? "" : text.slice(0, at).trim();
  const override = `${key.includes(":") ? key : `paasenv:${key}`}=${text.slice(at + 1)}`;
  try {
    if (at < 0 || key === "") throw new Error("no key");
    parseOverride(override);
  } catch {
    throw usageError(
      `--set expects key=value with a key such as storage.enabled or paasenv:dns.provider, got "${text}"`,
    );
  }
  return [...previous, override];
}

/** A stack name as Pulumi accepts it (letters, digits, `-`, `_`, `.`; optionally `org/project/stack`). */
export function parseStackName(text: string): string {
  if (!/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+){0,2}$/.test(text)) {
    throw usageError(`"${text}" is not a stack name (letters, digits, "-", "_" and "." only)`);
  }
  return text;
}
