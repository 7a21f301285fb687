import { requireApp } from "./apps";
import { USER } from "./auth";
import { NOTIFICATION_PLATFORMS } from "./catalog";
import { startDeployment } from "./deployments";
import type { Ctx, Reply } from "./http";
import {
  asRecord,
  created,
  invalid,
  noContent,
  notFound,
  ok,
  optionalBoolean,
  optionalString,
  requiredString,
  wrapped,
} from "./http";
import { iso } from "./ids";
import type { Route } from "./router";
import type { AppState, Json, JsonObject } from "./types";

const LINK_FLAGS = [
  "auto_deploy_enabled",
  "deploy_review_apps_enabled",
  "delete_on_close_enabled",
  "delete_stale_enabled",
  "automatic_creation_from_forks_allowed",
] as const;
const LINK_HOURS = ["hours_before_delete_on_close", "hours_before_delete_stale"] as const;

/** Copies the settable repo-link fields (flags, hours, branch) from a request into the link. */
function applyLinkFields(link: JsonObject, fields: Record<string, unknown>): void {
  for (const flag of LINK_FLAGS) {
    const value = optionalBoolean(fields, flag);
    if (value !== undefined) link[flag] = value;
  }
  for (const field of LINK_HOURS) {
    const value = fields[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0)
      invalid(field, "must be a non-negative integer");
    link[field] = value as number;
  }
  const branch = optionalString(fields, "branch");
  if (branch !== undefined) link.branch = branch;
}

const requireLink = (appState: AppState): JsonObject => appState.scm_repo_link ?? notFound("scm_repo_link");

function createLink(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  if (appState.scm_repo_link !== null) invalid("app", "already has a linked repository");
  const fields = wrapped(ctx.body, "scm_repo_link");
  const source = requiredString(fields, "source");
  const match = /^(https?:\/\/[^/]+)\/([^/]+)\/([^/]+?)(\.git)?\/?$/.exec(source);
  if (match === null) invalid("source", "must look like https://github.com/<owner>/<repo>");
  const [, url = "", owner = "", repo = ""] = match ?? [];
  const link: JsonObject = {
    id: ctx.store.nextUuid(""),
    app_id: appState.app.id,
    auth_integration_uuid: requiredString(fields, "auth_integration_uuid"),
    linker: { id: USER.id, username: USER.username, email: USER.email },
    url,
    owner,
    repo,
    branch: "master",
    scm_type: url.includes("gitlab") ? "gitlab" : "github",
    created_at: iso(ctx.now),
    updated_at: iso(ctx.now),
    auto_deploy_enabled: false,
    deploy_review_apps_enabled: false,
    delete_on_close_enabled: true,
    hours_before_delete_on_close: 0,
    delete_stale_enabled: false,
    hours_before_delete_stale: 0,
    automatic_creation_from_forks_allowed: false,
    last_auto_deploy_at: null,
  };
  applyLinkFields(link, fields);
  appState.scm_repo_link = link;
  return created({ scm_repo_link: link });
}

function updateLink(ctx: Ctx): Reply {
  const link = requireLink(requireApp(ctx));
  applyLinkFields(link, wrapped(ctx.body, "scm_repo_link"));
  link.updated_at = iso(ctx.now);
  return ok({ scm_repo_link: link });
}

function deleteLink(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  requireLink(appState);
  appState.scm_repo_link = null;
  return noContent();
}

async function manualDeploy(ctx: Ctx): Promise<Reply> {
  const appState = requireApp(ctx);
  const link = requireLink(appState);
  const branch = optionalString(asRecord(ctx.body) ?? {}, "branch") ?? String(link.branch);
  const deployment = await startDeployment(
    ctx,
    appState,
    `${String(link.url)}/${String(link.owner)}/${String(link.repo)}`,
    branch,
  );
  return ok({ deployment });
}

const requireCollaborator = (appState: AppState, id: string): JsonObject =>
  appState.collaborators.find((c) => c.id === id) ?? notFound("collaborator");

function createCollaborator(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  // DEVDOCS shows an array under "collaborator"; go-scalingo sends an object: accept both.
  const root = asRecord(ctx.body)?.collaborator;
  const fields = asRecord(Array.isArray(root) ? root[0] : root) ?? invalid("collaborator", "missing field");
  const email = requiredString(fields, "email");
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) invalid("email", "is not a valid e-mail address");
  if (appState.collaborators.some((c) => c.email === email)) invalid("email", "is already a collaborator");
  if (email === USER.email) invalid("email", "is the owner of the app");
  const id = ctx.store.nextId();
  const collaborator: JsonObject = {
    id,
    email,
    user_id: "",
    username: "n/a",
    tfa_status: false,
    status: "pending",
    is_limited: optionalBoolean(fields, "is_limited") ?? true,
    invitation_link: `${ctx.rootUrl}/apps/collaboration?token=${id}`,
    app_id: appState.app.id,
    app_name: appState.app.name,
  };
  appState.collaborators.push(collaborator);
  return created({ collaborator });
}

