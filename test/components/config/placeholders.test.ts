/** Placeholders for an environment's own hosts: which hosts, how they resolve, what stays untouched. */
import { describe, expect, it } from "vitest";
import {
  environmentHosts,
  expandEntry,
  resolvePlaceholders,
  unknownPlaceholders,
} from "../../../components/config/placeholders";
import { applyReviewOverrides } from "../../../components/config/review";
import { parseStackConfig } from "../../../components/config/schema";

const config = (extra: Record<string, unknown> = {}) =>
  applyReviewOverrides(
    parseStackConfig({ environment: "staging", app: { name: "myapp-staging" }, ...extra }),
  );

const DOMAINS = {
  domains: [{ name: "example.com" }, { name: "www.example.com", canonical: true }],
  dns: { provider: "manual" },
};

describe("environmentHosts", () => {
  it("lists the custom domains, canonical first, then the app's scalingo.io host", () => {
    expect(environmentHosts(config(DOMAINS))).toEqual({
      host: "www.example.com",
      hosts: ["www.example.com", "example.com", "myapp-staging.osc-fr1.scalingo.io"],
      url: "https://www.example.com",
      origins: [
        "https://www.example.com",
        "https://example.com",
        "https://myapp-staging.osc-fr1.scalingo.io",
      ],
    });
  });

  it("has only the scalingo.io host without domains, or when paasenv does not handle them", () => {
    for (const extra of [{}, { ...DOMAINS, dns: { provider: "none" } }]) {
      expect(environmentHosts(config(extra)).hosts).toEqual(["myapp-staging.osc-fr1.scalingo.io"]);
    }
  });

  it("gives a review its own hosts, with or without a review domain", () => {
    const review = { environment: "review", reviewNumber: 7, domains: [{ name: "staging.example.com" }] };
    expect(environmentHosts(config({ ...review, review: { domain: true } })).hosts).toEqual([
      "review-7.staging.example.com",
      "myapp-staging-review-7.osc-fr1.scalingo.io",
    ]);
    expect(environmentHosts(config(review)).url).toBe("https://myapp-staging-review-7.osc-fr1.scalingo.io");
  });
});

describe("resolving", () => {
  const hosts = environmentHosts(config(DOMAINS));

  it.each([
    ["{{hosts}}", "www.example.com,example.com,myapp-staging.osc-fr1.scalingo.io"],
    ["{{ host }}", "www.example.com"],
    ["{{url}}/callback", "https://www.example.com/callback"],
    ["{{origins}}", "https://www.example.com,https://example.com,https://myapp-staging.osc-fr1.scalingo.io"],
    ["$REDIS_URL", "$REDIS_URL"],
    ["{{unknown}}", "{{unknown}}"],
    ["plain", "plain"],
  ])("%j → %j", (text, expected) => {
    expect(resolvePlaceholders(text, hosts)).toBe(expected);
  });

  it("expands a list entry once per host, and keeps other entries whole", () => {
    expect(expandEntry("{{origins}}", hosts)).toEqual(hosts.origins);
    expect(expandEntry("http://{{hosts}}:8000", hosts)).toEqual(hosts.hosts.map((h) => `http://${h}:8000`));
    expect(expandEntry("{{url}}", hosts)).toEqual(["https://www.example.com"]);
    expect(expandEntry("https://cdn.example.net", hosts)).toEqual(["https://cdn.example.net"]);
  });

  it("names unknown placeholders only", () => {
    expect(unknownPlaceholders("{{hosts}} {{Host}} {{ nope }} $A {x}")).toEqual(["Host", "nope"]);
  });
});
