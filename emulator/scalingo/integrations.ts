import { requireApp } from "./apps";
import { USER } from "./auth";
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
import { appRoute, type Route } from "./router";
import type { AppState, JsonObject } from "./types";

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

/** SCM repo link and collaborators (notifiers are in notifiers.ts). */
export const integrationRoutes: Route[] = [
  appRoute("GET", "/scm_repo_link", (ctx) => ok({ scm_repo_link: requireLink(requireApp(ctx)) })),
  appRoute("POST", "/scm_repo_link", createLink),
  appRoute("PATCH", "/scm_repo_link", updateLink),
  appRoute("DELETE", "/scm_repo_link", deleteLink),
  appRoute("POST", "/scm_repo_link/manual_deploy", manualDeploy),
  appRoute("GET", "/collaborators", (ctx) => ok({ collaborators: requireApp(ctx).collaborators })),
  appRoute("POST", "/collaborators", createCollaborator),
  appRoute("PATCH", "/collaborators/:id", updateCollaborator),
  appRoute("DELETE", "/collaborators/:id", deleteCollaborator),
];
