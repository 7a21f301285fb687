/**
 * `Formation`: how many containers of which size run each process type. Only the declared types are managed;
 * a type removed from `processes` is scaled to 0. The amount of an autoscaled type belongs to its autoscaler
 * (`autoscaled`). Deleting the resource leaves the containers as they are (as Terraform's
 * `scalingo_container_type` does); deleting the app stops them.
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
  /**
   * Types whose amount an {@link Autoscaler} owns, with its bounds. For them the formation sets the size and only
   * brings the amount within bounds (its declared amount is what it reports while the autoscaler keeps it
   * there); after a scale call naming them it enables again the autoscalers that call disabled.
   * @default `{}`
   * @example `{ web: { min: 2, max: 6 } }`
   */
  autoscaled?: pulumi.Input<Record<string, pulumi.Input<{ min: number; max: number }>>>;
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
