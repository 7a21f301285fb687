/**
 * Pure mappers of the `Addon` resource: which changes replace it and what they lose, provider names, the
 * variables an add-on injects, and the add-on the API returns to the resource's outputs (and, for `read`, back
 * to inputs).
 * @see https://developers.scalingo.com/addons
 */
import type { Loss } from "../base/data-loss";
import { type Bag, containsUnknown } from "../base/inputs";
import { type CatalogEntry, changedValue } from "./catalog";
import { ADDON_VARIABLES } from "./limits";
import { appIdOnlyUnknown } from "./resource";
import type { AddonInputs, ApiAddon } from "./schemas";

/** The add-on provider's short ID (`scalingo-postgresql` → `postgresql`). */
export function shortProviderId(id: string): string {
  return id.startsWith("scalingo-") ? id.slice("scalingo-".length) : id;
}

/** Variables an add-on injects when the API does not say (`ADDON_VARIABLES`; `SCALINGO_<PROVIDER>_URL` else). */
export function defaultAddonVariables(provider: string): string[] {
  const short = shortProviderId(provider);
  const known = short === "postgresql" || short === "redis" ? ADDON_VARIABLES[short] : undefined;
  return [...(known ?? [`SCALINGO_${short.toUpperCase()}_URL`])];
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

/**
 * A change of a replacing field that keeps the add-on: `version` only applies at provisioning (setting or
 * removing it later is recorded without action), a provider in its legacy spelling is the same provider, and an
 * unknown `appId` of the same app is the same app.
 */
export function keepsAddon(field: string, olds: Bag, news: Bag): boolean {
  if (field === "version") return olds.version === undefined || news.version === undefined;
  if (field !== "provider") return appIdOnlyUnknown(field, olds, news);
  const norm = (v: unknown) => (typeof v === "string" ? shortProviderId(v) : v);
  return !containsUnknown(news.provider) && norm(olds.provider) === norm(news.provider);
}

/** The status paasenv records for an add-on a refresh no longer found on Scalingo (deleted outside paasenv). */
export const MISSING = "missing";

/** Whether the stored add-on is one a refresh no longer found. */
export function isMissing(olds: Bag): boolean {
  return olds.status === MISSING;
}

/** A loss and the sentence that says what causes it, for `refusal`. */
export interface StatedLoss {
  statement: string;
  loss: Loss;
}

/** The add-on `id` as a loss: its own entry, or its app's (the app's entry permits what it holds). */
function addonLoss(id: string, stored: Bag): Loss {
  const provider = shortProviderId(String(stored.provider));
  const resource = provider === "redis" ? "addons.redis" : "addons.postgresql";
  const appId = typeof stored.appId === "string" ? stored.appId : undefined;
  return { resource, id, ...(appId === undefined ? {} : { coveredBy: { resource: "app", id: appId } }) };
}

const label = (stored: Bag) => `Addon "${String(stored.resourceName ?? stored.provider)}"`;

/** What replacing add-on `id` (the `replaced` fields changed) loses. */
export function addonReplacementLoss(
  id: string,
  olds: Bag,
  news: Bag,
  replaced: readonly string[],
): StatedLoss {
  const changes = replaced
    .map((f) => `\`${f}\` from ${JSON.stringify(olds[f])} to ${JSON.stringify(news[f])}`)
    .join(" and ");
  const statement = `${label(olds)}: changing ${changes} replaces the add-on ${id} and destroys its data`;
  return { statement, loss: addonLoss(id, olds) };
}

/** What re-creating a `missing` add-on means: an empty one in place of the data that is gone. */
export function missingAddonLoss(id: string, olds: Bag): StatedLoss {
  const provider = shortProviderId(String(olds.provider));
  const statement =
    `${label(olds)}: the ${provider} add-on ${id} was not found on Scalingo by the last refresh (deleted ` +
    `outside paasenv?), and paasenv would create a new, empty one in its place`;
  return { statement, loss: addonLoss(id, olds) };
}

/** What deleting add-on `id` loses (`op`: `delete postgresql add-on of app …`). */
export function addonDeleteLoss(op: string, id: string, stored: Bag): StatedLoss {
  return { statement: `${op}: deleting the add-on ${id} destroys its data`, loss: addonLoss(id, stored) };
}

/** What an Addon's `check` looks up in the catalog: its plan, when it (or the provider, or the region) changed. */
export function addonCatalogEntries(olds: Bag, inputs: Bag): CatalogEntry[] {
  if (typeof inputs.provider !== "string" || containsUnknown(inputs.provider)) return [];
  const sameProvider =
    typeof olds.provider === "string" && shortProviderId(olds.provider) === inputs.provider;
  const plan = changedValue(sameProvider ? olds : {}, inputs, (bag) => bag.plan);
  if (plan === undefined) return [];
  const keys = inputs.configKeys;
  const configKey =
    keys !== null && typeof keys === "object" && "plan" in keys && typeof keys.plan === "string"
      ? keys.plan
      : undefined;
  return [{ property: "plan", list: { plansOf: inputs.provider }, value: plan, configKey }];
}
