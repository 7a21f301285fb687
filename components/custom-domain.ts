import * as pulumi from "../providers/base/sdk";
import { Domain } from "../providers/scalingo";
import { childName } from "./config/naming";
import { type Dns, type DnsRecord, recordArgs } from "./dns/adapters";
import { childrenInsideApp } from "./inside-app";

/** Arguments of a {@link CustomDomain}. */
export interface CustomDomainArgs {
  /** The Scalingo app's ID (`App.appId`). */
  appId: pulumi.Input<string>;
  /** The app's Scalingo region. @example `"osc-fr1"` */
  region: pulumi.Input<string>;
  /**
   * The fully qualified domain name; a plain value because it names the resources.
   * @example `"www.example.com"`
   */
  domain: string;
  /**
   * Whether this is the app's canonical domain, the one the others redirect to.
   * [Scalingo docs](https://doc.scalingo.com/platform/app/domain#canonical-domain)
   * @default `false`
   */
  canonical?: boolean;
  /** The DNS target, `<app>.<region>.scalingo.io.` with the trailing dot (`App.cnameTarget`). */
  target: pulumi.Input<string>;
  /** Where the DNS record is managed (see `components/dns/adapters.ts`). */
  dns: Dns;
}

/**
 * A custom domain of a Scalingo app: the Scalingo `Domain` (Let's Encrypt certificate included) and the DNS
 * record pointing it at the app, created through the {@link Dns} adapter.
 *
 * @example
 * ```ts
 * new CustomDomain("shop-www.example.com", {
 *   appId: app.appId, region: "osc-fr1", domain: "www.example.com", canonical: true,
 *   target: app.cnameTarget, dns: scalewayDns("example.com", 3600),
 * }, { parent: this });
 * ```
 */
export class CustomDomain extends pulumi.ComponentResource {
  /** The record pointing the domain at the app (created, or to be created by hand with `manual` DNS). */
  readonly record: pulumi.Output<DnsRecord>;
  /** The Scalingo domain's ID. */
  readonly domainId: pulumi.Output<string>;

  constructor(name: string, args: CustomDomainArgs, opts?: pulumi.ComponentResourceOptions) {
    // Only the Scalingo domain is deleted with the app, not the component: with the component declared
    // `deletedWith` the app, the engine also skipped the delete of its DNS record, which lives outside Scalingo,
    // and a destroy left the CNAME pointing at a deleted app (test/e2e/demo.test.ts saw it).
    const { deletedWith, ...own } = opts ?? {};
    super("paasenv:index:CustomDomain", name, {}, own);
    const domain = new Domain(
      childName(name, "scalingo"),
      { appId: args.appId, region: args.region, name: args.domain, canonical: args.canonical ?? false },
      childrenInsideApp(this, { deletedWith }),
    );
    const record = recordArgs(args.domain, args.dns.zone, args.target);
    // Outside Scalingo: deleted on its own, never with the app.
    args.dns.createRecord(childName(name, "dns"), record, { parent: this });
    this.domainId = domain.domainId;
    this.record = pulumi
      .output(args.target)
      .apply((value) => ({ name: args.domain, type: record.type, value }));
    this.registerOutputs({ record: this.record, domainId: this.domainId });
  }
}
