/**
 * Event categories and event types (`GET /v1/event_categories`, `GET /v1/event_types`): what notifiers select
 * by ID (`selected_event_ids`) and notification platforms list in `available_event_ids`. Names are the ones
 * go-scalingo knows (`events_*.go`, `EventTypeName`); IDs are 24-hex, stable across resets.
 * @see https://developers.scalingo.com/event_types
 */
import { ok } from "./http";
import { stableHexId } from "./ids";
import type { Route } from "./router";
import type { JsonObject } from "./types";

/** Categories, in display order (DEVDOCS `event_categories.md` names the first two). */
const CATEGORIES: readonly (readonly [string, string])[] = [
  ["app_operations", "App operations"],
  ["addons", "Addons"],
  ["collaboration", "Collaboration"],
  ["configuration", "Configuration"],
  ["monitoring", "Monitoring"],
];

/** App-level event types a notifier can select, by category. */
const TYPES: Record<string, readonly (readonly [string, string])[]> = {
  app_operations: [
    ["deployment", "App deployed"],
    ["restart", "App restarted"],
    ["scale", "App scaled"],
    ["stop_app", "App stopped"],
    ["crash", "App crashed"],
    ["repeated_crash", "App crashed repeatedly"],
    ["run", "One-off container started"],
    ["create_review_app", "Review app created"],
    ["destroy_review_app", "Review app destroyed"],
  ],
  addons: [
    ["new_addon", "Addon added"],
    ["upgrade_addon", "Addon upgraded"],
    ["delete_addon", "Addon removed"],
    ["database_backup_succeeded", "Database backup succeeded"],
    ["database_backup_failed", "Database backup failed"],
    ["plan_database_maintenance", "Database maintenance planned"],
    ["start_database_maintenance", "Database maintenance started"],
    ["complete_database_maintenance", "Database maintenance completed"],
  ],
  collaboration: [
    ["new_collaborator", "Collaborator invited"],
    ["accept_collaborator", "Collaborator accepted"],
    ["delete_collaborator", "Collaborator removed"],
  ],
  configuration: [
    ["new_domain", "Domain added"],
    ["delete_domain", "Domain removed"],
    ["edit_variables", "Environment changed"],
    ["new_log_drain", "Log drain added"],
    ["delete_log_drain", "Log drain removed"],
  ],
  monitoring: [
    ["alert", "Alert triggered"],
    ["new_alert", "Alert created"],
    ["delete_alert", "Alert removed"],
    ["new_autoscaler", "Autoscaler created"],
    ["edit_autoscaler", "Autoscaler changed"],
  ],
};

const categoryId = (name: string) => stableHexId(`event-category:${name}`);

/** `{"event_categories":[…]}` entries. */
export const EVENT_CATEGORIES: readonly JsonObject[] = CATEGORIES.map(([name, display], i) => ({
  id: categoryId(name),
  name,
  display_name: display,
  position: i + 1,
}));

/** `{"event_types":[…]}` entries. */
export const EVENT_TYPES: readonly JsonObject[] = CATEGORIES.flatMap(([category]) =>
  (TYPES[category] ?? []).map(([name, display]) => ({
    id: stableHexId(`event-type:${name}`),
    category_id: categoryId(category),
    name,
    display_name: display,
    description: `${display}.`,
  })),
);

/** Every event type ID (what the notification platforms accept). */
export const EVENT_TYPE_IDS: readonly string[] = EVENT_TYPES.map((t) => String(t.id));

/**
 * Event categories and types, with or without a bearer: DEVDOCS and go-scalingo send one, scalingo.js calls
 * them through its unauthenticated client.
 */
export const eventRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/v1/event_categories",
    auth: "optional",
    handler: () => ok({ event_categories: EVENT_CATEGORIES }),
  },
  {
    method: "GET",
    pattern: "/v1/event_types",
    auth: "optional",
    handler: () => ok({ event_types: EVENT_TYPES }),
  },
];
