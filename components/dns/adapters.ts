/**
 * The DNS adapter: where the records pointing custom domains at a Scalingo app are managed.
 *
 * `CustomDomain` takes a {@link Dns} object, so the DNS host is a parameter: Scaleway
 * (`scaleway.domain.Record`), Alwaysdata (the `AlwaysdataRecord` dynamic resource) or `manual` (no record,
 * the records to create by hand are an output and printed). `none` means no domain handling at all, so it
 * has no adapter ({@link dnsFor} returns `undefined`).
 *
 * The record names, types and the apex rule are pure functions, table-tested.
 */
import type * as pulumi from "@pulumi/pulumi";
import { AlwaysdataRecord } from "../../providers/alwaysdata";
import type { StackConfig } from "../config/schema";
import { scalewaySdk } from "../scaleway-sdk";

/** Record types paasenv creates: a CNAME, or an ALIAS at the zone apex, where a CNAME is not allowed. */
export type DnsRecordType = "CNAME" | "ALIAS";

/** One DNS record pointing a domain at the app, as the `dnsRecords` output lists it. */
export interface DnsRecord {
  /** The fully qualified domain name, without trailing dot (e.g. `www.example.com`). */
  name: string;
  /** `CNAME`, or `ALIAS` at the apex. */
  type: DnsRecordType;
  /** The app's target, with the trailing dot (e.g. `myapp.osc-fr1.scalingo.io.`). */
  value: string;
}

/** What {@link Dns.createRecord} needs: the domain, its host relative to the zone, type and target. */
export interface DnsRecordArgs {
  /** The fully qualified domain name. */
  domain: string;
  /** The host relative to the zone: `""` at the apex, `www` for `www.example.com`. */
  host: string;
  type: DnsRecordType;
  /** The CNAME/ALIAS target, `<app>.<region>.scalingo.io.` with the trailing dot. */
  value: pulumi.Input<string>;
}

/** A DNS host paasenv can manage records on. */
export interface Dns {
  /** The `paasenv:dns.provider` this adapter implements. */
  readonly provider: "scaleway" | "alwaysdata" | "manual";
  /** The zone the records live in, when known (`paasenv:dns.zone`). */
  readonly zone: string | undefined;
  /** Declare the record (or nothing, for `manual`); `name` is the Pulumi resource name. */
  createRecord(
    name: string,
    args: DnsRecordArgs,
    opts: pulumi.CustomResourceOptions,
  ): pulumi.Resource | undefined;
}

/**
 * Whether `domain` is the apex of its zone. Without a zone (possible with `manual`), a name of exactly two
 * labels (`example.com`) is taken for an apex; set `paasenv:dns.zone` for zones such as `example.co.uk`.
 */
export function isApex(domain: string, zone: string | undefined): boolean {
  return zone === undefined ? domain.split(".").length === 2 : domain === zone;
}

/** The host of `domain` relative to `zone` (`""` at the apex); the full name when no zone is known. */
export function relativeHost(domain: string, zone: string | undefined): string {
  if (zone === undefined) return domain;
  if (domain === zone) return "";
  if (!domain.endsWith(`.${zone}`)) {
    throw new Error(`Domain "${domain}" is not in the DNS zone "${zone}" (\`paasenv:dns.zone\`)`);
  }
  return domain.slice(0, -(zone.length + 1));
}

/** The record type for `domain`: `ALIAS` at the apex (a CNAME may not sit beside SOA/NS), else `CNAME`. */
export function recordType(domain: string, zone: string | undefined): DnsRecordType {
  return isApex(domain, zone) ? "ALIAS" : "CNAME";
}

/** Everything about the record for `domain` that does not depend on the app's target. */
export function recordArgs(
  domain: string,
  zone: string | undefined,
  value: pulumi.Input<string>,
): DnsRecordArgs {
  return { domain, host: relativeHost(domain, zone), type: recordType(domain, zone), value };
}

/** The instructions printed for `manual` DNS: one line per record, zone-file style. */
export function manualInstructions(records: readonly DnsRecord[]): string {
  if (records.length === 0) return "No DNS record is needed (no custom domain).";
  const lines = records.map((record) => `  ${record.name}. ${record.type} ${record.value}`);
  const apexNote = records.some((record) => record.type === "ALIAS")
    ? "\nWhere your DNS host has no ALIAS (ANAME) type, point the apex at Scalingo's A records instead."
    : "";
  return `paasenv:dns.provider is manual: create these DNS records yourself:\n${lines.join("\n")}${apexNote}`;
}

/** Records in the zone `zone` on Scaleway (`scaleway.domain.Record`, which creates the zone if missing). */
export function scalewayDns(zone: string, ttl: number): Dns {
  return {
    provider: "scaleway",
    zone,
    createRecord: (name, args, opts) =>
      new (scalewaySdk().domain.Record)(
        name,
        { dnsZone: zone, name: args.host, type: args.type, data: args.value, ttl },
        opts,
      ),
  };
}

/** Records in the zone `zone` on Alwaysdata (the `AlwaysdataRecord` dynamic resource). */
export function alwaysdataDns(zone: string, ttl: number): Dns {
  return {
    provider: "alwaysdata",
    zone,
    createRecord: (name, args, opts) =>
      new AlwaysdataRecord(name, { zone, name: args.host, type: args.type, value: args.value, ttl }, opts),
  };
}

/** No record is created: the records are an output of the stack and printed by `AppEnvironment`. */
export function manualDns(zone: string | undefined): Dns {
  return { provider: "manual", zone, createRecord: () => undefined };
}

/** The adapter for `paasenv:dns`, or `undefined` for `none` (no Scalingo domain and no DNS at all). */
export function dnsFor(dns: StackConfig["dns"]): Dns | undefined {
  switch (dns.provider) {
    case "none":
      return undefined;
    case "manual":
      return manualDns(dns.zone);
    case "scaleway":
      return scalewayDns(requireZone(dns), dns.ttl);
    case "alwaysdata":
      return alwaysdataDns(requireZone(dns), dns.ttl);
  }
}

function requireZone(dns: StackConfig["dns"]): string {
  if (dns.zone === undefined) {
    throw new Error(`\`paasenv:dns.zone\` is required when \`paasenv:dns.provider\` is ${dns.provider}`);
  }
  return dns.zone;
}
