import { APP_NAME_MIN } from "../../providers/scalingo/limits";
import { requireAddon } from "./addons";
import { appNameProblem, requireApp } from "./apps";
import { issueJwt } from "./auth";
import type { Ctx, Reply } from "./http";
import {
  asRecord,
  created,
  fail,
  invalid,
  noContent,
  notFound,
  ok,
  optionalBoolean,
  optionalString,
  requiredString,
  wrapped,
} from "./http";
import { iso, secretFor } from "./ids";
import type { Route } from "./router";
import type { AppState, DatabaseState, JsonObject } from "./types";

/** `POST /v1/apps/:app/addons/:id/token`: a database API bearer for this add-on (what go-scalingo sends). */
function addonToken(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  const addon = requireAddon(appState, ctx.params.id ?? "");
  const tokenKey = ctx.caller?.tokenKey ?? "anonymous";
  const token = issueJwt({ kind: "addon", tokenKey, addonId: addon.id }, ctx.now, ctx.options.tokenTtlS);
  return ok({ addon: { ...addon, token } });
}

/** The database (add-on) named by `:db`, checking that an add-on token opens this one. */
function requireDatabase(ctx: Ctx): { appState: AppState; db: DatabaseState } {
  const id = ctx.params.db ?? "";
  if (ctx.caller?.kind === "addon" && ctx.caller.addonId !== id) {
    fail(403, { error: "this add-on token does not give access to this database" });
  }
  for (const appState of ctx.store.apps(ctx.region)) {
    const db = appState.databases[id];
    if (db !== undefined) return { appState, db };
  }
  return notFound("database");
}

/** PATCH/PUT database: periodic backups (hour as a scalar in, an array out) and the maintenance window. */
function updateDatabase(ctx: Ctx): Reply {
  const { db } = requireDatabase(ctx);
  const fields = wrapped(ctx.body, "database");
  const enabled = optionalBoolean(fields, "periodic_backups_enabled");
  if (enabled !== undefined) db.database.periodic_backups_enabled = enabled;
  const hour = fields.periodic_backups_scheduled_at;
  if (hour !== undefined) {
    const hours = Array.isArray(hour) ? hour : [hour];
    if (!hours.every((h) => Number.isInteger(h) && h >= 0 && h <= 23)) {
      invalid("periodic_backups_scheduled_at", "must be an hour between 0 and 23");
    }
    db.database.periodic_backups_scheduled_at = hours as number[];
  }
  const window = asRecord(fields.maintenance_window);
  if (window !== undefined) {
    const current = asRecord(db.database.maintenance_window) ?? {};
    db.database.maintenance_window = { ...current, ...window } as JsonObject;
  }
  return ok({ database: db.database });
}

function createBackup(ctx: Ctx): Reply {
  const { appState, db } = requireDatabase(ctx);
  const id = ctx.store.nextId();
  const backup: JsonObject = {
    id,
    created_at: iso(ctx.now),
    started_at: iso(ctx.now),
    name: `${db.database.resource_id}-${iso(ctx.now)}`,
    size: 0,
    status: "scheduled",
    database_id: db.database.id ?? null,
    method: "manual",
  };
  db.backups.unshift(backup);
  ctx.store.schedule({
    at: ctx.now + ctx.options.operationMs,
    region: ctx.region,
    appId: appState.app.id,
    kind: "backup-done",
    targetId: id,
    status: "done",
  });
  return created({ database_backup: backup });
}

function backupArchive(ctx: Ctx): Reply {
  const { db } = requireDatabase(ctx);
  const backup = db.backups.find((b) => b.id === ctx.params.backup) ?? notFound("backup");
  return ok({ download_url: `${ctx.rootUrl}/backups/${String(backup.id)}.tar.gz` });
}

const publicUser = (user: JsonObject): JsonObject => {
  const { password: _password, ...rest } = user;
  return rest;
};

/** Longest database user name; otherwise the app-name rules apply (DEVDOCS). */
const USER_NAME_MAX = 32;

/** Checks a password (24–64 chars, confirmed when given); the user name follows the app-name rules. */
function checkPassword(fields: Record<string, unknown>): string | undefined {
  const password = optionalString(fields, "password");
  if (password === undefined || password === "") return undefined;
  if (password.length < 24 || password.length > 64)
    invalid("password", "must be between 24 and 64 characters");
  const confirmation = optionalString(fields, "password_confirmation");
  if (confirmation !== undefined && confirmation !== password)
    invalid("password_confirmation", "does not match the password");
  return password;
}

