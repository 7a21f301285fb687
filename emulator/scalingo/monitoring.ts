import { requireAddon } from "./addons";
import { requireApp } from "./apps";
import type { Ctx, Reply } from "./http";
import {
  asRecord,
  created,
  invalid,
  noContent,
  notFound,
  ok,
  optionalBoolean,
  queryOrBody,
  requiredString,
} from "./http";
import { iso } from "./ids";
import type { Route } from "./router";
import type { AppState, Json, JsonObject } from "./types";

/** Autoscaler metrics (`GET /v1/features/metrics`); alerts also accept `all`. */
export const METRICS = ["rpm_per_container", "p95_response_time", "5XX", "cpu", "memory", "swap"] as const;

/** The object under `root`, or the body itself when sent flat (go-scalingo and Terraform send alerts and autoscalers flat). */
const wrappedOrFlat = (body: unknown, root: string): Record<string, unknown> =>
  asRecord(asRecord(body)?.[root]) ?? asRecord(body) ?? invalid(root, "missing field");

/** Go duration string from nanoseconds (`330000000000` → `5m30s`), as go-scalingo sends `remind_every` on update. */
export function durationFromNanoseconds(ns: number): string {
  let seconds = Math.round(ns / 1e9);
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  return `${hours > 0 ? `${hours}h` : ""}${hours > 0 || minutes > 0 ? `${minutes}m` : ""}${seconds}s`;
}

function numberField(fields: Record<string, unknown>, field: string, integer = false): number | undefined {
  const value = fields[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    invalid(field, integer ? "must be an integer" : "must be a number");
  }
  return value as number;
}

function applyAlertFields(alert: JsonObject, fields: Record<string, unknown>): void {
  const metric = fields.metric;
  if (metric !== undefined && ![...METRICS, "all"].includes(String(metric))) {
    invalid("metric", `must be one of ${[...METRICS, "all"].join(", ")}`);
  }
  if (metric !== undefined) alert.metric = String(metric);
  const limit = numberField(fields, "limit");
  if (limit !== undefined) alert.limit = limit;
  const duration = numberField(fields, "duration_before_trigger", true);
  if (duration !== undefined) alert.duration_before_trigger = duration;
  const remind = fields.remind_every;
  if (typeof remind === "number") alert.remind_every = durationFromNanoseconds(remind);
  else if (typeof remind === "string") alert.remind_every = remind;
  for (const flag of ["disabled", "send_when_below"]) {
    const value = optionalBoolean(fields, flag);
    if (value !== undefined) alert[flag] = value;
  }
  if (Array.isArray(fields.notifiers)) alert.notifiers = fields.notifiers.map(String);
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
  applyAlertFields(alert, fields);
  appState.alerts.push(alert);
  return created({ alert });
}

function updateAlert(ctx: Ctx): Reply {
  const alert = requireAlert(requireApp(ctx), ctx.params.id ?? "");
  applyAlertFields(alert, wrappedOrFlat(ctx.body, "alert"));
  alert.updated_at = iso(ctx.now);
  return ok({ alert });
}

function deleteAlert(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  const alert = requireAlert(appState, ctx.params.id ?? "");
  appState.alerts = appState.alerts.filter((a) => a !== alert);
  return noContent();
}

/** Required parameters per drain type (DEVDOCS, plus betterstack from USERDOCS). */
const DRAIN_PARAMS: Record<string, readonly string[]> = {
  appsignal: ["token", "host", "port"],
  datadog: ["token", "drain_region"],
  "ovh-graylog": ["token", "host"],
  papertrail: ["host", "port"],
  syslog: ["host", "port"],
  elk: ["url"],
  betterstack: ["host", "token"],
};

/** The URL Scalingo builds for a drain (the drain's only identity). */
export function drainUrl(type: string, p: Record<string, string>): string {
  const auth = p.token === undefined ? "" : `:${p.token}@`;
  switch (type) {
    case "datadog":
      return `datadog://${p.token}?region=${p.drain_region}`;
    case "ovh-graylog":
      return `ovh://${auth}${p.host}:6514`;
    case "elk":
      return p.url ?? "";
    case "papertrail":
      return `papertrail://${p.host}:${p.port}`;
    case "betterstack":
      return `betterstack://${auth}${p.host}`;
    default:
      return `${type}://${auth}${p.host}:${p.port}`;
  }
}

/** Drains of the app (`addonId` undefined) or of one of its add-ons. */
const drainsOf = (appState: AppState, addonId: string | undefined) =>
  appState.log_drains.filter((d) => (d.addon_id ?? undefined) === addonId);

function addonIdOf(ctx: Ctx, appState: AppState): string | undefined {
  return ctx.params.addon === undefined ? undefined : requireAddon(appState, ctx.params.addon).id;
}

function listDrains(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  return ok({ drains: drainsOf(appState, addonIdOf(ctx, appState)) });
}

function createDrain(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  const addonId = addonIdOf(ctx, appState);
  const fields = asRecord(asRecord(ctx.body)?.drain) ?? invalid("drain", "missing field");
  const type = requiredString(fields, "type");
  const required =
    DRAIN_PARAMS[type] ?? invalid("type", `must be one of ${Object.keys(DRAIN_PARAMS).join(", ")}`);
  const params: Record<string, string> = {};
  for (const key of ["token", "host", "port", "drain_region", "url"]) {
    const value = fields[key];
    if (value !== undefined && value !== null && value !== "") params[key] = String(value);
  }
  for (const key of required)
    if (params[key] === undefined) invalid(key, `can't be blank for a ${type} drain`);
  const url = drainUrl(type, params);
  if (drainsOf(appState, addonId).some((d) => d.url === url)) invalid("url", "has already been taken");
  const drain: JsonObject = {
    app_id: appState.app.id,
    url,
    ...(addonId === undefined ? {} : { addon_id: addonId }),
  };
  appState.log_drains.push(drain);
  return created({ drain: { url } });
}

