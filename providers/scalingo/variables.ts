/**
 * `Variables`: the environment variables paasenv manages on an app. Only the declared keys are touched:
 * variables injected by add-ons or set by hand are left alone. Values are secrets in state.
 * @see https://developers.scalingo.com/environment
 */

import { PaasenvResource } from "../base/paasenv-resource";
import * as pulumi from "../base/sdk";

/** Bump when the CRUD logic changes, so `up` rewrites the code stored in state. */
export const VARIABLES_PROVIDER_VERSION = "2";

/** Arguments of a {@link Variables} resource. */
export interface VariablesArgs {
  /** The app's ID (`App.appId`). */
  appId: pulumi.Input<string>;
  /** The app's region. @example `"osc-fr1"` */
  region: pulumi.Input<string>;
  /**
   * The variables, by name. Names: letters, digits and underscores, not starting with `_`, at most 64
   * characters. A value `$OTHER` is an alias. Removing a key deletes that variable.
   * @example `{ NODE_ENV: "production", DATABASE_POOL: "10" }`
   */
  variables: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * Restart the app after a change (Scalingo does not; skipped while the app was never deployed).
   * @default `false`
   */
  restartOnChange?: pulumi.Input<boolean>;
  /**
   * Names whose change restarts the app even without `restartOnChange`: variables Scalingo only reads at
   * start, such as the custom error pages' `SCALINGO_*_URL`.
   * @example `["SCALINGO_STOPPED_PAGE_URL"]`
   */
  restartKeys?: pulumi.Input<string[]>;
}

/**
 * The environment variables paasenv manages on an app (values are secrets in state).
 *
 * @example
 * ```ts
 * new Variables("shop-env", { appId: app.appId, region: "osc-fr1", variables: { NODE_ENV: "production" } });
 * ```
 */
export class Variables extends PaasenvResource {
  /** The managed variable names, sorted. */
  declare readonly names: pulumi.Output<string[]>;

  constructor(name: string, args: VariablesArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      names: undefined,
      ...args,
      variables: pulumi.secret(args.variables),
      providerVersion: VARIABLES_PROVIDER_VERSION,
      resourceName: name,
    };
    const secrets = [...(opts?.additionalSecretOutputs ?? []), "variables"];
    super("scalingo", "Variables", name, props, { ...opts, additionalSecretOutputs: secrets });
  }
}
