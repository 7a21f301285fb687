import { describe, expect, it } from "vitest";
import {
  dnsFor,
  isApex,
  manualInstructions,
  recordArgs,
  recordType,
  relativeHost,
} from "../../../components/dns/adapters";

describe("isApex", () => {
  it.each([
    ["example.com", "example.com", true],
    ["www.example.com", "example.com", false],
    ["example.co.uk", "example.co.uk", true],
    ["shop.example.co.uk", "example.co.uk", false],
    ["example.com", undefined, true],
    ["www.example.com", undefined, false],
  ])("%s in zone %s → %s", (domain, zone, expected) => {
    expect(isApex(domain, zone)).toBe(expected);
  });
});

describe("relativeHost", () => {
  it.each([
    ["example.com", "example.com", ""],
    ["www.example.com", "example.com", "www"],
    ["review-7.staging.example.com", "example.com", "review-7.staging"],
    ["www.example.com", undefined, "www.example.com"],
  ])("%s in zone %s → %j", (domain, zone, expected) => {
    expect(relativeHost(domain, zone)).toBe(expected);
  });

  it("refuses a domain outside the zone, naming both and the key", () => {
    expect(() => relativeHost("www.other.org", "example.com")).toThrow(
      'Domain "www.other.org" is not in the DNS zone "example.com" (`paasenv:dns.zone`)',
    );
  });

  it("does not take a zone that only ends with the same letters for a parent", () => {
    expect(() => relativeHost("myexample.com", "example.com")).toThrow(/not in the DNS zone/);
  });
});

describe("recordType and recordArgs", () => {
  it("uses ALIAS at the apex and CNAME below it", () => {
    expect(recordType("example.com", "example.com")).toBe("ALIAS");
    expect(recordType("www.example.com", "example.com")).toBe("CNAME");
  });

  it("combines host, type and target", () => {
    expect(recordArgs("www.example.com", "example.com", "app.osc-fr1.scalingo.io.")).toEqual({
      domain: "www.example.com",
      host: "www",
      type: "CNAME",
      value: "app.osc-fr1.scalingo.io.",
    });
  });
});

describe("manualInstructions", () => {
  it("lists one zone-file line per record and explains the apex fallback", () => {
    const text = manualInstructions([
      { name: "www.example.com", type: "CNAME", value: "shop.osc-fr1.scalingo.io." },
      { name: "example.com", type: "ALIAS", value: "shop.osc-fr1.scalingo.io." },
    ]);
    expect(text).toBe(
      [
        "paasenv:dns.provider is manual: create these DNS records yourself:",
        "  www.example.com. CNAME shop.osc-fr1.scalingo.io.",
        "  example.com. ALIAS shop.osc-fr1.scalingo.io.",
        "Where your DNS host has no ALIAS (ANAME) type, point the apex at Scalingo's A records instead.",
      ].join("\n"),
    );
  });

  it("says when nothing is needed", () => {
    expect(manualInstructions([])).toBe("No DNS record is needed (no custom domain).");
  });
});

describe("dnsFor", () => {
  it.each([
    ["scaleway", "example.com"],
    ["alwaysdata", "example.com"],
    ["manual", "example.com"],
    ["manual", undefined],
  ] as const)("%s (zone %s) gives that adapter", (provider, zone) => {
    const dns = dnsFor({ provider, zone, ttl: 300 });
    expect(dns?.provider).toBe(provider);
    expect(dns?.zone).toBe(zone);
  });

  it("has no adapter for none", () => {
    expect(dnsFor({ provider: "none", ttl: 300 })).toBeUndefined();
  });

  it.each(["scaleway", "alwaysdata"] as const)("%s without a zone names the missing key", (provider) => {
    expect(() => dnsFor({ provider, ttl: 300 })).toThrow(
      `\`paasenv:dns.zone\` is required when \`paasenv:dns.provider\` is ${provider}`,
    );
  });

  it("manual creates no resource", () => {
    const dns = dnsFor({ provider: "manual", ttl: 300 });
    expect(dns?.createRecord("x", recordArgs("www.example.com", undefined, "t."), {})).toBeUndefined();
  });
});
