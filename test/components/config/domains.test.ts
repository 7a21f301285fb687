import { describe, expect, it } from "vitest";
import { checkDomains, type DnsConfig, type DomainConfig } from "../../../components/config/domains";

/** The problems `checkDomains` reports, as `path: message (input)`. */
function problems(domains: DomainConfig[], dns: Partial<DnsConfig> = {}): string[] {
  const found: string[] = [];
  checkDomains(domains, { provider: "manual", ttl: 3600, ...dns }, (path, message, input) =>
    found.push(`${path.join(".")}: ${message}${input === undefined ? "" : ` (${String(input)})`}`),
  );
  return found;
}

describe("checkDomains", () => {
  it.each([
    ["no domain", [], {}],
    ["one domain, canonical implied", [{ name: "www.example.com" }], {}],
    ["the zone apex", [{ name: "example.com" }], { provider: "scaleway", zone: "example.com" }],
    [
      "several, one canonical",
      [{ name: "www.example.com", canonical: true }, { name: "example.com" }],
      { zone: "example.com" },
    ],
    ["scaleway without a zone but no domain", [], { provider: "scaleway" }],
  ] as [string, DomainConfig[], Partial<DnsConfig>][])("accepts %s", (_label, domains, dns) => {
    expect(problems(domains, dns)).toEqual([]);
  });

  it("reports every rule broken, in order", () => {
    expect(
      problems([{ name: "www.example.org" }, { name: "www.example.org" }], { provider: "alwaysdata" }),
    ).toEqual([
      "domains.1.name: is listed twice (www.example.org)",
      "domains: must mark exactly one domain `canonical: true` when several are listed (found 0)",
      "dns.zone: is required when `paasenv:dns.provider` is alwaysdata",
    ]);
  });

  it("reports a domain outside the zone", () => {
    expect(problems([{ name: "example.org" }], { zone: "example.com" })).toEqual([
      'domains.0.name: is not in the DNS zone "example.com" (`paasenv:dns.zone`) (example.org)',
    ]);
  });
});
