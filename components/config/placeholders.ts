/**
 * Placeholders for the environment's own hosts and URL, so one stack config serves staging, production and
 * every review app copied from it: `DJANGO_ALLOWED_HOSTS: "{{hosts}}"` becomes
 * `review-7.staging.example.com,myapp-staging-review-7.osc-fr1.scalingo.io` in review 7. The `{{…}}` form is
 * never read by Scalingo, whose aliases are whole values `$NAME` (`CELERY_BROKER_URL: $REDIS_URL` is kept
 * as it is). Resolved from plain config (after the review overrides), in `paasenv:env` values and CORS
 * origins; `paasenv:secretEnv` values are passed through untouched. Pure functions.
 */
import type { AddIssue } from "./errors";
import { canonicalDomain } from "./review";
import type { StackConfig } from "./schema";

/** Every placeholder and what it stands for (the docs list them from here). */
export const PLACEHOLDERS = {
  host: "the canonical host: the canonical custom domain, else `<app>.<region>.scalingo.io`",
  hosts: "every host the app answers on, canonical first, then `<app>.<region>.scalingo.io`; comma-separated",
  url: "`https://` and the canonical host (the value of `APP_URL`)",
  origins: "`https://` and each host, comma-separated",
} as const;

type Placeholder = keyof typeof PLACEHOLDERS;

/** `{{name}}`, spaces allowed inside the braces. */
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The hosts and URL of one environment, as the placeholders stand for them. */
export interface EnvironmentHosts {
  host: string;
  hosts: string[];
  url: string;
  origins: string[];
}

/** What `config` answers on: its custom domains when paasenv handles them (canonical first), then Scalingo's. */
export function environmentHosts(config: Pick<StackConfig, "app" | "domains" | "dns">): EnvironmentHosts {
  const scalingoHost = `${config.app.name}.${config.app.region}.scalingo.io`;
  const domains = config.dns.provider === "none" ? [] : config.domains.map((domain) => domain.name);
  const canonical = canonicalDomain(config.dns.provider === "none" ? [] : config.domains);
  const custom = canonical === undefined ? domains : [canonical, ...domains.filter((d) => d !== canonical)];
  const hosts = [...custom, scalingoHost];
  const host = canonical ?? scalingoHost;
  return { host, hosts, url: `https://${host}`, origins: hosts.map((h) => `https://${h}`) };
}

/** The placeholder names used in `text` that paasenv does not know. */
export function unknownPlaceholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)]
    .map((match) => match[1] ?? "")
    .filter((name) => !isPlaceholder(name));
}

/** The message for unknown placeholders. */
export function unknownPlaceholderMessage(names: readonly string[]): string {
  const known = Object.keys(PLACEHOLDERS)
    .map((name) => `{{${name}}}`)
    .join(", ");
  const used = names.map((name) => `{{${name}}}`).join(", ");
  return `uses ${names.length === 1 ? "a placeholder" : "placeholders"} paasenv does not know (${used}); known: ${known}`;
}

function isPlaceholder(name: string): name is Placeholder {
  return name in PLACEHOLDERS;
}

/** A value as text, lists joined with commas. */
function placeholderText(hosts: EnvironmentHosts, name: Placeholder): string {
  const value = hosts[name];
  return Array.isArray(value) ? value.join(",") : value;
}

/** `text` with every known placeholder replaced (lists comma-separated); unknown ones are left as they are. */
export function resolvePlaceholders(text: string, hosts: EnvironmentHosts): string {
  return text.replace(PLACEHOLDER, (whole, name: string) =>
    isPlaceholder(name) ? placeholderText(hosts, name) : whole,
  );
}

/**
 * One list entry resolved: an entry using `{{hosts}}` or `{{origins}}` becomes one entry per host
 * (`"{{origins}}"` → `["https://a", "https://b"]`); other entries resolve as {@link resolvePlaceholders}.
 */
export function expandEntry(entry: string, hosts: EnvironmentHosts): string[] {
  const list = [...entry.matchAll(PLACEHOLDER)]
    .map((match) => match[1])
    .find((name) => name === "hosts" || name === "origins");
  if (list === undefined) return [resolvePlaceholders(entry, hosts)];
  return hosts[list].map((item) =>
    resolvePlaceholders(
      entry.replace(PLACEHOLDER, (whole, name: string) => (name === list ? item : whole)),
      hosts,
    ),
  );
}

/** Unknown placeholders in `paasenv:env` and the CORS origins, before anything is declared. */
export function checkPlaceholders(config: Pick<StackConfig, "env" | "storage">, issue: AddIssue): void {
  const report = (path: (string | number)[], text: string) => {
    const unknown = unknownPlaceholders(text);
    if (unknown.length > 0) issue(path, unknownPlaceholderMessage(unknown));
  };
  for (const [name, value] of Object.entries(config.env)) report(["env", name], value);
  config.storage.corsRules.forEach((rule, index) => {
    rule.allowedOrigins.forEach((origin, at) => {
      report(["storage", "corsRules", index, "allowedOrigins", at], origin);
    });
  });
}

/** Variables with their placeholders resolved (`paasenv:env`; secret values are never rewritten). */
export function resolveVariables(
  variables: Record<string, string>,
  hosts: EnvironmentHosts,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(variables).map(([name, value]) => [name, resolvePlaceholders(value, hosts)]),
  );
}
