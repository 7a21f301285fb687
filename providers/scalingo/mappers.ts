/**
 * Pure helpers of the Scalingo provider: input checking, diffing, and the mapping between resource
 * inputs/outputs and API payloads. Nothing here performs I/O or holds state, so every function can be captured
 * by value into `__provider` and tested with plain tables.
 */
import type { z } from "zod";
import type {
  AddonInputs,
  ApiAddon,
  ApiApp,
  ApiContainer,
  ApiDomain,
  ApiVariable,
  AppInputs,
  DomainInputs,
  FormationInputs,
  Zod,
} from "./schemas";

/** The value the engine sends for an input that is not known yet (preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** A property bag as the engine hands it over. */
export type Bag = Record<string, unknown>;

/** A failure reported by `check`. */
export interface Failure {
  property: string;
  reason: string;
}

/** An error thrown by the provider; `status` is the HTTP status when there was a response. */
export type ScalingoError = Error & {
  status?: number;
  method?: string;
  path?: string;
  outcomeUnknown?: boolean;
};

/** The error factory (a serialized `class extends Error` loses its message). */
export function scalingoError(
  message: string,
  details: Omit<ScalingoError, "name" | "message"> = {},
): ScalingoError {
  return Object.assign(new Error(message), { name: "ScalingoError", ...details });
}

/** A zod issue's message; record-key issues carry the real reason one level down. */
export function issueMessage(issue: { message: string; issues?: readonly { message: string }[] }): string {
  return issue.issues?.[0]?.message ?? issue.message;
}

/** Parse inputs in `create`/`update` (strips `__provider`); fails with every problem in one message. */
export function parseInputs<S extends z.ZodType>(schema: S, raw: unknown, label: string): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `\`${i.path.map(String).join(".")}\` ${issueMessage(i)}`);
  throw scalingoError(`${label}: invalid inputs: ${problems.join("; ")}`);
}

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

/**
 * The body of every `check`: validate `news`, drop failures caused by preview's unknown sentinel, and return
 * the parsed inputs (defaults applied, `__provider` and unknown keys stripped). When only unknowns fail, fields
 * are parsed one by one so known ones still get their defaults and unknown ones pass through untouched.
 */
export function checkInputs(
  schema: z.ZodObject,
  news: Bag,
  label: string,
): { inputs: Bag; failures: Failure[] } {
  const parsed = schema.safeParse(news);
  if (parsed.success) return { inputs: parsed.data, failures: [] };
  const issues = parsed.error.issues.filter((i) => !pathHitsUnknown(news, i.path));
  if (issues.length > 0) {
    const failures = issues.map((i) => {
      const property = i.path.map(String).join(".");
      return { property, reason: `${label}: \`${property}\` ${issueMessage(i)}` };
    });
    return { inputs: news, failures };
  }
  const inputs: Bag = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const value = news[key];
    const data = containsUnknown(value) ? value : field.safeParse(value).data;
    if (data !== undefined) inputs[key] = data;
  }
  return { inputs, failures: [] };
}

/** Where `check` finds the fallback region: the provider's settings once `configure` ran. */
export interface RegionDefault {
  session?: { settings: { defaultRegion: string } };
}

/**
 * `news` with `region` filled from `scalingo:region` / `SCALINGO_REGION` (default `osc-fr1`) when absent. The
 * filled value is stored with the inputs, so a later change of that setting shows as a replacement in preview.
 */
export function withDefaultRegion(news: Bag, provider: RegionDefault): Bag {
  if (news.region !== undefined) return news;
  return { ...news, region: provider.session?.settings.defaultRegion ?? "osc-fr1" };
}

/**
 * `check` and `diff` of a resource: validate with its schema factory (zod is `require`d at run time), then
 * compare the declared `fields`, replacing on `replaceOn`.
 */
export function inputMethods(
  schema: (zod: Zod) => z.ZodObject,
  label: (news: Bag) => string,
  fields: readonly string[],
  replaceOn: readonly string[],
) {
  return {
    async check(this: RegionDefault, _olds: Bag, news: Bag) {
      const { z }: { z: Zod } = require("zod");
      return checkInputs(schema(z), withDefaultRegion(news, this), label(news));
    },
    async diff(_id: string, olds: Bag, news: Bag) {
      const outcome = diffFields(olds, news, fields, replaceOn);
      return { ...outcome, replaces: outcome.replaces.filter((f) => !appIdOnlyUnknown(f, olds, news)) };
    },
  };
}

/**
 * Preview cannot know the outputs of an App being updated (dynamic providers do not preview updates), so its
 * children see `appId` as unknown on every App change. An App is replaced only when its region changes, and
 * children carry that region as a plain input: with `region` known and unchanged, an unknown `appId` is the same
 * app, so it must not show as a replacement. At `up` time the real ID is known and compared.
 */
