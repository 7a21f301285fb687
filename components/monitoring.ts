import * as pulumi from "../providers/base/sdk";
import { Alert, Notifier } from "../providers/scalingo";
import { type AlertConfig, alertKey, type MonitoringConfig } from "./config/monitoring";
import { childName } from "./config/naming";
import { childrenInsideApp } from "./inside-app";

/** Arguments of a {@link Monitoring}. */
export interface MonitoringArgs {
  /** The app's ID (`App.appId`). */
  appId: pulumi.Input<string>;
  /** The app's region. @example `"osc-fr1"` */
  region: string;
  /** The notifiers (`paasenv:monitoring.notifiers`): plain values, they name the resources. */
  notifiers: MonitoringConfig["notifiers"];
  /**
   * The alerts: the stack's own, or production's defaults (`alertsFor`).
   * @example `[{ type: "web", metric: "5XX", limit: 10, below: false, for: "2m", remindEvery: "1h" }]`
   */
  alerts: readonly AlertConfig[];
}

/**
 * An app's notifiers, keyed by name, and its alerts, keyed by `<type>-<metric>` (or their name), each sent to
 * the notifiers it names or to all of them.
 *
 * @example
 * ```ts
 * new Monitoring("shop-monitoring", {
 *   appId: app.appId, region: "osc-fr1",
 *   notifiers: [{ name: "ops", platform: "email", emails: ["ops@example.com"], events: [], sendAllAlerts: true, sendAllEvents: false }],
 *   alerts: DEFAULT_ALERTS,
 * }, { parent: this });
 * ```
 */
export class Monitoring extends pulumi.ComponentResource {
  /** The notifiers' IDs, by name. */
  readonly notifierIds: Record<string, pulumi.Output<string>>;

  constructor(name: string, args: MonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    super("paasenv:index:Monitoring", name, {}, opts);
    const children = childrenInsideApp(this, opts);
    this.notifierIds = Object.fromEntries(
      args.notifiers.map((notifier) => [
        notifier.name,
        createNotifier(name, args, notifier, children).notifierId,
      ]),
    );
    for (const alert of args.alerts) createAlert(name, args, alert, this.notifierIds, children);
    this.registerOutputs({ notifierIds: this.notifierIds });
  }
}

function createNotifier(
  name: string,
  args: MonitoringArgs,
  notifier: MonitoringConfig["notifiers"][number],
  children: pulumi.CustomResourceOptions,
): Notifier {
  const { emails, webhookUrl, events, sendAllAlerts, sendAllEvents, platform } = notifier;
  return new Notifier(
    childName(name, `notifier-${notifier.name}`),
    {
      appId: args.appId,
      region: args.region,
      name: notifier.name,
      platform,
      events,
      sendAllAlerts,
      sendAllEvents,
      ...(emails === undefined ? {} : { emails }),
      ...(webhookUrl === undefined ? {} : { webhookUrl }),
    },
    children,
  );
}

/** An alert sent to the notifiers it names, or to all of them. */
function createAlert(
  name: string,
  args: MonitoringArgs,
  alert: AlertConfig,
  notifierIds: Record<string, pulumi.Output<string>>,
  children: pulumi.CustomResourceOptions,
): Alert {
  const names = alert.notifiers ?? Object.keys(notifierIds);
  return new Alert(
    childName(name, `alert-${alertKey(alert)}`),
    {
      appId: args.appId,
      region: args.region,
      containerType: alert.type,
      metric: alert.metric,
      limit: alert.limit,
      sendWhenBelow: alert.below,
      durationBeforeTrigger: alert.for,
      ...(alert.remindEvery === undefined ? {} : { remindEvery: alert.remindEvery }),
      notifiers: names.flatMap((n) => notifierIds[n] ?? []),
    },
    children,
  );
}
