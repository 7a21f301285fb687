import {
  APP_NAME_MAX,
  APP_NAME_MIN,
  APP_NAME_PATTERN,
  CHILD_APP_NAME_MAX,
} from "../../providers/scalingo/limits";
import { USER } from "./auth";
import { defaultStack, STACKS } from "./catalog";
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
  queryOrBody,
  requiredString,
  wrapped,
} from "./http";
import { iso } from "./ids";
import type { Route } from "./router";
import type { App, AppState, RegionName } from "./types";

/** The app named by `:app` (name or ID), or 404 `{"resource":"app","error":"not found"}`. */
export const requireApp = (ctx: Ctx): AppState =>
  ctx.store.findApp(ctx.region, ctx.params.app ?? "") ?? notFound("app");

/**
 * Why a name breaks Scalingo's app-name rule (`providers/scalingo/limits.ts`: lower-case letters, digits,
 * single inner hyphens, `min`–`max` characters), if it does, in the words of Scalingo's 422.
 */
export function appNameProblem(name: string, min = APP_NAME_MIN, max = APP_NAME_MAX): string | undefined {
  if (name.length < min || name.length > max) return `should be between ${min} and ${max} characters`;
  if (APP_NAME_PATTERN.test(name)) return undefined;
  if (!/^[a-z0-9-]+$/.test(name)) return "should contain only lowercap letters, digits and hyphens";
  return "should not start or end with a hyphen nor contain two hyphens in a row";
}

/** Hostname-derived fields of an app for a name (they change on rename). */
const namedFields = (name: string, region: RegionName) => ({
  name,
  git_url: `git@ssh.${region}.scalingo.com:${name}.git`,
  base_url: `https://${name}.${region}.scalingo.io`,
  links: { deployments_stream: `wss://deployments.${region}.scalingo.com/apps/${name}` },
});

/** A new app object in the API's shape. */
export function newApp(id: string, name: string, region: RegionName, stackId: string, now: number): App {
  const named = namedFields(name, region);
  return {
    id,
    ...named,
    region,
    created_at: iso(now),
    updated_at: iso(now),
    status: "new",
    url: named.base_url,
    owner: { id: USER.id, username: USER.username, email: USER.email },
    force_https: false,
    sticky_session: false,
    router_logs: false,
    stack_id: stackId,
    hds_resource: false,
    private_networks_ids: [],
    last_deployed_at: null,
    last_deployed_by: null,
    last_deployment_id: null,
    git_source: null,
    parent_app_name: null,
    project: null,
    flags: {},
  };
}

/** Empty per-app state around an app object. */
export const newAppState = (app: App): AppState => ({
  app,
  variables: [],
  addons: [],
  containers: [],
  domains: [],
  deployments: [],
  operations: [],
  scm_repo_link: null,
  collaborators: [],
  notifiers: [],
  alerts: [],
  log_drains: [],
  autoscalers: [],
  databases: {},
  deployment_outputs: {},
  deployment_procfiles: {},
  procfile: null,
});

/** The app's public `url`: the canonical domain when one is set (terraform-provider-scalingo#175), else `base_url`. */
export function refreshUrl(appState: AppState): void {
  const canonical = appState.domains.find((d) => d.canonical);
  appState.app.url = canonical === undefined ? appState.app.base_url : `https://${canonical.name}`;
}

function checkNewName(ctx: Ctx, name: string, field: string, max = APP_NAME_MAX): void {
  const problem = appNameProblem(name, APP_NAME_MIN, max);
  if (problem !== undefined) invalid(field, problem);
  if (ctx.store.state.regions[ctx.region].apps[name] !== undefined) invalid(field, "has already been taken");
}

function checkStack(stackId: string | undefined): string {
  if (stackId === undefined) return defaultStack().id;
  if (!STACKS.some((s) => s.id === stackId)) invalid("stack_id", "is not a valid stack");
  return stackId;
}

function createApp(ctx: Ctx, parent?: AppState): Reply {
  const fields = wrapped(ctx.body, "app");
  const name = requiredString(fields, "name");
  checkNewName(ctx, name, "name", parent === undefined ? APP_NAME_MAX : CHILD_APP_NAME_MAX);
  const stackId = checkStack(optionalString(fields, "stack_id") ?? parent?.app.stack_id);
  const app = newApp(ctx.store.nextId(), name, ctx.region, stackId, ctx.now);
  app.hds_resource = optionalBoolean(fields, "hds_resource") ?? false;
  app.parent_app_name = parent?.app.name ?? null;
  if (ctx.headers["x-dry-run"] === "true") return created({ app });
  ctx.store.putApp(ctx.region, newAppState(app));
  return created({ app });
}

