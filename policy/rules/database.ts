/**
 * The database's care: periodic backups of PostgreSQL, and a maintenance window on every add-on (Scalingo
 * then upgrades it when the team chose, not at any hour). A `DatabaseSettings` belongs to the add-on its
 * `addonId` comes from (its property dependency: the ID is not known before the add-on exists).
 */
import { addonPlan, databaseSettingsOf, type ResourceView, TYPES } from "../resources";
import type { StackRule } from "./rule";

/** The settings declared for `addon`, when any. */
function settingsOf(addon: ResourceView, resources: readonly ResourceView[]) {
  const declared = resources.find(
    (r) => r.type === TYPES.databaseSettings && r.addonUrns.includes(addon.urn),
  );
  return declared === undefined ? undefined : databaseSettingsOf(declared.props);
}

const providerOf = (addon: ResourceView) => addonPlan(addon.props).provider ?? "add-on";

type Settings = ReturnType<typeof databaseSettingsOf>;

/** The add-ons (of `provider`, or all) whose declared settings (if any) `lack` what a rule wants. */
function addonsLacking(
  resources: readonly ResourceView[],
  lacks: (settings: Settings | undefined) => boolean,
  provider?: string,
): ResourceView[] {
  return resources
    .filter((r) => r.type === TYPES.addon && (provider === undefined || providerOf(r) === provider))
    .filter((addon) => lacks(settingsOf(addon, resources)));
}

export const databaseBackups: StackRule = {
  name: "database-backups",
  description: "PostgreSQL takes periodic backups (`paasenv:addons.postgresql.backups`).",
  types: [TYPES.addon, TYPES.databaseSettings],
  check: (resources) =>
    addonsLacking(resources, (settings) => settings?.backups?.enabled !== true, "postgresql").map(
      () =>
        "PostgreSQL's periodic backups are not turned on by the stack, so none may exist to restore: set " +
        "`paasenv:addons.postgresql.backups` to `{ enabled: true, hour: 3 }` (a UTC hour)",
    ),
};

export const maintenanceWindow: StackRule = {
  name: "maintenance-window",
  description: "Every add-on has a maintenance window (`paasenv:addons.<provider>.maintenanceWindow`).",
  types: [TYPES.addon, TYPES.databaseSettings],
  check: (resources) =>
    addonsLacking(resources, (settings) => settings?.maintenanceWindow === undefined).map((addon) => {
      const provider = providerOf(addon);
      return (
        `the ${provider} add-on has no maintenance window, so Scalingo upgrades it at a time of its ` +
        `choosing: set \`paasenv:addons.${provider}.maintenanceWindow\` to \`{ day: sunday, hour: 4 }\` ` +
        "(a UTC hour, out of your busy hours)"
      );
    }),
};
