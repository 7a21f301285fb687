/**
 * Where `paasenv deploy --verify` checks that the app answers: the canonical custom domain when paasenv
 * manages its DNS record (`paasenv:dns.provider` `scaleway` or `alwaysdata`), else the app's own
 * `https://<app>.<region>.scalingo.io` (the stack's `baseUrl` output); `--verify-url` replaces either.
 */
import type { DnsConfig, DomainConfig } from "../../components/config/domains";
import { canonicalDomain } from "../../components/config/review";
import { cliError, usageError } from "../lib/errors";

/** The options of the HTTP check. */
export interface VerifyOptions {
  /** The base URL to check instead of the stack's. */
  url: string | undefined;
  /** The path requested, resolved against the base URL. @default `"/"` */
  path: string;
  /** How long the app has to answer 2xx or 3xx. */
  timeoutMs: number;
}

/** A `--verify-url` value: an absolute `http:` or `https:` URL. */
export function parseVerifyUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw usageError(
      `--verify-url must be an absolute http(s) URL such as https://myapp.example.com, got "${text}"`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw usageError(`--verify-url must use http or https, got "${text}"`);
  }
  return url.toString();
}

/** A `--verify-path` value: a path starting with `/` (a query string allowed). */
export function parseVerifyPath(text: string): string {
  if (!/^\/[^\s#]*$/.test(text)) {
    throw usageError(`--verify-path must be a path starting with / such as /health, got "${text}"`);
  }
  return text;
}

/** The custom domain whose DNS record paasenv manages, as `https://<domain>`, or `undefined`. */
export function managedDomainUrl(config: { domains: DomainConfig[]; dns: DnsConfig }): string | undefined {
  if (config.dns.provider !== "scaleway" && config.dns.provider !== "alwaysdata") return undefined;
  const canonical = canonicalDomain(config.domains);
  return canonical === undefined ? undefined : `https://${canonical}`;
}

/**
 * The URL the HTTP check requests.
 * @example verifyTarget({ stack: "staging", options: { url: undefined, path: "/health", … },
 *   config: { domains: [{ name: "www.example.com" }], dns: { provider: "scaleway", … } }, baseUrl: "https://…" })
 *   → "https://www.example.com/health"
 */
export function verifyTarget(args: {
  stack: string;
  options: VerifyOptions;
  config: { domains: DomainConfig[]; dns: DnsConfig };
  baseUrl: string | undefined;
}): string {
  const base = args.options.url ?? managedDomainUrl(args.config) ?? args.baseUrl;
  if (base === undefined) {
    throw cliError(
      `deploy ${args.stack} --verify: the stack has no \`baseUrl\` output to check and no custom domain whose ` +
        "DNS paasenv manages; pass --verify-url <the app's URL>",
    );
  }
  return new URL(args.options.path, base).toString();
}

/** A URL fit for a log line: no user, password, query string or fragment. */
export function displayUrl(url: string): string {
  const parsed = new URL(url);
  parsed.username = "";
  parsed.password = "";
  parsed.search = "";
  parsed.hash = "";
  return parsed.toString();
}
