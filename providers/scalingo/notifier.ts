/**
 * `Notifier`: where an app's alerts and events are sent — e-mail addresses, a Slack incoming webhook or any
 * webhook. Events are chosen by name (`deployment`, `crash`, `database_backup_failed`, …) and resolved to the
 * API's event-type IDs. A webhook URL is a secret. Changing the platform replaces the notifier.
 * @see https://developers.scalingo.com/notifiers
 */

import { PaasenvResource } from "../base/paasenv-resource";
import * as pulumi from "../base/sdk";
import type { NotifierPlatform } from "./production-limits";

/** Bump when the CRUD logic changes, so `up` rewrites the code stored in state. */
export const NOTIFIER_PROVIDER_VERSION = "1";

/** Arguments of a {@link Notifier}. */
export interface NotifierArgs {
  /** The app's ID (`App.appId`). */
  appId: pulumi.Input<string>;
  /** The app's region. @example `"osc-fr1"` */
  region: pulumi.Input<string>;
  /** The notifier's name, unique in the app (how a lost create is found again). @example `"ops-email"` */
  name: pulumi.Input<string>;
  /** `email`, `slack` or `webhook`; changing it replaces the notifier. */
  platform: pulumi.Input<NotifierPlatform>;
  /** Send notifications at all. @default `true` */
  active?: pulumi.Input<boolean>;
  /** Send every alert of the app. @default `true` */
  sendAllAlerts?: pulumi.Input<boolean>;
  /** Send every event of the app. @default `false` */
  sendAllEvents?: pulumi.Input<boolean>;
  /**
   * Events to send, by event-type name (`GET /v1/event_types`).
   * @default `[]`
   * @example `["deployment", "crash", "repeated_crash", "database_backup_failed"]`
   */
  events?: pulumi.Input<string[]>;
  /** The addresses of an `email` notifier. @example `["ops@example.com"]` */
  emails?: pulumi.Input<string[]>;
  /** The URL of a `slack` or `webhook` notifier (secret: it is the credential). */
  webhookUrl?: pulumi.Input<string>;
  /** Take over the app's existing notifier of this name instead of failing. @default `false` */
  adopt?: pulumi.Input<boolean>;
}

/**
 * A notifier of a Scalingo app.
 *
 * @example
 * ```ts
 * const ops = new Notifier("shop-notifier-ops", {
 *   appId: app.appId, region: "osc-fr1", name: "ops", platform: "email", emails: ["ops@example.com"],
 *   events: ["crash", "repeated_crash"],
 * });
 * ```
 */
export class Notifier extends PaasenvResource {
  /** The notifier's ID (`no-…`), what alerts name. */
  declare readonly notifierId: pulumi.Output<string>;
  /** The notification platform's ID. */
  declare readonly platformId: pulumi.Output<string>;
  /** The selected event-type IDs. */
  declare readonly eventIds: pulumi.Output<string[]>;

  constructor(name: string, args: NotifierArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = { notifierId: undefined, platformId: undefined, eventIds: undefined };
    const webhook = args.webhookUrl === undefined ? {} : { webhookUrl: pulumi.secret(args.webhookUrl) };
    const props = {
      ...outputs,
      ...args,
      ...webhook,
      providerVersion: NOTIFIER_PROVIDER_VERSION,
      resourceName: name,
    };
    const secrets = [...(opts?.additionalSecretOutputs ?? []), "webhookUrl"];
    super("scalingo", "Notifier", name, props, { ...opts, additionalSecretOutputs: secrets });
  }
}
