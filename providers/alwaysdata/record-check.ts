/**
 * Pure `check`/`diff` logic of the `AlwaysdataRecord` provider and the strict parsing `create`/`update`
 * run before any request.
 */
import type * as Z from "zod";
import { UPDATABLE_FIELDS } from "./mappers";
import { hostOf, normaliseRecordName, normaliseZone } from "./names";
import { type RecordInputs, type RecordOutputs, recordInputsSchema, recordOutputsSchema } from "./schemas";

/** Properties as the Pulumi host hands them over: anything, including `__provider`. */
export type RawProps = Record<string, unknown>;

/** The value Pulumi sends for an input still unknown during preview (`sdk/nodejs/runtime/rpc.ts`). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** A `check` failure as Pulumi expects it. */
export interface CheckFailure {
  property: string;
  reason: string;
}

/** Fields whose change replaces the record (the API cannot move a record to another zone, name or type). */
export const REPLACE_ON = ["zone", "type", "name"] as const;

/** Zod issues as check failures naming the key in backticks. */
const issueFailures = (issues: readonly Z.core.$ZodIssue[]): CheckFailure[] =>
  issues.map((issue) => {
    const property = issue.path.join(".");
    return { property, reason: `\`${property}\`: ${issue.message}` };
  });

/** Rules across fields: the name must fit the zone; MX and SRV records need a priority. */
const crossFieldFailures = (news: RawProps): CheckFailure[] => {
  const failures: CheckFailure[] = [];
  const { zone, name, type, priority } = news;
  if (typeof zone === "string" && typeof name === "string" && zone !== UNKNOWN && name !== UNKNOWN) {
    const result = normaliseRecordName(zone, name);
    if (!result.ok) {
      failures.push({ property: "name", reason: `\`name\`: ${result.reason}` });
    }
  }
  if ((type === "MX" || type === "SRV") && priority === undefined) {
    failures.push({ property: "priority", reason: `\`priority\` is required for ${type} records` });
  }
  return failures;
};

/**
 * `check`: validates the inputs, skipping fields that are still unknown (preview), and returns them
 * parsed (defaults applied, `__provider` and unknown keys dropped; the host copies `__provider` back).
 */
export const checkRecord = (
  z: typeof Z,
  news: RawProps,
): { inputs?: RawProps; failures?: CheckFailure[] } => {
  const unknownKeys = Object.keys(news).filter((key) => news[key] === UNKNOWN);
  const schema = recordInputsSchema(z);
  const result = schema.safeParse(news);
  const issues = result.success
    ? []
    : result.error.issues.filter((i) => !unknownKeys.includes(String(i.path[0])));
  const failures = issues.length > 0 ? issueFailures(issues) : crossFieldFailures(news);
  if (failures.length > 0) {
    return { failures };
  }
  if (result.success) {
    return { inputs: result.data };
  }
  const known = Object.keys(schema.shape).filter((key) => key in news);
  return { inputs: Object.fromEntries(known.map((key) => [key, news[key]])) };
};

/** Strict parse of inputs for `create`/`update`: one error naming every bad key. */
export const parseRecordInputs = (z: typeof Z, raw: RawProps, operation: string): RecordInputs => {
  const result = recordInputsSchema(z).safeParse(raw);
  const failures = result.success ? crossFieldFailures(raw) : issueFailures(result.error.issues);
  if (!result.success || failures.length > 0) {
    throw new Error(`${operation}: invalid inputs: ${failures.map((f) => f.reason).join("; ")}`);
  }
  return result.data;
};

/** Strict parse of stored outputs for `read`/`update`/`delete`. */
export const parseRecordOutputs = (z: typeof Z, raw: RawProps, operation: string): RecordOutputs => {
  const result = recordOutputsSchema(z).safeParse(raw);
  if (!result.success) {
    const reasons = issueFailures(result.error.issues).map((f) => f.reason);
    throw new Error(`${operation}: the stored state is not an AlwaysdataRecord's: ${reasons.join("; ")}`);
  }
  return result.data;
};

/** The relative host of raw `zone`/`name` values, for comparison. */
const rawHost = (props: RawProps): string | undefined =>
  hostOf(String(props.zone ?? ""), typeof props.name === "string" ? props.name : "");

/** Whether a field differs, an unknown new value counting as a change. */
const differs = (olds: RawProps, news: RawProps, key: string): boolean =>
  news[key] === UNKNOWN || olds[key] !== news[key];

/**
 * `diff`: field by field over the schema keys only (never `__provider`). Zone, type and name replace,
 * compared in canonical form (`www` and `www.example.com.` are the same name); value, TTL, priority,
 * annotation and the provider version update in place; `adopt` only matters on create. When the
 * replacement keeps zone and name (a type change), the old record is deleted first, since a CNAME cannot
 * coexist with another record of the same name.
 */
export const diffRecord = (
  olds: RawProps,
  news: RawProps,
): { changes: boolean; replaces: string[]; deleteBeforeReplace: boolean } => {
  const sameZone =
    news.zone !== UNKNOWN &&
    normaliseZone(String(olds.zone ?? "")) === normaliseZone(String(news.zone ?? ""));
  const sameName = news.name !== UNKNOWN && rawHost(olds) === rawHost(news);
  const replaces = REPLACE_ON.filter((key) => {
    if (key === "zone") {
      return !sameZone;
    }
    return key === "name" ? !sameName : differs(olds, news, key);
  });
  const updates = [...UPDATABLE_FIELDS, "providerVersion"].filter((key) => differs(olds, news, key));
  return {
    changes: replaces.length > 0 || updates.length > 0,
    replaces: [...replaces],
    deleteBeforeReplace: replaces.length > 0 && sameZone && sameName,
  };
};
