/**
 * `paasenv:domains` and `paasenv:dns`: the app's custom domains and who manages the DNS records pointing
 * them at the app, with the rules that tie the two together.
 */
import { z } from "zod";
import type { AddIssue } from "./errors";
import { customDomainProblem, hostNameProblem } from "./hostnames";

/** Where the DNS records of custom domains are managed. */
export const DNS_PROVIDERS = ["scaleway", "alwaysdata", "manual", "none"] as const;

/** A string checked by `problem` (one of `hostnames.ts`), whose message names the rule broken. */
const checkedName = (problem: (name: string) => string | undefined) =>
  z.string().superRefine((name, ctx) => {
    const found = problem(name);
    if (found !== undefined) ctx.addIssue({ code: "custom", message: found });
  });

/** `paasenv:domains`: custom domains; exactly one is canonical (the others redirect to it). */
export const domainSchema = z.strictObject({
  name: checkedName(customDomainProblem).describe(
    "Host name, e.g. `www.example.com` (changing it replaces the domain); your own, not `*.scalingo.io`.",
  ),
  canonical: z
    .boolean()
    .optional()
    .describe("The domain the others redirect to; implied for a single domain, required once among several."),
});

/** `paasenv:dns`: who manages the DNS records pointing the custom domains at the app. */
export const dnsSchema = z.strictObject({
  provider: z
    .enum(DNS_PROVIDERS)
    .default("manual")
    .describe("`scaleway`/`alwaysdata` create the records, `manual` prints them, `none` skips domains."),
  zone: checkedName(hostNameProblem)
    .optional()
    .describe("The DNS zone of the domains (e.g. `example.com`); required for `scaleway` and `alwaysdata`."),
  ttl: z.int().min(60).max(86400).default(3600).describe("Record TTL in seconds."),
});

export type DomainConfig = z.infer<typeof domainSchema>;
/** The parsed `paasenv:dns` object. */
export type DnsConfig = z.infer<typeof dnsSchema>;

/**
 * The rules across `paasenv:domains` and `paasenv:dns`: no domain twice, every domain in the zone, exactly
 * one canonical among several, and a zone for the providers that create records.
 */
export function checkDomains(domains: readonly DomainConfig[], dns: DnsConfig, issue: AddIssue): void {
  const seen = new Set<string>();
  domains.forEach((domain, index) => {
    if (seen.has(domain.name)) issue(["domains", index, "name"], "is listed twice", domain.name);
    seen.add(domain.name);
    if (dns.zone && domain.name !== dns.zone && !domain.name.endsWith(`.${dns.zone}`)) {
      issue(
        ["domains", index, "name"],
        `is not in the DNS zone "${dns.zone}" (\`paasenv:dns.zone\`)`,
        domain.name,
      );
    }
  });
  const canonical = domains.filter((domain) => domain.canonical === true).length;
  if (domains.length > 1 && canonical !== 1) {
    issue(
      ["domains"],
      `must mark exactly one domain \`canonical: true\` when several are listed (found ${canonical})`,
    );
  }
  if ((dns.provider === "scaleway" || dns.provider === "alwaysdata") && !dns.zone && domains.length > 0) {
    issue(["dns", "zone"], `is required when \`paasenv:dns.provider\` is ${dns.provider}`);
  }
}
