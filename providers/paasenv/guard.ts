/**
 * `Guard`: a record, kept in state only, of an environment's data-bearing objects by config key and ID. It
 * makes no API call. Its `check` refuses a change that would lose one of them (removed from the
 * configuration, or now another object) and its `delete` refuses to let a destroy go on, each unless
 * `paasenv:permitDataLoss` names what would be lost.
 *
 * `AppEnvironment` declares one depending on every other resource of the environment: a destroy must delete
 * it first, so it refuses (or, `protect`ed in production, the engine refuses) before anything is touched.
 * `ObjectStorage` declares one its bucket depends on, so a change of the bucket's identity is refused before
 * the bucket is replaced.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { DataKey } from "../base/data-loss";
import { PaasenvResource } from "../base/paasenv-resource";

/** Bump when the guard's logic changes, so `up` rewrites what state holds. */
export const GUARD_PROVIDER_VERSION = "1";

/** Arguments of a {@link Guard}. */
export interface GuardArgs {
  /**
   * The data keys the configuration declares now (plain values: a key missing here means the object is being
   * removed, even while preview does not know the IDs).
   * @example `["app", "addons.postgresql"]`
   */
  held: DataKey[];
  /**
   * The current ID of each held object.
   * @example `{ app: app.appId, "addons.postgresql": postgres.addonId }`
   */
  ids: Partial<Record<DataKey, pulumi.Input<string>>>;
  /**
   * A production environment, whose guard, app and data are `protect`ed: a refusal to delete the guard then
   * says that the rest is protected too.
   * @default `false`
   */
  production?: boolean;
  /**
   * What deleting this guard means, in its refusal.
   * @default `"destroying this environment"`
   * @example `"removing the Metabase companion from the configuration, or destroying the environment,"`
   */
  deleting?: string;
}

/**
 * A data-loss guard.
 *
 * @example
 * ```ts
 * new Guard("shop-guard", { held: ["app", "storage"], ids: { app: app.appId, storage: "fr-par/shop-storage" } },
 *   { dependsOn: everythingElse, protect: production });
 * ```
 */
export class Guard extends PaasenvResource {
  /** The IDs recorded at the last `up`. */
  declare readonly ids: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: GuardArgs, opts?: pulumi.CustomResourceOptions) {
    const props = { ...args, providerVersion: GUARD_PROVIDER_VERSION, resourceName: name };
    super("paasenv", "Guard", name, props, opts);
  }
}