function deleteDrain(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  const addonId = addonIdOf(ctx, appState);
  // go-scalingo sends ?url=, DEVDOCS a JSON body {"url"}: read both.
  const url = queryOrBody(ctx, "url") ?? invalid("url", "can't be blank");
  const drain = drainsOf(appState, addonId).find((d) => d.url === url) ?? notFound("drain");
  appState.log_drains = appState.log_drains.filter((d) => d !== drain);
  return noContent();
}

function applyAutoscalerFields(autoscaler: JsonObject, fields: Record<string, unknown>): void {
  for (const field of ["min_containers", "max_containers"]) {
    const value = numberField(fields, field, true);
    if (value !== undefined) autoscaler[field] = value;
  }
  const target = numberField(fields, "target");
  if (target !== undefined) autoscaler.target = target;
  if (fields.metric !== undefined) {
    if (!METRICS.includes(String(fields.metric) as never))
      invalid("metric", `must be one of ${METRICS.join(", ")}`);
    autoscaler.metric = String(fields.metric);
  }
  const disabled = optionalBoolean(fields, "disabled");
  if (disabled !== undefined) autoscaler.disabled = disabled;
  const min = Number(autoscaler.min_containers);
  const max = Number(autoscaler.max_containers);
  if (min < 2) invalid("min_containers", "must be greater than or equal to 2");
  if (max < min) invalid("max_containers", "must be greater than or equal to min_containers");
  if (max > 10) invalid("max_containers", "must be less than or equal to 10");
}

const requireAutoscaler = (appState: AppState, id: string): JsonObject =>
  appState.autoscalers.find((a) => a.id === id) ?? notFound("autoscaler");

function createAutoscaler(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  const fields = wrappedOrFlat(ctx.body, "autoscaler");
  const containerType = requiredString(fields, "container_type");
  requiredString(fields, "metric");
  if (appState.autoscalers.some((a) => a.container_type === containerType)) {
    invalid("container_type", "already has an autoscaler");
  }
  const autoscaler: JsonObject = {
    id: ctx.store.nextUuid("au-"),
    app_id: appState.app.id,
    created_at: iso(ctx.now),
    updated_at: iso(ctx.now),
    last_scale: "0001-01-01T00:00:00Z",
    container_type: containerType,
    min_containers: 2,
    max_containers: 2,
    metric: "",
    target: 0,
    disabled: false,
    alert_id_scale_up: ctx.store.nextUuid("al-"),
    alert_id_scale_down: ctx.store.nextUuid("al-"),
  };
  applyAutoscalerFields(autoscaler, fields);
  appState.autoscalers.push(autoscaler);
  return created({ autoscaler });
}

function updateAutoscaler(ctx: Ctx): Reply {
  const autoscaler = requireAutoscaler(requireApp(ctx), ctx.params.id ?? "");
  const copy = { ...autoscaler };
  applyAutoscalerFields(copy, wrappedOrFlat(ctx.body, "autoscaler"));
  Object.assign(autoscaler, copy, { updated_at: iso(ctx.now) } satisfies Record<string, Json>);
  return ok({ autoscaler });
}

function deleteAutoscaler(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  const autoscaler = requireAutoscaler(appState, ctx.params.id ?? "");
  appState.autoscalers = appState.autoscalers.filter((a) => a !== autoscaler);
  return noContent();
}

const app = (method: string, path: string, handler: Route["handler"]): Route => ({
  method,
  pattern: `/v1/apps/:app${path}`,
  auth: "user",
  handler,
});

/** Alerts, log drains (app and add-on, keyed by URL) and autoscalers. */
export const monitoringRoutes: Route[] = [
  app("GET", "/alerts", (ctx) => ok({ alerts: requireApp(ctx).alerts })),
  app("POST", "/alerts", createAlert),
  app("GET", "/alerts/:id", (ctx) => ok({ alert: requireAlert(requireApp(ctx), ctx.params.id ?? "") })),
  app("PATCH", "/alerts/:id", updateAlert),
  app("PUT", "/alerts/:id", updateAlert),
  app("DELETE", "/alerts/:id", deleteAlert),
  app("GET", "/log_drains", listDrains),
  app("POST", "/log_drains", createDrain),
  app("DELETE", "/log_drains", deleteDrain),
  app("GET", "/addons/:addon/log_drains", listDrains),
  app("POST", "/addons/:addon/log_drains", createDrain),
  app("DELETE", "/addons/:addon/log_drains", deleteDrain),
  app("GET", "/autoscalers", (ctx) => ok({ autoscalers: requireApp(ctx).autoscalers })),
  app("POST", "/autoscalers", createAutoscaler),
  app("GET", "/autoscalers/:id", (ctx) =>
    ok({ autoscaler: requireAutoscaler(requireApp(ctx), ctx.params.id ?? "") }),
  ),
  app("PATCH", "/autoscalers/:id", updateAutoscaler),
  app("PUT", "/autoscalers/:id", updateAutoscaler),
  app("DELETE", "/autoscalers/:id", deleteAutoscaler),
  {
    method: "GET",
    pattern: "/v1/features/metrics",
    auth: "optional",
    handler: () => ok({ metrics: [...METRICS, "all"].map((name) => ({ name, display_name: name })) }),
  },
];