function createUser(ctx: Ctx): Reply {
  const { db } = requireDatabase(ctx);
  const fields = wrapped(ctx.body, "database_user");
  const name = requiredString(fields, "name");
  const problem = appNameProblem(name, APP_NAME_MIN, USER_NAME_MAX);
  if (problem !== undefined) invalid("name", problem);
  if (db.users.some((u) => u.name === name)) invalid("name", "has already been taken");
  const password = checkPassword(fields) ?? secretFor(`${String(db.database.id)}:${name}`, 32);
  const user: JsonObject = {
    name,
    read_only: optionalBoolean(fields, "read_only") ?? false,
    protected: false,
    dbms_attributes: { password_encryption: "SCRAM-SHA-256" },
    password,
  };
  db.users.push(user);
  return created({ database_user: user });
}

const requireUser = (db: DatabaseState, name: string): JsonObject =>
  db.users.find((u) => u.name === name) ?? notFound("database_user");

function updateUser(ctx: Ctx): Reply {
  const { db } = requireDatabase(ctx);
  const user = requireUser(db, ctx.params.name ?? "");
  const password = checkPassword(wrapped(ctx.body, "database_user")) ?? invalid("password", "can't be blank");
  user.password = password;
  return ok({ database_user: user });
}

function resetPassword(ctx: Ctx): Reply {
  const { db } = requireDatabase(ctx);
  const user = requireUser(db, ctx.params.name ?? "");
  user.password = secretFor(`${String(db.database.id)}:${String(user.name)}:${ctx.now}`, 32);
  return ok({ database_user: user });
}

function deleteUser(ctx: Ctx): Reply {
  const { db } = requireDatabase(ctx);
  const user = requireUser(db, ctx.params.name ?? "");
  if (user.protected === true)
    fail(403, { error: `user ${String(user.name)} is protected and cannot be deleted` });
  db.users = db.users.filter((u) => u !== user);
  return noContent();
}

function addFeature(ctx: Ctx): Reply {
  const { db } = requireDatabase(ctx);
  const name = requiredString(wrapped(ctx.body, "feature"), "name");
  const features = (db.database.features ?? []) as JsonObject[];
  db.database.features = [...features.filter((f) => f.name !== name), { name, status: "ACTIVATED" }];
  return ok({ name, status: "PENDING_TO_ACTIVATE", message: `Feature ${name} is being activated` });
}

function removeFeature(ctx: Ctx): Reply {
  const { db } = requireDatabase(ctx);
  const name = ctx.query.get("feature") ?? invalid("feature", "can't be blank");
  db.database.features = ((db.database.features ?? []) as JsonObject[]).filter((f) => f.name !== name);
  return ok({ message: `Feature ${name} removed` });
}

const db = (method: string, path: string, handler: Route["handler"]): Route => ({
  method,
  pattern: `/api/databases/:db${path}`,
  auth: "db",
  handler,
});

/** Database API routes (`/api/...`) and the add-on token endpoint. */
export const databaseRoutes: Route[] = [
  { method: "POST", pattern: "/v1/apps/:app/addons/:id/token", auth: "user", handler: addonToken },
  db("GET", "", (ctx) => ok({ database: requireDatabase(ctx).db.database })),
  db("PATCH", "", updateDatabase),
  db("PUT", "", updateDatabase),
  db("GET", "/backups", (ctx) => ok({ database_backups: requireDatabase(ctx).db.backups })),
  db("POST", "/backups", createBackup),
  db("GET", "/backups/:backup/archive", backupArchive),
  db("GET", "/users", (ctx) => ok({ "database-users": requireDatabase(ctx).db.users.map(publicUser) })),
  db("POST", "/users", createUser),
  db("PATCH", "/users/:name", updateUser),
  db("POST", "/users/:name/reset_password", resetPassword),
  db("DELETE", "/users/:name", deleteUser),
  db("POST", "/features", addFeature),
  db("DELETE", "/features", removeFeature),
  db("POST", "/action", () => ok({ ok: 1, result: [] })),
];
