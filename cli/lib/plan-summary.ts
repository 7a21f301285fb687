/**
 * Turns the engine events of a preview into a small summary: one entry per resource with its planned
 * operation and property changes. Values are rendered through {@link displayValue}, which prints
 * `[secret]` for anything the engine marked secret or whose property name is sensitive, so the summary
 * can be posted in a pull-request comment.
 */
import type { EngineEvent, StepEventMetadata } from "@pulumi/pulumi/automation";

/** What will happen to one resource. */
export type ChangeKind = "create" | "update" | "replace" | "delete";

/** One changed property of a resource: `path` in Pulumi's property-path syntax, values already masked. */
export interface PropertyChange {
  path: string;
  kind: string;
  before: string | undefined;
  after: string | undefined;
}

/** One resource that changes. */
export interface ResourceChange {
  kind: ChangeKind;
  urn: string;
  /** The logical name (last part of the URN). */
  name: string;
  /** The full type token, e.g. `pulumi-nodejs:dynamic/scalingo:Addon`. */
  type: string;
  /** True for data-bearing resources (add-ons, buckets): replacing or deleting one loses data. */
  dataBearing: boolean;
  properties: PropertyChange[];
}

/** The summary of a preview of one stack. */
export interface PlanSummary {
  stack: string;
  counts: Record<ChangeKind, number> & { same: number };
  changes: ResourceChange[];
}

/** Pulumi's marker for a secret value in serialized properties. */
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** Pulumi's marker for a value only known after apply. */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** Printed instead of any secret value. */
export const SECRET_TEXT = "[secret]";

/** Types whose replacement or deletion destroys data. */
const DATA_BEARING_TYPE = /:(Addon|Bucket|ObjectBucket)$/;
/** Property names whose values are never printed, secret-marked or not. */
const SENSITIVE_NAME =
  /token|passw|secret|private|credential|connectionurl|apikey|accesskey|tlskey|tlscert|^variables$/i;

/** Map an engine step operation to what it means for the reader; `undefined` for no change. */
export function changeKindOf(op: string): ChangeKind | undefined {
  switch (op) {
    case "create":
    case "import":
      return "create";
    case "update":
      return "update";
    case "replace":
    case "create-replacement":
    case "delete-replaced":
    case "import-replacement":
    case "read-replacement":
      return "replace";
    case "delete":
    case "discard":
      return "delete";
    default:
      return undefined;
  }
}

/** True for types that hold data: Scalingo add-ons and object-storage buckets. */
export function isDataBearing(type: string): boolean {
  return DATA_BEARING_TYPE.test(type);
}

/** The logical name of a resource from its URN (`urn:pulumi:stack::project::type::name` → `name`). */
export function nameOfUrn(urn: string): string {
  return urn.split("::").at(-1) ?? urn;
}

/** The short type name: `pulumi-nodejs:dynamic/scalingo:Addon` → `Addon`. */
export function shortType(type: string): string {
  return type.split(":").at(-1) ?? type;
}

/** True when `value` is a serialized secret (`{ "4dabf…": "1b47…", … }`). */
export function isSecretValue(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    SECRET_SIG_KEY in value &&
    (value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG
  );
}

/** True when any segment of a property path names a sensitive property (`apiToken`, `tlsKey`, `variables`). */
export function isSensitivePath(path: string): boolean {
  return splitPath(path).some((segment) => SENSITIVE_NAME.test(segment));
}

/** Splits a property path (`a.b[0]["c.d"]`) into its segments (`a`, `b`, `0`, `c.d`). */
export function splitPath(path: string): string[] {
  const segments: string[] = [];
  const pattern = /\["((?:[^"\\]|\\.)*)"\]|\[(\d+)\]|([^.[\]]+)/g;
  for (const match of path.matchAll(pattern)) {
    const segment = match[1] ?? match[2] ?? match[3];
    if (segment !== undefined) segments.push(segment);
  }
  return segments;
}

/** The value at `path` inside `root`; a secret met on the way is returned as is (and masked later). */
export function valueAt(root: unknown, path: string): unknown {
  let current: unknown = root;
  for (const segment of splitPath(path)) {
    if (isSecretValue(current)) return current;
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** True when a secret hides anywhere inside `value`. */
function containsSecret(value: unknown): boolean {
  if (isSecretValue(value)) return true;
  if (typeof value !== "object" || value === null) return false;
  return Object.values(value).some(containsSecret);
}

/** Hides the password of a URL with credentials (`scheme://user:pass@host` → `scheme://user:[secret]@host`). */
function maskUrlCredentials(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@/\s]+@/gi, `$1${SECRET_TEXT}@`);
}

/**
 * A value as shown in the summary: `[secret]` for secrets (or containers of secrets) and sensitive paths,
 * `(known after apply)` for unknowns, JSON otherwise, cut at `maxLength` characters.
 */
