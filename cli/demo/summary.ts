/**
 * What exists in the emulator, read from its control endpoint `GET /__emulator/state` and summed up for
 * people: app, formation, add-ons, variable names (never values) and domains.
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
      z.object({ name: z.string(), canonical: z.boolean().optional(), ssl_status: z.string().optional() }),
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
    .map((d) => `${d.name}${d.canonical ? " (canonical)" : ""}${d.ssl_status ? `, TLS ${d.ssl_status}` : ""}`)
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
