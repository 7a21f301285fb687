/**
 * `paasenv:monitoring`: where alerts and events go (notifiers) and which alerts exist. Production gets
 * {@link DEFAULT_ALERTS} unless the stack lists its own `alerts` (`[]` for none); alerts go to every notifier
 * unless they name some. Metrics and units are Scalingo's: ratios for `cpu`/`memory`/`swap`, ms for
 * `p95_response_time`, per minute for `5XX`, `rpm_per_container` and `all`.
 * @see https://doc.scalingo.com/platform/app/alerts
 */
import { z } from "zod";
import { parseGoDuration } from "../../providers/scalingo/durations";
import {
  ALERT_METRICS,
  NOTIFIER_PLATFORMS,
  RATIO_METRICS,
  ROUTER_METRICS,
} from "../../providers/scalingo/production-limits";
import type { AddIssue } from "./errors";

const duration = z.string().refine((d) => parseGoDuration(d) !== undefined, {
  message: 'must be a duration such as "2m", "1h" or "1h30m"',
});

/** A name usable as a Scalingo notifier name and in a Pulumi resource name. */
const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, { message: "must be lower-case letters, digits and hyphens" });

const notifierSchema = z.strictObject({
  name: slug.describe("Notifier name, unique in the stack (alerts name their notifiers by it)."),
  platform: z.enum(NOTIFIER_PLATFORMS).describe("Where notifications go."),
  emails: z
    .array(z.email({ message: "must be an e-mail address" }))
    .optional()
    .describe("Addresses (`email`)."),
  webhookUrl: z
    .url({ protocol: /^https?$/, message: "must be an http(s) URL" })
    .optional()
    .describe(
      "Slack or webhook URL: `pulumi config set --secret --path 'paasenv:monitoring.notifiers[0].webhookUrl'`.",
    ),
  events: z
    .array(z.string().min(1))
    .default([])
    .describe("Event types sent, by name (`deployment`, `crash`, …)."),
  sendAllAlerts: z.boolean().default(true).describe("Send every alert of the app."),
  sendAllEvents: z.boolean().default(false).describe("Send every event of the app."),
});

const alertSchema = z.strictObject({
  name: slug.optional().describe("Key of the alert in the stack; `<type>-<metric>` by default."),
  type: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/)
    .default("web")
    .describe("Process type watched."),
  metric: z.enum(ALERT_METRICS).describe("Metric watched."),
  limit: z.number().describe("Limit in the metric's unit (a ratio such as `0.9` for cpu/memory/swap)."),
  below: z.boolean().default(false).describe("Alert when below the limit instead of above."),
  for: duration.default("0s").describe("How long the limit must be crossed first (Go duration)."),
  remindEvery: duration.optional().describe("Remind at this interval while it lasts (Go duration)."),
  notifiers: z.array(slug).optional().describe("Notifier names; every notifier when omitted."),
});

/** `paasenv:monitoring`. */
export const monitoringSchema = z.strictObject({
  notifiers: z.array(notifierSchema).default([]).describe("Notifiers (e-mail, Slack, webhook)."),
  alerts: z
    .array(alertSchema)
    .optional()
    .describe("Alerts; in production the defaults (see docs/production.md) when omitted."),
});

export type MonitoringConfig = z.infer<typeof monitoringSchema>;
export type AlertConfig = z.infer<typeof alertSchema>;

/**
 * Production's alerts when the stack lists none: `5XX` above 10 per minute for 2 minutes, `p95_response_time`
 * above 1,000 ms for 5 minutes, `memory` and `cpu` above 0.9 of `web` for 5 minutes, reminded every hour.
 */
export const DEFAULT_ALERTS: readonly AlertConfig[] = [
  { type: "web", metric: "5XX", limit: 10, below: false, for: "2m", remindEvery: "1h" },
  { type: "web", metric: "p95_response_time", limit: 1000, below: false, for: "5m", remindEvery: "1h" },
  { type: "web", metric: "memory", limit: 0.9, below: false, for: "5m", remindEvery: "1h" },
  { type: "web", metric: "cpu", limit: 0.9, below: false, for: "5m", remindEvery: "1h" },
];

/** The key of an alert in the stack: its name, or `<type>-<metric>` (`web-5xx`, `web-p95-response-time`). */
export const alertKey = (alert: AlertConfig): string =>
  alert.name ?? `${alert.type}-${alert.metric.toLowerCase().replace(/_/g, "-")}`;

/** The alerts a stack gets: its own, else the defaults in production, else none. */
export function alertsFor(
  environment: string,
  monitoring: MonitoringConfig | undefined,
): readonly AlertConfig[] {
  return monitoring?.alerts ?? (environment === "production" ? DEFAULT_ALERTS : []);
}

/** Rules across fields: unique names, known notifiers, ratio limits, router metrics on `web` only. */
export function checkMonitoring(monitoring: MonitoringConfig | undefined, issue: AddIssue): void {
  if (monitoring === undefined) return;
  const names = monitoring.notifiers.map((n) => n.name);
  monitoring.notifiers.forEach((n, i) => {
    if (names.indexOf(n.name) !== i)
      issue(["monitoring", "notifiers", i, "name"], "is used by another notifier", n.name);
    if (n.platform === "email" && (n.emails ?? []).length === 0)
      issue(["monitoring", "notifiers", i, "emails"], "must list at least one address for an email notifier");
    if (n.platform !== "email" && n.webhookUrl === undefined)
      issue(["monitoring", "notifiers", i, "webhookUrl"], `is required for a ${n.platform} notifier`);
  });
  const keys = (monitoring.alerts ?? []).map(alertKey);
  (monitoring.alerts ?? []).forEach((a, i) => {
    checkAlert(a, i, { names, keys }, issue);
  });
}

function checkAlert(
  alert: AlertConfig,
  i: number,
  known: { names: string[]; keys: string[] },
  issue: AddIssue,
): void {
  const at = (field: string) => ["monitoring", "alerts", i, field];
  const key = alertKey(alert);
  if (known.keys.indexOf(key) !== i)
    issue(at("name"), `"${key}" is used by another alert; give each a \`name\``, alert.name);
  if (RATIO_METRICS.includes(alert.metric) && (alert.limit <= 0 || alert.limit > 1))
    issue(at("limit"), `is a ratio for ${alert.metric}: 0.9 means 90 % (between 0 and 1)`, alert.limit);
  if (ROUTER_METRICS.includes(alert.metric) && alert.type !== "web")
    issue(at("type"), `must be web for ${alert.metric} (the router measures web only)`, alert.type);
  for (const name of alert.notifiers ?? []) {
    if (!known.names.includes(name))
      issue(at("notifiers"), `names an unknown notifier; known: ${known.names.join(", ") || "none"}`, name);
  }
}