export function displayValue(value: unknown, path: string, maxLength = 80): string | undefined {
  if (value === undefined) return undefined;
  if (containsSecret(value) || isSensitivePath(path)) return SECRET_TEXT;
  if (value === UNKNOWN) return "(known after apply)";
  const text = maskUrlCredentials(typeof value === "string" ? value : JSON.stringify(value));
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

/** Joins a property path: `a` + `b` → `a.b`, `a` + 0 → `a[0]`, `a` + `x.y` → `a["x.y"]`. */
export function joinPath(prefix: string, key: string | number): string {
  if (typeof key === "number") return `${prefix}[${key}]`;
  const segment = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : `["${key.replace(/"/g, '\\"')}"]`;
  if (prefix === "" || segment.startsWith("[")) return `${prefix}${segment}`;
  return `${prefix}.${segment}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !isSecretValue(value);
}

/**
 * The leaf paths where `before` and `after` differ. Two secrets cannot be compared (both are blinded), so
 * they are listed in `secretPaths` instead, for the caller to report when nothing visible changed.
 */
export function diffPaths(
  before: unknown,
  after: unknown,
  prefix: string,
  secretPaths: string[] = [],
): string[] {
  if (isSecretValue(before) && isSecretValue(after)) {
    secretPaths.push(prefix);
    return [];
  }
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
      (k) => !k.startsWith("__"),
    );
    return keys
      .sort()
      .flatMap((key) => diffPaths(before[key], after[key], joinPath(prefix, key), secretPaths));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((item, i) => diffPaths(item, after[i], joinPath(prefix, i), secretPaths));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [prefix];
}

/** Where a step's "before" values come from: the old inputs, or the old outputs for drift found by a refresh. */
type BeforeSource = "inputs" | "outputs";

/**
 * The paths that changed (the engine gives no detailed diff for dynamic resources): old inputs against new
 * inputs; when those agree (drift found by a refresh changed the outputs), old outputs against new inputs.
 */
function changedPaths(metadata: StepEventMetadata): { paths: string[]; before: BeforeSource } {
  const secretPaths: string[] = [];
  const newInputs = metadata.new?.inputs ?? {};
  const paths = diffPaths(metadata.old?.inputs ?? {}, newInputs, "", secretPaths);
  if (paths.length > 0) return { paths, before: "inputs" };
  const outputs = metadata.old?.outputs ?? {};
  const shared = Object.fromEntries(
    Object.keys(newInputs)
      .filter((k) => k in outputs)
      .map((k) => [k, outputs[k]]),
  );
  const drifted = diffPaths(shared, newInputs, "", []).filter((path) => valueAt(shared, path) !== undefined);
  return drifted.length > 0
    ? { paths: drifted, before: "outputs" }
    : { paths: secretPaths, before: "inputs" };
}

/** The property changes of an update or replace step: the engine's detailed diff, else our own input diff. */
export function propertyChanges(metadata: StepEventMetadata): PropertyChange[] {
  if (metadata.old === undefined || metadata.new === undefined) return [];
  const detailed = metadata.detailedDiff ?? {};
  const found =
    Object.keys(detailed).length > 0
      ? { paths: Object.keys(detailed), before: "inputs" as const }
      : changedPaths(metadata);
  const replaceKeys = new Set(metadata.keys ?? []);
  return found.paths
    .filter((path) => !splitPath(path).some((segment) => segment.startsWith("__")))
    .sort()
    .map((path) => ({
      path,
      kind:
        detailed[path]?.diffKind ?? (replaceKeys.has(splitPath(path)[0] ?? "") ? "update-replace" : "update"),
      before: displayValue(valueAt(metadata.old?.[found.before], path), path),
      after: displayValue(valueAt(metadata.new?.inputs, path), path),
    }));
}

/** The steps that carry both old and new inputs worth comparing. */
const DIFFED_OPS = new Set(["update", "replace", "create-replacement"]);

/** The precedence of change kinds when several steps touch one resource (a replace is a create + delete). */
const PRECEDENCE: Record<ChangeKind, number> = { replace: 3, delete: 2, update: 1, create: 0 };

/** Summarizes the engine events of a preview of `stack`. */
export function summarizePlan(stack: string, events: readonly EngineEvent[]): PlanSummary {
  const byUrn = new Map<string, ResourceChange>();
  const same = new Set<string>();
  for (const event of events) {
    const metadata = event.resourcePreEvent?.metadata;
    if (metadata === undefined || metadata.type === "pulumi:pulumi:Stack") continue;
    if (metadata.type.startsWith("pulumi:providers:")) continue;
    const kind = changeKindOf(metadata.op);
    if (kind === undefined) {
      if (metadata.op === "same") same.add(metadata.urn);
      continue;
    }
    const known = byUrn.get(metadata.urn);
    if (known !== undefined && PRECEDENCE[known.kind] > PRECEDENCE[kind]) continue;
    const properties = DIFFED_OPS.has(metadata.op) ? propertyChanges(metadata) : [];
    byUrn.set(metadata.urn, {
      kind,
      urn: metadata.urn,
      name: nameOfUrn(metadata.urn),
      type: metadata.type,
      dataBearing: isDataBearing(metadata.type),
      properties: properties.length > 0 ? properties : (known?.properties ?? []),
    });
  }
  const changes = [...byUrn.values()];
  const count = (kind: ChangeKind) => changes.filter((change) => change.kind === kind).length;
  return {
    stack,
    counts: {
      create: count("create"),
      update: count("update"),
      replace: count("replace"),
      delete: count("delete"),
      same: [...same].filter((urn) => !byUrn.has(urn)).length,
    },
    changes,
  };
}

/** True when the plan changes anything. */
export function hasChanges(summary: PlanSummary): boolean {
  return summary.changes.length > 0;
}
