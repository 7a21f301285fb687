/**
 * `Addon`: a PostgreSQL or Redis add-on of an app. A plan change is an in-place upgrade; a change of provider,
 * app, region or version replaces the add-on and **destroys its data**, so it is refused (and so is deleting
 * the add-on) unless the stack config's `paasenv:permitDataLoss` names the add-on, or its app, by its current
 * ID.
 * @see https://developers.scalingo.com/addons
 */
import type * as pulumi from "@pulumi/pulumi";
import { PaasenvResource } from "../base/paasenv-resource";
import type { addonOutputs } from "./addon-mappers";

/** Bump when the CRUD logic changes, so `up` rewrites the code stored in state. */
export const ADDON_PROVIDER_VERSION = "2";

/** Arguments of an {@link Addon}. */
export interface AddonArgs {
  /** The app's ID (`App.appId`): a rename of the app replaces nothing. */
  appId: pulumi.Input<string>;
  /** The app's region. @example `"osc-fr1"` */
  region: pulumi.Input<string>;
  /**
   * The add-on provider; the legacy `scalingo-` spellings are accepted. Changing it replaces the add-on.
   * @example `"postgresql"`
   */
  provider: pulumi.Input<"postgresql" | "redis" | "scalingo-postgresql" | "scalingo-redis">;
  /**
   * The plan by name ([plans](https://scalingo.com/databases/pricing)); a change upgrades in place.
   * @example `"postgresql-starter-512"`
   */
  plan: pulumi.Input<string>;
  /** The database version at provisioning; a later change replaces the add-on. @example `"16"` */
  version?: pulumi.Input<string>;
  /** Take over the app's existing add-on of this provider instead of failing. @default `false` */
  adopt?: pulumi.Input<boolean>;
  /**
   * The stack-config key of the plan, named in `check`'s message when the plan is not in the catalog.
   * @example `{ plan: "paasenv:addons.postgresql.plan" }`
   */
  configKeys?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** Outputs of an {@link Addon} (besides its inputs). */
export type AddonOutputs = ReturnType<typeof addonOutputs>;

/**
 * A database add-on of a Scalingo app. `connectionUrl` is a secret output.
 *
 * @example
 * ```ts
 * const db = new Addon("shop-postgresql", {
 *   appId: app.appId, region: "osc-fr1", provider: "postgresql", plan: "postgresql-starter-512",
 * }, { protect: true });
 * ```
 */
export class Addon extends PaasenvResource {
  /** The add-on ID (also the Database API's database ID). */
  declare readonly addonId: pulumi.Output<string>;
  /** The database resource ID (user and database name). */
  declare readonly resourceId: pulumi.Output<string>;
  /** Variables the add-on injected into the app (`SCALINGO_POSTGRESQL_URL`, `DATABASE_URL`, …). */
  declare readonly variableNames: pulumi.Output<string[]>;
  /** The connection URL (secret). */
  declare readonly connectionUrl: pulumi.Output<string>;
  /** `provisioning`, `running` or `suspended`. */
  declare readonly status: pulumi.Output<string>;

  constructor(name: string, args: AddonArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = {
      addonId: undefined,
      resourceId: undefined,
      variableNames: undefined,
      connectionUrl: undefined,
    };
    const props = {
      ...outputs,
      status: undefined,
      ...args,
      providerVersion: ADDON_PROVIDER_VERSION,
      resourceName: name,
    };
    const secrets = [...(opts?.additionalSecretOutputs ?? []), "connectionUrl"];
    super("scalingo", "Addon", name, props, { ...opts, additionalSecretOutputs: secrets });
  }
}