export function appIdOnlyUnknown(field: string, olds: Bag, news: Bag): boolean {
  return (
    field === "appId" &&
    news.appId === UNKNOWN &&
    !containsUnknown(news.region) &&
    news.region === olds.region
  );
}

/** Structural equality for JSON-like values (key order ignored). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Bag)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Bag)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameValue((a as Bag)[k], (b as Bag)[k]));
}

/** The result of `diff`, with `changes` always a boolean (anything else makes the engine diff `__provider`). */
export interface DiffOutcome {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace?: boolean;
}

/**
 * Compare the declared `fields` of stored outputs and new inputs. An unknown new value counts as a change;
 * fields listed in `replaceOn` (Terraform's ForceNew) go into `replaces`. `__provider`, `adopt` and
 * `resourceName` are never compared because they are never listed.
 */
export function diffFields(
  olds: Bag,
  news: Bag,
  fields: readonly string[],
  replaceOn: readonly string[],
): DiffOutcome {
  const changed = fields.filter((f) => containsUnknown(news[f]) || !sameValue(olds[f], news[f]));
  return { changes: changed.length > 0, replaces: changed.filter((f) => replaceOn.includes(f)) };
}

/** The DNS target of an app, with the trailing dot: `<app>.<region>.scalingo.io.`, built from `base_url`. */
export function cnameTarget(baseUrl: string): string {
  const host = baseUrl.replace(/^[a-z]+:\/\//, "").replace(/[/:].*$/, "");
  return `${host}.`;
}

/** App settings as the API names them (`PATCH /v1/apps/:id` `{"app":{…}}`). */
export function appSettingsPayload(inputs: AppInputs, stackId: string | undefined) {
  return {
    force_https: inputs.forceHttps,
    router_logs: inputs.routerLogs,
    sticky_session: inputs.stickySession,
    ...(stackId === undefined ? {} : { stack_id: stackId }),
  };
}

/** Only the settings that differ from the app as it is; empty when nothing needs to change. */
export function appSettingsChanges(app: ApiApp, wanted: ReturnType<typeof appSettingsPayload>): Bag {
  return Object.fromEntries(Object.entries(wanted).filter(([key, value]) => (app as Bag)[key] !== value));
}

/** Full outputs of an App: the inputs plus what the API computed. */
export function appOutputs(inputs: AppInputs, app: ApiApp) {
  return {
    ...inputs,
    name: app.name,
    appId: app.id,
    url: app.url,
    baseUrl: app.base_url,
    gitUrl: app.git_url,
    cnameTarget: cnameTarget(app.base_url),
    stackId: app.stack_id ?? undefined,
  };
}

/** Inputs as they are on Scalingo (for `read`): remote values replace the declared ones. */
export function appInputsFromApi(inputs: AppInputs, app: ApiApp, stackName: string | undefined): AppInputs {
  return {
    ...inputs,
    name: app.name,
    forceHttps: app.force_https,
    routerLogs: app.router_logs,
    stickySession: app.sticky_session,
    ...(inputs.stack === undefined ? {} : { stack: stackName ?? app.stack_id ?? inputs.stack }),
  };
}

/** The add-on provider's short ID (`scalingo-postgresql` → `postgresql`). */
export function shortProviderId(id: string): string {
  return id.startsWith("scalingo-") ? id.slice("scalingo-".length) : id;
}

/** Variables an add-on injects when the API does not say (PostgreSQL, Redis). */
export function defaultAddonVariables(provider: string): string[] {
  const upper = shortProviderId(provider).toUpperCase();
  const alias = upper === "REDIS" ? "REDIS_URL" : "DATABASE_URL";
  return [`SCALINGO_${upper}_URL`, alias];
}

/** The variable holding an add-on's connection URL: `SCALINGO_<PROVIDER>_URL`. */
export function connectionVariable(provider: string, names: readonly string[]): string {
  const own = `SCALINGO_${shortProviderId(provider).toUpperCase()}_URL`;
  return names.find((n) => n === own) ?? names.find((n) => /^SCALINGO_.*_URL$/.test(n)) ?? own;
}

/** Full outputs of an Addon. */
export function addonOutputs(inputs: AddonInputs, addon: ApiAddon, variableNames: string[], url: string) {
  return {
    ...inputs,
    addonId: addon.id,
    resourceId: addon.resource_id,
    variableNames: [...variableNames].sort(),
    connectionUrl: url,
    status: addon.status,
  };
}

/** Inputs as they are on Scalingo: the plan actually provisioned. */
export function addonInputsFromApi(inputs: AddonInputs, addon: ApiAddon): AddonInputs {
  return { ...inputs, plan: addon.plan.name };
}

/** What to send to upsert and which variable IDs to delete to move `remote` to `wanted`. */
export function variablesPlan(
  previous: Readonly<Record<string, string>>,
  wanted: Readonly<Record<string, string>>,
  remote: readonly ApiVariable[],
): { upsert: { name: string; value: string }[]; remove: ApiVariable[] } {
  const byName = new Map(remote.map((v) => [v.name, v]));
  const upsert = Object.entries(wanted)
    .filter(([name, value]) => byName.get(name)?.value !== value)
    .map(([name, value]) => ({ name, value }));
  const remove = Object.keys(previous)
    .filter((name) => !(name in wanted))
    .flatMap((name) => byName.get(name) ?? []);
  return { upsert, remove };
}

/** The declared variables as they are on Scalingo; keys deleted out of band are left out. */
export function declaredVariables(
  declared: Readonly<Record<string, string>>,
  remote: readonly ApiVariable[],
): Record<string, string> {
  const byName = new Map(remote.map((v) => [v.name, v.value]));
  return Object.fromEntries(
    Object.keys(declared).flatMap((name) => {
      const value = byName.get(name);
      return value === undefined ? [] : [[name, value]];
    }),
  );
}

/** The `containers` body of a scale call: declared types that differ, plus removed types scaled to 0. */
export function formationChanges(
  previous: FormationInputs["processes"],
  wanted: FormationInputs["processes"],
  current: readonly ApiContainer[],
): { name: string; amount: number; size: string }[] {
  const now = new Map(current.map((c) => [c.name, c]));
  const changed = Object.entries(wanted)
    .filter(([name, p]) => now.get(name)?.amount !== p.amount || now.get(name)?.size !== p.size)
    .map(([name, p]) => ({ name, amount: p.amount, size: p.size }));
  const removed = Object.keys(previous)
    .filter((name) => !(name in wanted) && (now.get(name)?.amount ?? 0) > 0)
    .map((name) => ({ name, amount: 0, size: now.get(name)?.size ?? previous[name]?.size ?? "M" }));
  return [...changed, ...removed];
}

/** The declared process types as they are on Scalingo (types absent remotely are left out). */
export function declaredProcesses(
  declared: FormationInputs["processes"],
  current: readonly ApiContainer[],
): Record<string, { amount: number; size: string }> {
  const now = new Map(current.map((c) => [c.name, c]));
  return Object.fromEntries(
    Object.keys(declared).flatMap((name) => {
      const c = now.get(name);
      return c === undefined ? [] : [[name, { amount: c.amount, size: c.size }]];
    }),
  );
}

/** Body of `POST /v1/apps/:app/domains`. */
export function domainCreateBody(inputs: DomainInputs) {
  return {
    name: inputs.name,
    canonical: inputs.canonical,
    letsencrypt_enabled: inputs.letsEncrypt,
    ...(inputs.tlsCert === undefined ? {} : { tlscert: inputs.tlsCert, tlskey: inputs.tlsKey }),
  };
}

/**
 * What a `PATCH /v1/apps/:app/domains/:id` must change: settings that differ from the domain as it is, and the
 * certificate when the declared one changed (`tlscert: ""` removes a custom certificate).
 */
export function domainChanges(
  inputs: DomainInputs,
  previous: DomainInputs | undefined,
  remote: ApiDomain,
): Bag {
  const certChanged = inputs.tlsCert !== previous?.tlsCert || inputs.tlsKey !== previous?.tlsKey;
  return {
    ...(remote.canonical === inputs.canonical ? {} : { canonical: inputs.canonical }),
    ...(remote.letsencrypt_enabled === inputs.letsEncrypt ? {} : { letsencrypt_enabled: inputs.letsEncrypt }),
    ...(certChanged ? { tlscert: inputs.tlsCert ?? "", tlskey: inputs.tlsKey ?? "" } : {}),
  };
}

/** Full outputs of a Domain. */
export function domainOutputs(inputs: DomainInputs, domain: ApiDomain, target: string) {
  return {
    ...inputs,
    domainId: domain.id,
    cnameTarget: target,
    sslStatus: domain.ssl_status ?? "pending",
    letsencryptStatus: domain.letsencrypt_status ?? (domain.letsencrypt_enabled ? "new" : "disabled"),
  };
}

/** Inputs as they are on Scalingo (certificates cannot be read back and keep their declared value). */
export function domainInputsFromApi(inputs: DomainInputs, domain: ApiDomain): DomainInputs {
  return { ...inputs, canonical: domain.canonical, letsEncrypt: domain.letsencrypt_enabled };
}