const SETTABLE = ["force_https", "sticky_session", "router_logs"] as const;

/** Applies updatable fields (booleans, `stack_id`, `project_id`, `owner`) to the app. */
function applyUpdate(ctx: Ctx, appState: AppState, fields: Record<string, unknown>): Reply {
  const app = appState.app;
  const changes: Partial<App> = {};
  for (const field of SETTABLE) {
    const value = optionalBoolean(fields, field);
    if (value !== undefined) changes[field] = value;
  }
  const stackId = optionalString(fields, "stack_id");
  if (stackId !== undefined) changes.stack_id = checkStack(stackId);
  const projectId = optionalString(fields, "project_id");
  if (projectId !== undefined) {
    if (projectId.trim() === "") invalid("project_id", "can't be blank");
    changes.project = { id: projectId, name: projectId };
  }
  const owner = optionalString(fields, "owner");
  if (owner !== undefined) changes.owner = { ...app.owner, email: owner };
  Object.assign(app, changes, { updated_at: iso(ctx.now) });
  return ok({ app });
}

/** `PATCH /v1/apps/:app` with `{"app":{…}}` (docs, scalingo.js). */
const patchApp = (ctx: Ctx): Reply => applyUpdate(ctx, requireApp(ctx), wrapped(ctx.body, "app"));

/** `PUT /v1/apps/:app` with a flat body (go-scalingo, CLI, Terraform); a wrapped body is accepted too. */
const putApp = (ctx: Ctx): Reply => {
  const body = asRecord(ctx.body) ?? invalid("app", "missing field");
  return applyUpdate(ctx, requireApp(ctx), asRecord(body.app) ?? body);
};

function renameApp(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  const body = asRecord(ctx.body) ?? invalid("new_name", "missing field");
  const currentName = requiredString(body, "current_name");
  if (currentName !== appState.app.name) invalid("current_name", "does not match the app name");
  const newName = requiredString(body, "new_name");
  checkNewName(ctx, newName, "new_name");
  const apps = ctx.store.state.regions[ctx.region].apps;
  delete apps[appState.app.name];
  Object.assign(appState.app, namedFields(newName, ctx.region), { updated_at: iso(ctx.now) });
  refreshUrl(appState);
  ctx.store.putApp(ctx.region, appState);
  return ok({ app: appState.app });
}

function deleteApp(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  const currentName = queryOrBody(ctx, "current_name");
  if (currentName === undefined) invalid("current_name", "can't be blank");
  if (currentName !== appState.app.name) invalid("current_name", "does not match the app name");
  ctx.store.deleteApp(ctx.region, appState);
  return noContent();
}

function listChildApps(ctx: Ctx): Reply {
  const parent = requireApp(ctx);
  const children = ctx.store.apps(ctx.region).filter((a) => a.app.parent_app_name === parent.app.name);
  return ok({
    child_apps: children.map((a) => a.app),
    meta: {
      pagination: {
        current_page: 1,
        prev_page: null,
        next_page: null,
        total_pages: 1,
        total_count: children.length,
      },
    },
  });
}

const createChildApp = (ctx: Ctx): Reply => createApp(ctx, requireApp(ctx));

function clearCache(ctx: Ctx): Reply {
  requireApp(ctx);
  return noContent();
}

/** App routes: CRUD, rename, child apps, stacks. */
export const appRoutes: Route[] = [
  { method: "POST", pattern: "/v1/apps", auth: "user", handler: (ctx) => createApp(ctx) },
  {
    method: "GET",
    pattern: "/v1/apps",
    auth: "user",
    handler: (ctx) => ok({ apps: ctx.store.apps(ctx.region).map((a) => a.app) }),
  },
  {
    method: "GET",
    pattern: "/v1/apps/:app",
    auth: "user",
    handler: (ctx) => ok({ app: requireApp(ctx).app }),
  },
  { method: "PATCH", pattern: "/v1/apps/:app", auth: "user", handler: patchApp },
  { method: "PUT", pattern: "/v1/apps/:app", auth: "user", handler: putApp },
  { method: "POST", pattern: "/v1/apps/:app/rename", auth: "user", handler: renameApp },
  { method: "DELETE", pattern: "/v1/apps/:app", auth: "user", handler: deleteApp },
  { method: "GET", pattern: "/v1/apps/:app/child_apps", auth: "user", handler: listChildApps },
  { method: "POST", pattern: "/v1/apps/:app/child_apps", auth: "user", handler: createChildApp },
  {
    method: "DELETE",
    pattern: "/v1/apps/:app/caches/deployment",
    auth: "user",
    handler: clearCache,
  },
  { method: "GET", pattern: "/v1/features/stacks", auth: "optional", handler: () => ok({ stacks: STACKS }) },
];
