/**
 * Pure mappers of the `Addon` resource: which changes replace it and which `check` refuses, provider names, the
 * variables an add-on injects, and the add-on the API returns to the resource's outputs (and, for `read`, back
 * to inputs).
 * @see https://developers.scalingo.com/addons
 */
import { type Bag, containsUnknown, type Failure } from "../base/inputs";
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

/** Replacements destroy data: `check` refuses the `replaced` fields unless `allowReplace` (olds are known there). */
export function refuseReplacement(
  replaced: readonly string[],
  olds: Bag,
  inputs: Bag,
  name: string,
): Failure[] {
  if (olds.provider === undefined || inputs.allowReplace === true) return [];
  return replaced
    .filter((f) => !containsUnknown(inputs[f]) && !containsUnknown(olds[f]))
    .map((f) => ({
      property: f,
      reason:
        `${name}: changing \`${f}\` from "${String(olds[f])}" to "${String(inputs[f])}" replaces the add-on and ` +
        "destroys its data. Back it up first, then set `allowReplace: true` (paasenv:allowDataLoss) to allow it.",
    }));
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
