/**
 * Notifiers and notification platforms. A notifier names its platform by ID and the events it sends by
 * event-type ID (`selected_event_ids`, each one the platform accepts); `type_data` holds the platform's
 * settings (`emails`/`user_ids` for email, `webhook_url` for Slack and webhooks). go-scalingo posts the whole
 * notifier object (empty `id`, `type`, zero dates included): only the settable fields are read.
 * @see https://developers.scalingo.com/notifiers
 */
import { requireApp } from "./apps";
import { NOTIFICATION_PLATFORMS } from "./catalog";
import type { Ctx, Reply } from "./http";
import { asRecord, created, invalid, noContent, notFound, ok, requiredString, wrapped } from "./http";
import { iso } from "./ids";
import { appRoute, type Route } from "./router";
import type { AppState, Json, JsonObject } from "./types";

const NOTIFIER_FIELDS = [
  "name",
  "active",
  "send_all_alerts",
  "send_all_events",
  "selected_event_ids",
] as const;

/** The platform's settings, checked: a webhook URL for Slack, Rocket.Chat and webhooks. */
function typeData(platform: JsonObject, value: unknown): JsonObject {
  const data = asRecord(value) ?? {};
  const needsUrl = ["slack", "webhook", "rocket_chat"].includes(String(platform.name));
  if (needsUrl && (typeof data.webhook_url !== "string" || !/^https?:\/\//.test(data.webhook_url))) {
    invalid("type_data.webhook_url", "must be an http(s) URL");
  }
  if (platform.name === "email" && !Array.isArray(data.emails) && !Array.isArray(data.user_ids)) {
    invalid("type_data.emails", "give emails or user_ids");
  }
  return data as JsonObject;
}

function applyNotifierFields(
  notifier: JsonObject,
  platform: JsonObject,
  fields: Record<string, unknown>,
): void {
  for (const field of NOTIFIER_FIELDS) {
    if (fields[field] !== undefined && fields[field] !== null) notifier[field] = fields[field] as Json;
  }
  const accepted = (platform.available_event_ids ?? []) as string[];
  const selected = (notifier.selected_event_ids ?? []) as unknown[];
  const refused = selected.filter((id) => !accepted.includes(String(id)));
  if (refused.length > 0)
    invalid("selected_event_ids", `not accepted by ${String(platform.name)}: ${refused.join(", ")}`);
  if (fields.type_data !== undefined) notifier.type_data = typeData(platform, fields.type_data);
}

const requireNotifier = (appState: AppState, id: string): JsonObject =>
  appState.notifiers.find((n) => n.id === id) ?? notFound("notifier");

const platformById = (id: unknown): JsonObject | undefined => NOTIFICATION_PLATFORMS.find((p) => p.id === id);

function createNotifier(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  const fields = wrapped(ctx.body, "notifier");
  const platform =
    platformById(requiredString(fields, "platform_id")) ??
    invalid("platform_id", "is not a notification platform ID");
  requiredString(fields, "name");
  const notifier: JsonObject = {
    id: ctx.store.nextUuid("no-"),
    name: "",
    active: true,
    type: String(platform.name),
    platform_id: String(platform.id),
    app_id: appState.app.id,
    app: appState.app.name,
    send_all_alerts: false,
    send_all_events: false,
    selected_event_ids: [],
    type_data: {},
    created_at: iso(ctx.now),
    updated_at: iso(ctx.now),
  };
  applyNotifierFields(notifier, platform, { type_data: {}, ...fields });
  appState.notifiers.push(notifier);
  return created({ notifier });
}

function updateNotifier(ctx: Ctx): Reply {
  const notifier = requireNotifier(requireApp(ctx), ctx.params.id ?? "");
  const platform = platformById(notifier.platform_id) ?? notFound("notification_platform");
  applyNotifierFields(notifier, platform, wrapped(ctx.body, "notifier"));
  notifier.updated_at = iso(ctx.now);
  return ok({ notifier });
}

function deleteNotifier(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  const notifier = requireNotifier(appState, ctx.params.id ?? "");
  appState.notifiers = appState.notifiers.filter((n) => n !== notifier);
  // An alert keeps no reference to a deleted notifier.
  for (const alert of appState.alerts) {
    alert.notifiers = ((alert.notifiers ?? []) as string[]).filter((id) => id !== notifier.id);
  }
  return noContent();
}

function searchPlatforms(ctx: Ctx): Reply {
  const name = ctx.query.get("name") ?? "";
  return ok({ notification_platforms: NOTIFICATION_PLATFORMS.filter((p) => p.name === name) });
}

function getPlatform(ctx: Ctx): Reply {
  const platform = platformById(ctx.params.id) ?? notFound("notification_platform");
  return ok({ notification_platform: platform });
}

/** Notifiers of an app, and the notification platforms (anonymous, as go-scalingo calls them). */
export const notifierRoutes: Route[] = [
  appRoute("GET", "/notifiers", (ctx) => ok({ notifiers: requireApp(ctx).notifiers })),
  appRoute("POST", "/notifiers", createNotifier),
  appRoute("GET", "/notifiers/:id", (ctx) =>
    ok({ notifier: requireNotifier(requireApp(ctx), ctx.params.id ?? "") }),
  ),
  appRoute("PATCH", "/notifiers/:id", updateNotifier),
  appRoute("PUT", "/notifiers/:id", updateNotifier),
  appRoute("DELETE", "/notifiers/:id", deleteNotifier),
  {
    method: "GET",
    pattern: "/v1/notification_platforms",
    auth: "optional",
    handler: () => ok({ notification_platforms: NOTIFICATION_PLATFORMS }),
  },
  { method: "GET", pattern: "/v1/notification_platforms/search", auth: "optional", handler: searchPlatforms },
  { method: "GET", pattern: "/v1/notification_platforms/:id", auth: "optional", handler: getPlatform },
];
