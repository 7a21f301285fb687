/**
 * The environment's data-loss guard: one `Guard` (`providers/paasenv/guard.ts`) recording the app, the
 * add-ons and the bucket by config key and ID, declared last and depending on every other resource of the
 * environment. So:
 *
 * - an `up` that would delete an add-on or the bucket removed from the configuration is refused before any
 *   delete (deletes come after every registration), and so is its preview;
 * - a destroy must delete the guard first (nothing else is deleted while something still depends on it):
 *   in production it is `protect`ed, so the engine refuses the destroy before touching anything; elsewhere it
 *   refuses itself unless `paasenv:permitDataLoss` names every object that would lose its data.
 *
 * The guard must never be declared with `deletedWith`: that would let a destroy skip it.
 */
import type * as pulumi from "@pulumi/pulumi";
import { DATA_KEYS, type DataKey, isDataKey } from "../providers/base/data-loss";
import { Guard } from "../providers/paasenv/guard";
import type { Addon, App } from "../providers/scalingo";
import { childName } from "./config/naming";
import type { ObjectStorage } from "./object-storage";

/** What the guard records and waits for. */
export interface GuardedEnvironment {
  app: App;
  /** The add-ons by provider (`postgresql`, `redis`). */
  addons: Readonly<Record<string, Addon | undefined>>;
  storage: ObjectStorage | undefined;
  /** Every other resource of the environment (formation, variables, domains): the guard depends on them too. */
  others: readonly pulumi.Resource[];
  /** What deleting the guard means, for its refusal (a companion's: removing it). @default destroying the environment */
  deleting?: string;
}

/** The data keys and IDs of an environment's data-bearing resources. */
export function guardedIds(environment: GuardedEnvironment): {
  held: DataKey[];
  ids: Partial<Record<DataKey, pulumi.Input<string>>>;
} {
  const ids: Partial<Record<DataKey, pulumi.Input<string>>> = { app: environment.app.appId };
  for (const [provider, addon] of Object.entries(environment.addons)) {
    const key = `addons.${provider}`;
    if (addon !== undefined && isDataKey(key)) ids[key] = addon.addonId;
  }
  if (environment.storage !== undefined) ids.storage = environment.storage.storageId;
  return { held: DATA_KEYS.filter((key) => ids[key] !== undefined), ids };
}

/** Declares the environment's guard, `<name>-guard`, after and depending on everything else. */
export function createEnvironmentGuard(
  name: string,
  environment: GuardedEnvironment,
  protect: boolean,
  parent: pulumi.Resource,
): Guard {
  const { app, addons, storage, others } = environment;
  const dependsOn = [
    app,
    ...Object.values(addons).filter((addon): addon is Addon => addon !== undefined),
    ...(storage === undefined ? [] : [storage]),
    ...others,
  ];
  const deleting = environment.deleting === undefined ? {} : { deleting: environment.deleting };
  const args = { ...guardedIds(environment), production: protect, ...deleting };
  return new Guard(childName(name, "guard"), args, { parent, protect, dependsOn });
}
