/**
 * `LogDrain`: sends the logs of an app, or of one of its add-ons (`addonId`), to a log service (`syslog`,
 * `papertrail`, `datadog`, `ovh-graylog`, `appsignal`, `elk`). Drains cannot be changed through the API: any
 * change replaces the drain (the old one is removed first, as both could have the same URL). The drain's URL
 * and its token are secrets.
 * @see https://developers.scalingo.com/log_drains
 */

import { PaasenvResource } from "../base/paasenv-resource";
import * as pulumi from "../base/sdk";
import type { DrainType } from "./production-limits";

/** Bump when the CRUD logic changes, so `up` rewrites the code stored in state. */
export const LOG_DRAIN_PROVIDER_VERSION = "1";

/** Arguments of a {@link LogDrain}; which parameters a type needs is Scalingo's (checked by the API). */
export interface LogDrainArgs {
  /** The app's ID (`App.appId`). */
  appId: pulumi.Input<string>;
  /** The app's region. @example `"osc-fr1"` */
  region: pulumi.Input<string>;
  /** The add-on whose logs are drained (`Addon.addonId`); the app's own logs when omitted. */
  addonId?: pulumi.Input<string>;
  /** The log service. @example `"syslog"` */
  type: pulumi.Input<DrainType>;
  /** The service's token (secret): `appsignal`, `datadog`, `ovh-graylog`, optional for `syslog`. */
  token?: pulumi.Input<string>;
  /** The service's host: `appsignal`, `ovh-graylog`, `papertrail`, `syslog`. @example `"logs.example.com"` */
  host?: pulumi.Input<string>;
  /** The service's port: `appsignal`, `papertrail`, `syslog`. @example `"6514"` */
  port?: pulumi.Input<string | number>;
  /** Datadog's region. @example `"eu-west-2"` */
  drainRegion?: pulumi.Input<string>;
  /** A self-hosted ELK's URL (secret: it may hold credentials). */
  url?: pulumi.Input<string>;
  /** Take over a drain of the same destination already there instead of failing. @default `false` */
  adopt?: pulumi.Input<boolean>;
}

/**
 * A log drain of a Scalingo app or add-on.
 *
 * @example
 * ```ts
 * new LogDrain("shop-drain-syslog", {
 *   appId: app.appId, region: "osc-fr1", type: "syslog", host: "logs.example.com", port: 6514,
 * });
 * ```
 */
export class LogDrain extends PaasenvResource {
  /** The URL Scalingo built for the drain, its identity (secret: it may hold the token). */
  declare readonly drainUrl: pulumi.Output<string>;

  constructor(name: string, args: LogDrainArgs, opts?: pulumi.CustomResourceOptions) {
    const secret = {
      ...(args.token === undefined ? {} : { token: pulumi.secret(args.token) }),
      ...(args.url === undefined ? {} : { url: pulumi.secret(args.url) }),
    };
    const props = {
      drainUrl: undefined,
      ...args,
      ...secret,
      providerVersion: LOG_DRAIN_PROVIDER_VERSION,
      resourceName: name,
    };
    const secrets = [...(opts?.additionalSecretOutputs ?? []), "drainUrl", "token", "url"];
    super("scalingo", "LogDrain", name, props, { ...opts, additionalSecretOutputs: secrets });
  }
}
