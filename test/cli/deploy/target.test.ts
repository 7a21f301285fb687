import { describe, expect, it } from "vitest";
import { deployOptionsOf, resultLine, verifyOptionsOf } from "../../../cli/deploy/command";
import { displayUrl, parseVerifyPath, parseVerifyUrl, verifyTarget } from "../../../cli/deploy/verify-target";
import type { DnsConfig } from "../../../components/config/domains";

// Where `deploy --verify` checks, and the options that say how.

const BASE = "https://myapp-staging.osc-fr1.scalingo.io";
const dns = (provider: DnsConfig["provider"]): DnsConfig => ({ provider, zone: "example.com", ttl: 3600 });
const options = (url?: string, path = "/") => ({ url, path, timeoutMs: 60_000 });
const domains = [
  { name: "example.com", canonical: false },
  { name: "www.example.com", canonical: true },
];

describe("verifyTarget", () => {
  it.each([
    [
      "scaleway manages the DNS: the canonical domain",
      domains,
      "scaleway",
      undefined,
      "/",
      "https://www.example.com/",
    ],
    [
      "alwaysdata too, with a path",
      domains,
      "alwaysdata",
      undefined,
      "/health",
      "https://www.example.com/health",
    ],
    ["manual DNS may not point at the app yet: scalingo.io", domains, "manual", undefined, "/", `${BASE}/`],
    [
      "no domains handled: scalingo.io",
      domains,
      "none",
      undefined,
      "/health?deep=1",
      `${BASE}/health?deep=1`,
    ],
    ["no domain at all", [], "scaleway", undefined, "/", `${BASE}/`],
    [
      "--verify-url wins",
      domains,
      "scaleway",
      "http://127.0.0.1:8080",
      "/health",
      "http://127.0.0.1:8080/health",
    ],
    [
      "the path replaces the URL's",
      [],
      "none",
      "http://127.0.0.1:8080/app/",
      "/up",
      "http://127.0.0.1:8080/up",
    ],
  ] as const)("%s", (_name, list, provider, url, path, expected) => {
    const config = { domains: [...list], dns: dns(provider) };
    expect(verifyTarget({ stack: "staging", options: options(url, path), config, baseUrl: BASE })).toBe(
      expected,
    );
  });

  it("fails naming the fix when there is nothing to check", () => {
    expect(() =>
      verifyTarget({
        stack: "s",
        options: options(),
        config: { domains: [], dns: dns("none") },
        baseUrl: undefined,
      }),
    ).toThrow(
      "deploy s --verify: the stack has no `baseUrl` output to check and no custom domain whose DNS paasenv " +
        "manages; pass --verify-url <the app's URL>",
    );
  });
});

describe("verify options", () => {
  it("rejects a bad URL or path, naming the option and the value", () => {
    expect(() => parseVerifyUrl("localhost:8080")).toThrow(
      '--verify-url must use http or https, got "localhost:8080"',
    );
    expect(() => parseVerifyUrl("not a url")).toThrow(
      '--verify-url must be an absolute http(s) URL such as https://myapp.example.com, got "not a url"',
    );
    expect(() => parseVerifyPath("health")).toThrow(
      '--verify-path must be a path starting with / such as /health, got "health"',
    );
    expect(parseVerifyPath("/health?x=1")).toBe("/health?x=1");
  });

  it("takes --verify-* only with --verify, with defaults of / and 5 minutes", () => {
    expect(verifyOptionsOf({ timeout: 1 })).toBeUndefined();
    expect(verifyOptionsOf({ timeout: 1, verify: true })).toEqual({
      url: undefined,
      path: "/",
      timeoutMs: 300_000,
    });
    expect(() => verifyOptionsOf({ timeout: 1, verifyUrl: "http://x/" })).toThrow(
      "--verify-url only applies with --verify",
    );
    expect(() => verifyOptionsOf({ timeout: 1, verifyTimeout: 5000 })).toThrow(
      "--verify-timeout only applies with --verify",
    );
    expect(() => verifyOptionsOf({ timeout: 1, verify: true, verifyTimeout: 0 })).toThrow(
      "--verify-timeout must be longer than 0s",
    );
    expect(deployOptionsOf("production", { timeout: 1, dryRun: true, force: true })).toMatchObject({
      stack: "production",
      force: true,
      dryRun: true,
      verify: undefined,
    });
  });

  it("hides credentials, queries and fragments in what it prints", () => {
    expect(displayUrl("https://u:p@example.com/health?token=s3cret#x")).toBe("https://example.com/health");
  });
});

describe("resultLine", () => {
  const result = {
    ok: true as const,
    stack: "production",
    app: "myapp",
    region: "osc-fr1",
    deploymentId: "d1",
    status: "success",
    gitRef: "abc",
    release: "v1.3.0",
    running: { deploymentId: "d0", gitRef: "def", release: "v1.2.0" },
    url: "https://www.example.com",
    verifyUrl: undefined,
    verifiedStatus: undefined,
  };
  it("prints the URL after a deploy, what would happen after a dry run", () => {
    expect(resultLine({ ...result, dryRun: false })).toBe("https://www.example.com");
    expect(resultLine({ ...result, dryRun: true })).toBe(
      "production: dry run passed: v1.3.0 may be deployed to myapp, which runs v1.2.0",
    );
  });
});