function updateCollaborator(ctx: Ctx): Reply {
  const collaborator = requireCollaborator(requireApp(ctx), ctx.params.id ?? "");
  const limited = optionalBoolean(wrapped(ctx.body, "collaborator"), "is_limited");
  if (limited !== undefined) collaborator.is_limited = limited;
  return ok({ collaborator });
}

function deleteCollaborator(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  const collaborator = requireCollaborator(appState, ctx.params.id ?? "");
  appState.collaborators = appState.collaborators.filter((c) => c !== collaborator);
  return noContent();
}

const NOTIFIER_FIELDS = [
  "name",
  "active",
  "send_all_alerts",
  "send_all_events",
  "selected_event_ids",
  "type_data",
] as const;

function applyNotifierFields(notifier: JsonObject, fields: Record<string, unknown>): void {
  for (const field of NOTIFIER_FIELDS) {
    if (fields[field] !== undefined) notifier[field] = fields[field] as Json;
  }
}

const requireNotifier = (appState: AppState, id: string): JsonObject =>
  appState.notifiers.find((n) => n.id === id) ?? notFound("notifier");

function createNotifier(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  const fields = wrapped(ctx.body, "notifier");
  const platformId = requiredString(fields, "platform_id");
  const platform = NOTIFICATION_PLATFORMS.find((p) => p.id === platformId || p.name === platformId);
  if (platform === undefined) invalid("platform_id", "is not a notification platform");
  requiredString(fields, "name");
  const notifier: JsonObject = {
    id: ctx.store.nextUuid("no-"),
    name: "",
    active: true,
    type: platform?.name ?? "",
    platform_id: platform?.id ?? "",
    app_id: appState.app.id,
    app: appState.app.name,
    send_all_alerts: false,
    send_all_events: false,
    selected_event_ids: [],
    type_data: {},
    created_at: iso(ctx.now),
    updated_at: iso(ctx.now),
  };
  applyNotifierFields(notifier, fields);
  appState.notifiers.push(notifier);
  return created({ notifier });
}

function updateNotifier(ctx: Ctx): Reply {
  const notifier = requireNotifier(requireApp(ctx), ctx.params.id ?? "");
  applyNotifierFields(notifier, wrapped(ctx.body, "notifier"));
  notifier.updated_at = iso(ctx.now);
  return ok({ notifier });
}

function deleteNotifier(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  const notifier = requireNotifier(appState, ctx.params.id ?? "");
  appState.notifiers = appState.notifiers.filter((n) => n !== notifier);
  return noContent();
}

function searchPlatforms(ctx: Ctx): Reply {
  const name = ctx.query.get("name") ?? "";
  return ok({ notification_platforms: NOTIFICATION_PLATFORMS.filter((p) => p.name === name) });
}

function getPlatform(ctx: Ctx): Reply {
  const platform =
    NOTIFICATION_PLATFORMS.find((p) => p.id === ctx.params.id) ?? notFound("notification_platform");
  return ok({ notification_platform: platform });
}

const app = (method: string, path: string, handler: Route["handler"]): Route => ({
  method,
  pattern: `/v1/apps/:app${path}`,
  auth: "user",
  handler,
});

/** SCM repo link, collaborators, notifiers and notification platforms. */
export const integrationRoutes: Route[] = [
  app("GET", "/scm_repo_link", (ctx) => ok({ scm_repo_link: requireLink(requireApp(ctx)) })),
  app("POST", "/scm_repo_link", createLink),
  app("PATCH", "/scm_repo_link", updateLink),
  app("DELETE", "/scm_repo_link", deleteLink),
  app("POST", "/scm_repo_link/manual_deploy", manualDeploy),
  app("GET", "/collaborators", (ctx) => ok({ collaborators: requireApp(ctx).collaborators })),
  app("POST", "/collaborators", createCollaborator),
  app("PATCH", "/collaborators/:id", updateCollaborator),
  app("DELETE", "/collaborators/:id", deleteCollaborator),
  app("GET", "/notifiers", (ctx) => ok({ notifiers: requireApp(ctx).notifiers })),
  app("POST", "/notifiers", createNotifier),
  app("GET", "/notifiers/:id", (ctx) =>
    ok({ notifier: requireNotifier(requireApp(ctx), ctx.params.id ?? "") }),
  ),
  app("PATCH", "/notifiers/:id", updateNotifier),
  app("PUT", "/notifiers/:id", updateNotifier),
  app("DELETE", "/notifiers/:id", deleteNotifier),
  {
    method: "GET",
    pattern: "/v1/notification_platforms",
    auth: "optional",
    handler: () => ok({ notification_platforms: NOTIFICATION_PLATFORMS }),
  },
  { method: "GET", pattern: "/v1/notification_platforms/search", auth: "optional", handler: searchPlatforms },
  { method: "GET", pattern: "/v1/notification_platforms/:id", auth: "optional", handler: getPlatform },
];
