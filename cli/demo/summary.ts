/**
 * What exists in the emulators, summed up for people: from the Scalingo one's control endpoint
 * `GET /__emulator/state`, the app, formation, add-ons, variable names (never values) and domains with their
 * certificates; from the Alwaysdata one's API, the DNS records.
 */
import { z } from "zod";

/** One stored app: the fields the summary reads (unknown fields pass through unchecked). */
export const appStateSchema = z.object({
  app: z.object({
    id: z.string(),
    name: z.string(),
    url: z.string().optional(),
    force_https: z.boolean().optional(),
    router_logs: z.boolean().optional(),
    sticky_session: z.boolean().optional(),
  }),
  variables: z.array(z.object({ name: z.string() })).default([]),
  addons: z
    .array(
      z.object({
        id: z.string(),
        status: z.string(),
        plan: z.object({ name: z.string() }),
        addon_provider: z.object({ id: z.string() }),
      }),
    )
    .default([]),
  containers: z.array(z.object({ name: z.string(), amount: z.number(), size: z.string() })).default([]),
  domains: z
    .array(
      z.object({
        name: z.string(),
        canonical: z.boolean().optional(),
        ssl_status: z.string().optional(),
        letsencrypt_status: z.string().optional(),
      }),
    )
    .default([]),
});

/** The part of the emulator's state the summaries read: regions → apps by name. */
export const emulatorStateSchema = z.object({
  regions: z.record(z.string(), z.object({ apps: z.record(z.string(), appStateSchema) })),
});

export type EmulatorAppState = z.infer<typeof appStateSchema>;
export type EmulatorState = z.infer<typeof emulatorStateSchema>;

/** Fetches and validates `GET <url>/__emulator/state`. */
export async function fetchEmulatorState(url: string): Promise<EmulatorState> {
  const response = await fetch(new URL("/__emulator/state", url));
  if (!response.ok) {
    throw new Error(`GET ${url}/__emulator/state failed: ${response.status} (is this the paasenv emulator?)`);
  }
  return emulatorStateSchema.parse(await response.json());
}

/** The app called `name` in `region`, if any. */
export function findApp(state: EmulatorState, region: string, name: string): EmulatorAppState | undefined {
  return state.regions[region]?.apps[name];
}

/** Every app, as `<region>/<name>`. */
export function appNames(state: EmulatorState): string[] {
  return Object.entries(state.regions).flatMap(([region, { apps }]) =>
    Object.keys(apps).map((name) => `${region}/${name}`),
  );
}

/** A few lines describing one app; variable values are never shown, only their names. */
export function summarizeApp(region: string, state: EmulatorAppState): string[] {
  const { app } = state;
  const flags = [
    `force HTTPS ${app.force_https ? "on" : "off"}`,
    `router logs ${app.router_logs ? "on" : "off"}`,
    `sticky sessions ${app.sticky_session ? "on" : "off"}`,
  ].join(", ");
  const formation = state.containers.map((c) => `${c.name} ${c.amount}×${c.size}`).join(", ");
  const addons = state.addons
    .map((a) => `${a.addon_provider.id} ${a.plan.name} (${a.status})`)
    .sort()
    .join(", ");
  const variables = state.variables.map((v) => v.name).sort();
  const domains = state.domains
    .map((d) => `${d.name}${d.canonical ? " (canonical)" : ""}${certificateOf(d)}`)
    .join("; ");
  return [
    `app        ${app.name} in ${region} (${app.id})${app.url ? ` ${app.url}` : ""}`,
    `settings   ${flags}`,
    `formation  ${formation || "none"}`,
    `add-ons    ${addons || "none"}`,
    `variables  ${variables.length} (${variables.join(", ") || "none"}; values not shown)`,
    `domains    ${domains || "none"}`,
  ];
}

/** `, TLS <status>` and, when Let's Encrypt is involved, its status: `, TLS success (Let's Encrypt: created)`. */
function certificateOf(domain: EmulatorAppState["domains"][number]): string {
  if (domain.ssl_status === undefined) return "";
  const letsEncrypt = domain.letsencrypt_status;
  const issuer = letsEncrypt === undefined || letsEncrypt === "new" ? "" : ` (Let's Encrypt: ${letsEncrypt})`;
  return `, TLS ${domain.ssl_status}${issuer}`;
}

/** True while a domain of the app still waits for its certificate. */
export function certificatesPending(state: EmulatorAppState): boolean {
  return state.domains.some((d) => d.ssl_status === "pending");
}

const dnsRecordsSchema = z.array(
  z.object({ domain: z.object({ href: z.string() }), name: z.string(), type: z.string(), value: z.string() }),
);
const dnsDomainsSchema = z.array(z.object({ id: z.number(), name: z.string() }));

/** One DNS record, fully named. */
export interface DnsRecordSummary {
  fqdn: string;
  type: string;
  value: string;
}

/** The records of the Alwaysdata (emulator) API at `url` (its `/v1` root), named with their zone. */
export async function fetchDnsRecords(url: string, apiKey: string): Promise<DnsRecordSummary[]> {
  const headers = { Authorization: `Basic ${Buffer.from(`${apiKey}:`).toString("base64")}` };
  const get = async (resource: string) => {
    const response = await fetch(`${url}/${resource}/`, { headers });
    if (!response.ok) throw new Error(`GET ${url}/${resource}/ failed: ${response.status}`);
    return response.json();
  };
  const zones = new Map(dnsDomainsSchema.parse(await get("domain")).map((d) => [d.id, d.name]));
  return dnsRecordsSchema.parse(await get("record")).map((r) => ({
    fqdn: [r.name, zoneName(zones, r.domain.href)].filter((part) => part !== "").join("."),
    type: r.type,
    value: r.value,
  }));
}

/** The zone a record's `domain.href` (`/v1/domain/100/`) links to, by name. */
function zoneName(zones: ReadonlyMap<number, string>, href: string): string {
  const id = Number(/\/domain\/([0-9]+)\/?$/.exec(href)?.[1]);
  return zones.get(id) ?? href;
}

/** One line per record: `dns        staging.example.com CNAME myapp-staging.osc-fr1.scalingo.io.`. */
export function summarizeDnsRecords(records: readonly DnsRecordSummary[]): string[] {
  if (records.length === 0) return ["dns        no record"];
  return records.map((r) => `dns        ${r.fqdn} ${r.type} ${r.value}`);
}
