/**
 * Autoscalers: one per container type, keeping its amount between `min_containers` (at least 2) and
 * `max_containers`. An enabled autoscaler brings the amount into that range at once (the real one scales on
 * its metric over time: the emulator has no traffic, so it only enforces the bounds). A scale call that names
 * the type — even for its size only — disables it, as the official CLI warns before scaling.
 * @see https://developers.scalingo.com/autoscalers
 */
import { MAX_CONTAINERS } from "../../providers/scalingo/limits";
import { AUTOSCALER_MIN_CONTAINERS } from "../../providers/scalingo/production-limits";
import { requireApp } from "./apps";
import type { Ctx, Reply } from "./http";
import { created, invalid, noContent, notFound, ok, optionalBoolean, requiredString } from "./http";
import { iso } from "./ids";
import { METRICS, numberField, wrappedOrFlat } from "./monitoring";
import { appRoute, type Route } from "./router";
import type { AppState, Json, JsonObject } from "./types";

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
  if (min < AUTOSCALER_MIN_CONTAINERS)
    invalid("min_containers", `must be greater than or equal to ${AUTOSCALER_MIN_CONTAINERS}`);
  if (max < min) invalid("max_containers", "must be greater than or equal to min_containers");
  if (max > MAX_CONTAINERS) invalid("max_containers", `must be less than or equal to ${MAX_CONTAINERS}`);
}

/** An enabled autoscaler brings its type's amount within its bounds. */
function enforceBounds(ctx: Ctx, appState: AppState, autoscaler: JsonObject): void {
  if (autoscaler.disabled === true) return;
  const container = appState.containers.find((c) => c.name === autoscaler.container_type);
  if (container === undefined) return;
  const min = Number(autoscaler.min_containers);
  const max = Number(autoscaler.max_containers);
  const amount = Math.min(max, Math.max(min, container.amount));
  if (amount === container.amount) return;
  container.amount = amount;
  autoscaler.last_scale = iso(ctx.now);
}

/** Disables the enabled autoscalers of the types a scale call names (called by the scale endpoint). */
export function disableAutoscalersOf(ctx: Ctx, appState: AppState, types: readonly string[]): void {
  for (const autoscaler of appState.autoscalers) {
    if (autoscaler.disabled === true || !types.includes(String(autoscaler.container_type))) continue;
    autoscaler.disabled = true;
    autoscaler.updated_at = iso(ctx.now);
  }
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
  enforceBounds(ctx, appState, autoscaler);
  return created({ autoscaler });
}

function updateAutoscaler(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  const autoscaler = requireAutoscaler(appState, ctx.params.id ?? "");
  const copy = { ...autoscaler };
  applyAutoscalerFields(copy, wrappedOrFlat(ctx.body, "autoscaler"));
  Object.assign(autoscaler, copy, { updated_at: iso(ctx.now) } satisfies Record<string, Json>);
  enforceBounds(ctx, appState, autoscaler);
  return ok({ autoscaler });
}

function deleteAutoscaler(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  const autoscaler = requireAutoscaler(appState, ctx.params.id ?? "");
  appState.autoscalers = appState.autoscalers.filter((a) => a !== autoscaler);
  return noContent();
}

/** Autoscaler routes (PATCH and PUT, wrapped or flat). */
export const autoscalerRoutes: Route[] = [
  appRoute("GET", "/autoscalers", (ctx) => ok({ autoscalers: requireApp(ctx).autoscalers })),
  appRoute("POST", "/autoscalers", createAutoscaler),
  appRoute("GET", "/autoscalers/:id", (ctx) =>
    ok({ autoscaler: requireAutoscaler(requireApp(ctx), ctx.params.id ?? "") }),
  ),
  appRoute("PATCH", "/autoscalers/:id", updateAutoscaler),
  appRoute("PUT", "/autoscalers/:id", updateAutoscaler),
  appRoute("DELETE", "/autoscalers/:id", deleteAutoscaler),
];
