/**
 * Pure mappers of the `App` resource: its inputs to the app settings the API takes, and the app the API
 * returns to the resource's outputs (and, for `read`, back to inputs).
 * @see https://developers.scalingo.com/apps
 */
import type { Loss } from "../base/data-loss";
import type { Bag } from "../base/inputs";
import { type CatalogEntry, changedValue } from "./catalog";
import type { ApiApp, AppInputs } from "./schemas";

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

/** A string-valued map input, or an empty one. */
function stringMap(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? { ...value } : {};
}

/**
 * What an App's `check` looks up in the catalog: its stack and the add-on plans declared with it, each only
 * when it changed. Checking the plans here, before the app exists, is what stops `up --skip-preview`: an
 * add-on's own `check` runs only once the app it belongs to has been created.
 */
export function appCatalogEntries(olds: Bag, inputs: Bag): CatalogEntry[] {
  const keys = stringMap(inputs.configKeys);
  const keyOf = (property: string) =>
    typeof keys[property] === "string" ? String(keys[property]) : undefined;
  const entries: CatalogEntry[] = [];
  const stack = changedValue(olds, inputs, (bag) => bag.stack);
  if (stack !== undefined)
    entries.push({ property: "stack", list: "stacks", value: stack, configKey: keyOf("stack") });
  for (const provider of Object.keys(stringMap(inputs.addonPlans))) {
    const property = `addonPlans.${provider}`;
    const plan = changedValue(olds, inputs, (bag) => stringMap(bag.addonPlans)[provider]);
    if (plan !== undefined)
      entries.push({ property, list: { plansOf: provider }, value: plan, configKey: keyOf(property) });
  }
  return entries;
}

/** The add-ons an app holds as far as paasenv knows: those declared now or recorded at the last `up`. */
export function heldAddons(olds: Bag, news: Bag): string[] {
  const list = (value: unknown) =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  return [...new Set([...list(olds.addons), ...list(news.addons)])].sort();
}

/** Whether two `addons` lists name the same add-ons (an absent list, from older state, is empty). */
export function sameAddons(olds: Bag, news: Bag): boolean {
  return heldAddons(olds, {}).join() === heldAddons({}, news).join();
}

/**
 * What replacing app `id` loses, when it holds add-ons: the app (an entry naming it permits its add-ons too),
 * and the sentence saying so. `undefined` when it holds none.
 */
export function appReplacementLoss(
  id: string,
  olds: Bag,
  news: Bag,
  replaced: readonly string[],
): { statement: string; loss: Loss } | undefined {
  const held = heldAddons(olds, news);
  if (held.length === 0) return undefined;
  const changes = replaced
    .map((f) => `\`${f}\` from ${JSON.stringify(olds[f])} to ${JSON.stringify(news[f])}`)
    .join(" and ");
  const statement =
    `App "${String(news.resourceName ?? olds.name)}": changing ${changes} replaces app "${String(olds.name)}" ` +
    `(${id}), and with it its ${held.join(" and ")} add-on${held.length > 1 ? "s and their" : " and its"} data`;
  return { statement, loss: { resource: "app", id } };
}
