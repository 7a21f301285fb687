/**
 * `paasenv:logDrains`: one list of log destinations, applied to the app and to each of its add-ons (unless a
 * drain says `addons: false`). Which parameters a type needs is Scalingo's; a token is a secret
 * (`pulumi config set --secret --path 'paasenv:logDrains[0].token'`).
 * @see https://doc.scalingo.com/platform/app/log-drain
 */
import { z } from "zod";
import { DRAIN_TYPES, type DrainType } from "../../providers/scalingo/production-limits";
import type { AddIssue } from "./errors";

const drainSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, { message: "must be lower-case letters, digits and hyphens" })
    .optional()
    .describe("Key of the drain in the stack; `<type>-<host>` by default."),
  type: z.enum(Object.keys(DRAIN_TYPES) as [DrainType, ...DrainType[]]).describe("Log service."),
  host: z.string().min(1).optional().describe("Service host (appsignal, ovh-graylog, papertrail, syslog)."),
  port: z.int().min(1).max(65535).optional().describe("Service port (appsignal, papertrail, syslog)."),
  token: z
    .string()
    .min(1)
    .optional()
    .describe("Service token (secret; datadog, ovh-graylog, appsignal, optional for syslog)."),
  drainRegion: z.string().min(1).optional().describe("Datadog region, e.g. `eu-west-2`."),
  url: z
    .url({ message: "must be a URL" })
    .optional()
    .describe("A self-hosted ELK's URL (elk; secret if it holds credentials)."),
  addons: z.boolean().default(true).describe("Also drain every add-on's logs."),
});

/** `paasenv:logDrains`. */
export const logDrainsSchema = z.array(drainSchema);

export type LogDrainConfig = z.infer<typeof drainSchema>;

/** The key of a drain in the stack: its name, or `<type>-<host or region>` with dots as hyphens. */
export const drainKey = (drain: LogDrainConfig): string =>
  drain.name ??
  `${drain.type}-${(drain.host ?? drain.drainRegion ?? "url").replace(/[^a-z0-9]+/gi, "-").toLowerCase()}`;

/** Rules across fields: each type's parameters, unique keys. */
export function checkLogDrains(drains: readonly LogDrainConfig[] | undefined, issue: AddIssue): void {
  const keys = (drains ?? []).map(drainKey);
  (drains ?? []).forEach((drain, i) => {
    for (const param of DRAIN_TYPES[drain.type]) {
      if (drain[param] === undefined) issue(["logDrains", i, param], `is required for a ${drain.type} drain`);
    }
    if (keys.indexOf(drainKey(drain)) !== i)
      issue(
        ["logDrains", i, "name"],
        `"${drainKey(drain)}" is used by another drain; give each a \`name\``,
        drain.name,
      );
  });
}
