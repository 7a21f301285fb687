/**
 * `Formation`: how many containers of which size run each process type. Only the declared types are managed;
 * a type removed from `processes` is scaled to 0. Deleting the resource leaves the containers as they are
 * (as Terraform's `scalingo_container_type` does); deleting the app stops them.
 * @see https://developers.scalingo.com/apps#scale-an-application
 */
import type * as pulumi from "@pulumi/pulumi";
import { PaasenvResource } from "../base/paasenv-resource";
import type { ContainerSize } from "./limits";

/** Bump when the CRUD logic changes, so `up` rewrites the code stored in state. */
export const FORMATION_PROVIDER_VERSION = "2";

/** One process type's scale. */
export interface ProcessScale {
  /** Number of containers (up to 10 without asking Scalingo support). */
  amount: number;
  /** Container size: `S`, `M`, `L`, `XL`, `2XL` or `3XL` (checked by `check`). */
  size: ContainerSize | (string & {});
}

/** Arguments of a {@link Formation}. */
export interface FormationArgs {
  /** The app's ID (`App.appId`). */
  appId: pulumi.Input<string>;
  /** The app's region. @example `"osc-fr1"` */
  region: pulumi.Input<string>;
  /**
   * Process types (from the app's Procfile) and their scale.
   * @example `{ web: { amount: 2, size: "M" }, worker: { amount: 1, size: "S" } }`
   */
  processes: pulumi.Input<Record<string, pulumi.Input<ProcessScale>>>;
}

/**
 * The process formation of a Scalingo app.
 *
 * @example
 * ```ts
 * new Formation("shop-formation", {
 *   appId: app.appId, region: "osc-fr1", processes: { web: { amount: 2, size: "M" } },
 * });
 * ```
 */
export class Formation extends PaasenvResource {
  /** The declared process types and their scale. */
  declare readonly processes: pulumi.Output<Record<string, ProcessScale>>;

  constructor(name: string, args: FormationArgs, opts?: pulumi.CustomResourceOptions) {
    const props = { ...args, providerVersion: FORMATION_PROVIDER_VERSION, resourceName: name };
    super("scalingo", "Formation", name, props, opts);
  }
}
