/**
 * Alerts and the metrics they watch. Bodies come wrapped (`{"alert":{…}}`, DEVDOCS and scalingo.js) or flat
 * (go-scalingo and Terraform on update); `remind_every` comes as a Go duration string (create) or in
 * nanoseconds (go-scalingo's update) and is stored as Go writes it (`"1h0m0s"`).
 * @see https://developers.scalingo.com/alerts
 */
import { formatGoDuration, parseGoDuration } from "../../providers/scalingo/durations";
import { AUTOSCALER_METRICS } from "../../providers/scalingo/production-limits";
import { requireApp } from "./apps";
import type { Ctx, Reply } from "./http";
import { asRecord, created, invalid, noContent, notFound, ok, optionalBoolean, requiredString } from "./http";
import { iso } from "./ids";
import { appRoute, type Route } from "./router";
import type { AppState, JsonObject } from "./types";

/** Autoscaler metrics (`GET /v1/features/metrics`, `providers/scalingo/production-limits.ts`); alerts also accept `all`. */
export const METRICS = AUTOSCALER_METRICS;

/** The object under `root`, or the body itself when sent flat (go-scalingo and Terraform send alerts and autoscalers flat). */
export const wrappedOrFlat = (body: unknown, root: string): Record<string, unknown> =>
  asRecord(asRecord(body)?.[root]) ?? asRecord(body) ?? invalid(root, "missing field");

/** A number field (an integer when asked), or 422. */
export function numberField(
  fields: Record<string, unknown>,
  field: string,
  integer = false,
): number | undefined {
  const value = fields[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    invalid(field, integer ? "must be an integer" : "must be a number");
  }
  return value as number;
}

/** `remind_every` as sent (a Go duration string or nanoseconds), written the way Go writes durations. */
function remindEvery(value: unknown): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const ns = typeof value === "number" ? value : parseGoDuration(String(value));
  if (ns === undefined || ns < 0) return invalid("remind_every", "must be a duration such as 1h or 5m30s");
  return formatGoDuration(ns);
}

/** Notifier IDs, each of a notifier of this app. */
function notifierIds(appState: AppState, value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const ids = value.map(String);
  const unknown = ids.filter((id) => !appState.notifiers.some((n) => n.id === id));
  if (unknown.length > 0) invalid("notifiers", `unknown notifier(s) ${unknown.join(", ")}`);
  return ids;
}

function applyAlertFields(appState: AppState, alert: JsonObject, fields: Record<string, unknown>): void {
  const metric = fields.metric;
  if (metric !== undefined && ![...METRICS, "all"].includes(String(metric))) {
    invalid("metric", `must be one of ${[...METRICS, "all"].join(", ")}`);
  }
  if (metric !== undefined) alert.metric = String(metric);
  const limit = numberField(fields, "limit");
  if (limit !== undefined) alert.limit = limit;
  const duration = numberField(fields, "duration_before_trigger", true);
  if (duration !== undefined) alert.duration_before_trigger = duration;
  const remind = remindEvery(fields.remind_every);
  if (remind !== undefined) alert.remind_every = remind;
  for (const flag of ["disabled", "send_when_below"]) {
    const value = optionalBoolean(fields, flag);
    if (value !== undefined) alert[flag] = value;
  }
  const notifiers = notifierIds(appState, fields.notifiers);
  if (notifiers !== undefined) alert.notifiers = notifiers;
  if (typeof fields.container_type === "string" && fields.container_type !== "")
    alert.container_type = fields.container_type;
}

const requireAlert = (appState: AppState, id: string): JsonObject =>
  appState.alerts.find((a) => a.id === id) ?? notFound("alert");

function createAlert(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  const fields = wrappedOrFlat(ctx.body, "alert");
  requiredString(fields, "container_type");
  requiredString(fields, "metric");
  if (fields.limit === undefined) invalid("limit", "can't be blank");
  const alert: JsonObject = {
    id: ctx.store.nextUuid("al-"),
    app_id: appState.app.id,
    container_type: "",
    metric: "",
    limit: 0,
    disabled: false,
    send_when_below: false,
    duration_before_trigger: 0,
    remind_every: "",
    metadata: {},
    notifiers: [],
    created_at: iso(ctx.now),
    updated_at: iso(ctx.now),
  };
  applyAlertFields(appState, alert, fields);
  appState.alerts.push(alert);
  return created({ alert });
}

function updateAlert(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  const alert = requireAlert(appState, ctx.params.id ?? "");
  applyAlertFields(appState, alert, wrappedOrFlat(ctx.body, "alert"));
  alert.updated_at = iso(ctx.now);
  return ok({ alert });
}

function deleteAlert(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  const alert = requireAlert(appState, ctx.params.id ?? "");
  appState.alerts = appState.alerts.filter((a) => a !== alert);
  return noContent();
}

/** Alerts and the metrics list. */
export const monitoringRoutes: Route[] = [
  appRoute("GET", "/alerts", (ctx) => ok({ alerts: requireApp(ctx).alerts })),
  appRoute("POST", "/alerts", createAlert),
  appRoute("GET", "/alerts/:id", (ctx) => ok({ alert: requireAlert(requireApp(ctx), ctx.params.id ?? "") })),
  appRoute("PATCH", "/alerts/:id", updateAlert),
  appRoute("PUT", "/alerts/:id", updateAlert),
  appRoute("DELETE", "/alerts/:id", deleteAlert),
  {
    method: "GET",
    pattern: "/v1/features/metrics",
    auth: "optional",
    handler: () => ok({ metrics: [...METRICS, "all"].map((name) => ({ name, display_name: name })) }),
  },
];
