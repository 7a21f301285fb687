/**
 * The input scaffolding every dynamic provider shares: preview's unknown sentinel, the validation `check` runs
 * (unknowns let through, defaults applied) and the strict parse each CRUD method starts with.
 *
 * Pure functions only: providers capture this module by value into `__provider`. Schemas arrive as arguments,
 * built from the `z` a provider method `require`d (a module-level schema cannot be serialized).
 */
import type { z } from "zod";
import { providerError } from "./errors";

/** The `z` namespace handed to schema factories. */
export type Zod = typeof z;

/** The value the engine sends for an input that is not known yet (preview; `sdk/nodejs/runtime/rpc.ts`). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** A property bag as the engine hands it over (`__provider` included). */
export type Bag = Record<string, unknown>;

/** A failure reported by `check`. */
export interface Failure {
  property: string;
  reason: string;
}

/** How a provider words one bad field: Scalingo ``"`name` must be…"``, Alwaysdata ``"`name`: must be…"``. */
export type FieldWording = (property: string, message: string) => string;

/** True when `value` is, or contains, the preview sentinel for an unknown value. */
export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

/** True when a step along `path` in `bag` holds the preview sentinel. */
export function pathHitsUnknown(bag: unknown, path: readonly PropertyKey[]): boolean {
  let cursor: unknown = bag;
  for (const key of path) {
    if (cursor === UNKNOWN) return true;
    if (cursor === null || typeof cursor !== "object") return false;
    cursor = (cursor as Record<PropertyKey, unknown>)[key];
  }
  return containsUnknown(cursor);
}

/** A zod issue's message; record-key issues carry the real reason one level down. */
export function issueMessage(issue: { message: string; issues?: readonly { message: string }[] }): string {
  return issue.issues?.[0]?.message ?? issue.message;
}

/** Zod issues as `check` failures, each reason worded by `field` (and prefixed with `label` when given). */
export function issueFailures(
  issues: readonly z.core.$ZodIssue[],
  field: FieldWording,
  label?: string,
): Failure[] {
  return issues.map((issue) => {
    const property = issue.path.map(String).join(".");
    const reason = field(property, issueMessage(issue));
    return { property, reason: label === undefined ? reason : `${label}: ${reason}` };
  });
}

/**
 * The object without its `undefined` properties: the Pulumi host turns results into protobuf structs, which
 * throw "Unexpected struct type" on `undefined`.
 */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** How `check` words and extends its failures. */
export interface CheckWording {
  /** Names the resource at the start of each failure (`App "shop"`), or nothing. */
  label?: string | undefined;
  field: FieldWording;
  /** Rules across fields, run once every field is valid or unknown (unknown values must be skipped). */
  rules?: ((inputs: Bag) => Failure[]) | undefined;
}

/**
 * The body of every `check`: validate `news`, drop failures caused by preview's unknown sentinel, and return
 * the parsed inputs (defaults applied, `__provider` and unknown keys stripped). When only unknowns fail, fields
 * are parsed one by one so known ones still get their defaults and unknown ones pass through untouched.
 */
export function checkInputs(
  schema: z.ZodObject,
  news: Bag,
  wording: CheckWording,
): { inputs: Bag; failures: Failure[] } {
  const parsed = schema.safeParse(news);
  const issues = parsed.success ? [] : parsed.error.issues.filter((i) => !pathHitsUnknown(news, i.path));
  if (issues.length > 0)
    return { inputs: news, failures: issueFailures(issues, wording.field, wording.label) };
  const inputs: Bag = parsed.success ? parsed.data : {};
  if (!parsed.success) {
    for (const [key, field] of Object.entries(schema.shape)) {
      const value = news[key];
      const data = containsUnknown(value) ? value : field.safeParse(value).data;
      if (data !== undefined) inputs[key] = data;
    }
  }
  return { inputs: compact(inputs), failures: wording.rules?.(inputs) ?? [] };
}

/** How a strict parse names its failure: `create app "shop": invalid inputs: `name` must…`. */
export interface ParseWording {
  /** The provider's name, for the error's name. */
  provider: string;
  /** What was being done (`App "shop"`, `update Alwaysdata record 12`). */
  label: string;
  field: FieldWording;
  /** What is wrong as a whole. @default `"invalid inputs"` */
  problem?: string | undefined;
  /** Rules across fields, checked once every field is valid. */
  rules?: ((inputs: Bag) => Failure[]) | undefined;
}

/**
 * Parse inputs or stored state in `create`/`read`/`update`/`delete` (strips `__provider`); fails with every
 * problem in one message.
 */
export function parseInputs<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  wording: ParseWording,
): z.output<S> {
  const parsed = schema.safeParse(raw);
  const failures = parsed.success
    ? (wording.rules?.(parsed.data as Bag) ?? [])
    : issueFailures(parsed.error.issues, wording.field);
  if (parsed.success && failures.length === 0) return parsed.data;
  const problems = failures.map((f) => f.reason).join("; ");
  throw providerError(
    wording.provider,
    `${wording.label}: ${wording.problem ?? "invalid inputs"}: ${problems}`,
  );
}
