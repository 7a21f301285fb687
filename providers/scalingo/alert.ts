/**
 * `Alert`: notifies an app's notifiers when a metric of a process type stays above (or below) a limit for a
 * while, and reminds them at an interval while it lasts. Metrics and units are the API's: `cpu`, `memory` and
 * `swap` as ratios of the container's allocation (`0.9` = 90 %), `p95_response_time` in milliseconds, `5XX`
 * and `rpm_per_container` per minute, `all` for the app's requests per minute.
 * @see https://developers.scalingo.com/alerts
 */
import type * as pulumi from "@pulumi/pulumi";
import { PaasenvResource } from "../base/paasenv-resource";
import type { AlertMetric } from "./production-limits";

/** Bump when the CRUD logic changes, so `up` rewrites the code stored in state. */
export const ALERT_PROVIDER_VERSION = "1";

/** Arguments of an {@link Alert}. */
export interface AlertArgs {
  /** The app's ID (`App.appId`). */
  appId: pulumi.Input<string>;
  /** The app's region. @example `"osc-fr1"` */
  region: pulumi.Input<string>;
  /** The process type watched. @example `"web"` */
  containerType: pulumi.Input<string>;
  /** The metric: `cpu`, `memory`, `swap`, `p95_response_time`, `5XX`, `rpm_per_container` or `all`. */
  metric: pulumi.Input<AlertMetric>;
  /** The limit, in the metric's unit (a ratio for `cpu`/`memory`/`swap`, ms, or per minute). @example `0.9` */
  limit: pulumi.Input<number>;
  /** Alert when the value goes below the limit instead of above. @default `false` */
  sendWhenBelow?: pulumi.Input<boolean>;
  /** How long the limit must be crossed before the alert fires (a Go duration). @default `"0s"` @example `"5m"` */
  durationBeforeTrigger?: pulumi.Input<string>;
  /** Send the alert again at this interval while it lasts (a Go duration); once when omitted. @example `"1h"` */
  remindEvery?: pulumi.Input<string>;
  /** The notifiers' IDs (`Notifier.notifierId`). @default `[]` */
  notifiers?: pulumi.Input<pulumi.Input<string>[]>;
  /** Keep the alert without sending it. @default `false` */
  disabled?: pulumi.Input<boolean>;
  /** Take over an existing alert on the same type, metric, limit and direction instead of failing. @default `false` */
  adopt?: pulumi.Input<boolean>;
}

/**
 * An alert of a Scalingo app.
 *
 * @example
 * ```ts
 * new Alert("shop-alert-web-memory", {
 *   appId: app.appId, region: "osc-fr1", containerType: "web", metric: "memory", limit: 0.9,
 *   durationBeforeTrigger: "5m", remindEvery: "1h", notifiers: [ops.notifierId],
 * });
 * ```
 */
export class Alert extends PaasenvResource {
  /** The alert's ID (`al-…`). */
  declare readonly alertId: pulumi.Output<string>;

  constructor(name: string, args: AlertArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      alertId: undefined,
      ...args,
      providerVersion: ALERT_PROVIDER_VERSION,
      resourceName: name,
    };
    super("scalingo", "Alert", name, props, opts);
  }
}
