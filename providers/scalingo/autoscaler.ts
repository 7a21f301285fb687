/**
 * `Autoscaler`: keeps a process type's container count between `minContainers` (at least 2) and
 * `maxContainers`, following a metric towards a target. Its type's amount belongs to the autoscaler: a
 * `Formation` told the type is autoscaled (`autoscaled`) only keeps it within bounds and sets its size, and
 * re-enables the autoscaler its scale call disabled (Scalingo disables an autoscaler on any scale call naming
 * its type).
 * @see https://developers.scalingo.com/autoscalers
 */
import type * as pulumi from "@pulumi/pulumi";
import { PaasenvResource } from "../base/paasenv-resource";
import type { AutoscalerMetric } from "./production-limits";

/** Bump when the CRUD logic changes, so `up` rewrites the code stored in state. */
export const AUTOSCALER_PROVIDER_VERSION = "1";

/** Arguments of an {@link Autoscaler}. */
export interface AutoscalerArgs {
  /** The app's ID (`App.appId`). */
  appId: pulumi.Input<string>;
  /** The app's region. @example `"osc-fr1"` */
  region: pulumi.Input<string>;
  /** The process type; changing it replaces the autoscaler. @example `"web"` */
  containerType: pulumi.Input<string>;
  /** The fewest containers (at least 2). @example `2` */
  minContainers: pulumi.Input<number>;
  /** The most containers (at most 10 without asking support). @example `6` */
  maxContainers: pulumi.Input<number>;
  /**
   * The metric followed: `rpm_per_container` (recommended for `web`), `p95_response_time`, `5XX`, `cpu`,
   * `memory` or `swap` (the router metrics apply to `web` only).
   * @example `"rpm_per_container"`
   */
  metric: pulumi.Input<AutoscalerMetric>;
  /** The value the autoscaler aims at: requests per minute per container, ms, errors, or a ratio (`0.7`). */
  target: pulumi.Input<number>;
  /** Keep the autoscaler without letting it scale. @default `false` */
  disabled?: pulumi.Input<boolean>;
  /** Take over the type's existing autoscaler instead of failing. @default `false` */
  adopt?: pulumi.Input<boolean>;
}

/**
 * The autoscaler of one process type. Declare it after the type's `Formation` (`dependsOn`), whose
 * `autoscaled` input names the type.
 *
 * @example
 * ```ts
 * new Autoscaler("shop-autoscaler-web", {
 *   appId: app.appId, region: "osc-fr1", containerType: "web",
 *   minContainers: 2, maxContainers: 6, metric: "rpm_per_container", target: 600,
 * }, { dependsOn: [formation] });
 * ```
 */
export class Autoscaler extends PaasenvResource {
  /** The autoscaler's ID (`au-…`). */
  declare readonly autoscalerId: pulumi.Output<string>;

  constructor(name: string, args: AutoscalerArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      autoscalerId: undefined,
      ...args,
      providerVersion: AUTOSCALER_PROVIDER_VERSION,
      resourceName: name,
    };
    super("scalingo", "Autoscaler", name, props, opts);
  }
}
