/**
 * `Domain`: a custom domain of an app. The name is immutable (a change replaces the domain); `canonical`,
 * Let's Encrypt and a custom certificate change in place. At most one domain per app is canonical: setting it
 * first unsets the current one, so two are never canonical at once.
 * @see https://developers.scalingo.com/domains
 */

import { PaasenvResource } from "../base/paasenv-resource";
import * as pulumi from "../base/sdk";

/** Bump when the CRUD logic changes, so `up` rewrites the code stored in state. */
export const DOMAIN_PROVIDER_VERSION = "2";

/** Arguments of a {@link Domain}. */
export interface DomainArgs {
  /** The app's ID (`App.appId`). */
  appId: pulumi.Input<string>;
  /** The app's region. @example `"osc-fr1"` */
  region: pulumi.Input<string>;
  /** The host name; changing it replaces the domain. @example `"www.example.com"` */
  name: pulumi.Input<string>;
  /**
   * Make this the app's [canonical domain](https://doc.scalingo.com/platform/app/domain#canonical-domain): the
   * others redirect to it. At most one per app.
   * @default `false`
   */
  canonical?: pulumi.Input<boolean>;
  /** Let Scalingo get a Let's Encrypt certificate (ignored while a custom certificate is set). @default `true` */
  letsEncrypt?: pulumi.Input<boolean>;
  /** A custom certificate chain, PEM (secret). Set with `tlsKey`. */
  tlsCert?: pulumi.Input<string>;
  /** The custom certificate's private key, PEM (secret). Set with `tlsCert`. */
  tlsKey?: pulumi.Input<string>;
  /** Take over the app's existing domain of this name instead of failing. @default `false` */
  adopt?: pulumi.Input<boolean>;
}

/**
 * A custom domain of a Scalingo app (point a CNAME at `cnameTarget`).
 *
 * @example
 * ```ts
 * new Domain("shop-www", { appId: app.appId, region: "osc-fr1", name: "www.example.com", canonical: true });
 * ```
 */
export class Domain extends PaasenvResource {
  /** The domain ID. */
  declare readonly domainId: pulumi.Output<string>;
  /** Where the domain's CNAME must point: `<app>.<region>.scalingo.io.` (trailing dot). */
  declare readonly cnameTarget: pulumi.Output<string>;
  /** Certificate status: `pending`, `success` or `error`. */
  declare readonly sslStatus: pulumi.Output<string>;
  /** Let's Encrypt status: `new`, `pending_dns`, `created`, `dns_required` or `error`. */
  declare readonly letsencryptStatus: pulumi.Output<string>;

  constructor(name: string, args: DomainArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = {
      domainId: undefined,
      cnameTarget: undefined,
      sslStatus: undefined,
      letsencryptStatus: undefined,
    };
    const certificate = {
      ...(args.tlsCert === undefined ? {} : { tlsCert: pulumi.secret(args.tlsCert) }),
      ...(args.tlsKey === undefined ? {} : { tlsKey: pulumi.secret(args.tlsKey) }),
    };
    const props = {
      ...outputs,
      ...args,
      ...certificate,
      providerVersion: DOMAIN_PROVIDER_VERSION,
      resourceName: name,
    };
    const secrets = [...(opts?.additionalSecretOutputs ?? []), "tlsCert", "tlsKey"];
    super("scalingo", "Domain", name, props, { ...opts, additionalSecretOutputs: secrets });
  }
}
