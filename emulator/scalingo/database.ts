import { APP_NAME_MIN } from "../../providers/scalingo/limits";
import { requireAddon } from "./addons";
import { appNameProblem, requireApp } from "./apps";
import { issueJwt } from "./auth";
import { requireDatabase } from "./database-store";
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
import { secretFor } from "./ids";
import { dbRoute, type Route } from "./router";
import type { AppState, DatabaseState, JsonObject } from "./types";

/** `POST /v1/apps/:app/addons/:id/token`: a database API bearer for this add-on (what go-scalingo sends). */
function addonToken(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  const addon = requireAddon(appState, ctx.params.id ?? "");
  const tokenKey = ctx.caller?.tokenKey ?? "anonymous";
  const token = issueJwt({ kind: "addon", tokenKey, addonId: addon.id }, ctx.now, ctx.options.tokenTtlS);
  return ok({ addon: { ...addon, token } });
}

const isIntIn = (value: unknown, min: number, max: number): value is number =>
  typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;

/** Sets the maintenance window's weekday (0 = Sunday) and starting hour, UTC; its duration cannot be changed. */
function updateMaintenanceWindow(db: DatabaseState, window: Record<string, unknown>): void {
  const current = asRecord(db.database.maintenance_window) ?? {};
  const { weekday_utc: weekday, starting_hour_utc: hour } = window;
  if (weekday !== undefined && !isIntIn(weekday, 0, 6))
    invalid("weekday_utc", "must be a weekday between 0 (Sunday) and 6");
  if (hour !== undefined && !isIntIn(hour, 0, 23))
    invalid("starting_hour_utc", "must be an hour between 0 and 23");
  db.database.maintenance_window = {
    ...current,
    ...(weekday === undefined ? {} : { weekday_utc: weekday as number }),
    ...(hour === undefined ? {} : { starting_hour_utc: hour as number }),
  } as JsonObject;
}

/** PATCH/PUT database: periodic backups (hour as a scalar in, an array out) and the maintenance window. */
function updateDatabase(ctx: Ctx): Reply {
  const { db } = requireDatabase(ctx);
  const fields = wrapped(ctx.body, "database");
  const enabled = optionalBoolean(fields, "periodic_backups_enabled");
  if (enabled === true && String(db.database.plan).endsWith("-sandbox")) {
    invalid("periodic_backups_enabled", "sandbox plans have no backups");
  }
  if (enabled !== undefined) db.database.periodic_backups_enabled = enabled;
  const hour = fields.periodic_backups_scheduled_at;
  if (hour !== undefined) {
    const hours = Array.isArray(hour) ? hour : [hour];
    if (!hours.every((h) => isIntIn(h, 0, 23))) {
      invalid("periodic_backups_scheduled_at", "must be an hour between 0 and 23");
    }
    db.database.periodic_backups_scheduled_at = hours as number[];
  }
  const window = asRecord(fields.maintenance_window);
  if (window !== undefined) updateMaintenanceWindow(db, window);
  return ok({ database: db.database });
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

/** Database types with users (CLI `db/users/utils.go`: PostgreSQL, InfluxDB, MongoDB, MySQL). */
const WITH_USERS = ["postgresql", "influxdb", "mongodb", "mysql"];

/** The database, refused with 400 when its type has no user management (Redis). */
function requireUserDatabase(ctx: Ctx): DatabaseState {
  const { db } = requireDatabase(ctx);
  if (!WITH_USERS.includes(String(db.database.type_name))) {
    fail(400, { error: `${String(db.database.type_name)} databases do not support user management` });
  }
  return db;
}

function createUser(ctx: Ctx): Reply {
  const db = requireUserDatabase(ctx);
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
  const db = requireUserDatabase(ctx);
  const user = requireUser(db, ctx.params.name ?? "");
  const password = checkPassword(wrapped(ctx.body, "database_user")) ?? invalid("password", "can't be blank");
  user.password = password;
  return ok({ database_user: user });
}

function resetPassword(ctx: Ctx): Reply {
  const db = requireUserDatabase(ctx);
  const user = requireUser(db, ctx.params.name ?? "");
  user.password = secretFor(`${String(db.database.id)}:${String(user.name)}:${ctx.now}`, 32);
  return ok({ database_user: user });
}

function deleteUser(ctx: Ctx): Reply {
  const db = requireUserDatabase(ctx);
  const user = requireUser(db, ctx.params.name ?? "");
  if (user.protected === true)
    fail(403, { error: `user ${String(user.name)} is protected and cannot be deleted` });
  db.users = db.users.filter((u) => u !== user);
  return noContent();
}

/** Features of every database type, and of Redis only (DEVDOCS `databases.md`, scalingo.js `DbFeatureName`). */
const FEATURES = ["force-ssl", "publicly-available"];
const REDIS_FEATURES = ["redis-rdb", "redis-aof", "redis-cache"];

const featuresOf = (db: DatabaseState): JsonObject[] => (db.database.features ?? []) as JsonObject[];

/** Schedules a feature's status change after `--operation-ms` (`ACTIVATED`, or `REMOVED` to drop it). */
function scheduleFeature(ctx: Ctx, appState: AppState, db: DatabaseState, name: string, status: string) {
  const targetId = `${String(db.database.id)}:${name}`;
  ctx.store.unschedule((t) => t.kind === "feature-status" && t.targetId === targetId);
  const at = ctx.now + ctx.options.operationMs;
  ctx.store.schedule({
    at,
    region: ctx.region,
    appId: appState.app.id,
    kind: "feature-status",
    targetId,
    status,
  });
}

/** `POST …/features`: the feature is `PENDING_TO_ACTIVATE`, then `ACTIVATED` (clients poll the database). */
function addFeature(ctx: Ctx): Reply {
  const { appState, db } = requireDatabase(ctx);
  const name = requiredString(wrapped(ctx.body, "feature"), "name");
  const allowed = db.database.type_name === "redis" ? [...FEATURES, ...REDIS_FEATURES] : FEATURES;
  if (!allowed.includes(name)) invalid("name", `must be one of ${allowed.join(", ")}`);
  const active = (feature: string) =>
    featuresOf(db).some((f) => f.name === feature && f.status === "ACTIVATED");
  if (name === "publicly-available" && !active("force-ssl"))
    invalid("name", "publicly-available requires force-ssl");
  const current = featuresOf(db).find((f) => f.name === name);
  if (current?.status === "ACTIVATED")
    return ok({ name, status: "ACTIVATED", message: `${name} is already enabled` });
  db.database.features = [
    ...featuresOf(db).filter((f) => f.name !== name),
    { name, status: "PENDING_TO_ACTIVATE" },
  ];
  scheduleFeature(ctx, appState, db, name, "ACTIVATED");
  return ok({ name, status: "PENDING_TO_ACTIVATE", message: `${name} feature is being enabled` });
}

/** `DELETE …/features?feature=`: `PENDING_TO_REMOVE`, then gone; 404 for a feature that is not on. */
function removeFeature(ctx: Ctx): Reply {
  const { appState, db } = requireDatabase(ctx);
  const name = ctx.query.get("feature") ?? invalid("feature", "can't be blank");
  const current = featuresOf(db).find((f) => f.name === name) ?? notFound("feature");
  current.status = "PENDING_TO_REMOVE";
  scheduleFeature(ctx, appState, db, name, "REMOVED");
  return ok({ message: `${name} feature is being disabled` });
}

/** Database API routes (`/api/...`; backups and PITR have their own files) and the add-on token endpoint. */
export const databaseRoutes: Route[] = [
  { method: "POST", pattern: "/v1/apps/:app/addons/:id/token", auth: "user", handler: addonToken },
  dbRoute("GET", "", (ctx) => ok({ database: requireDatabase(ctx).db.database })),
  dbRoute("PATCH", "", updateDatabase),
  dbRoute("PUT", "", updateDatabase),
  dbRoute("GET", "/users", (ctx) => ok({ "database-users": requireUserDatabase(ctx).users.map(publicUser) })),
  dbRoute("POST", "/users", createUser),
  dbRoute("PATCH", "/users/:name", updateUser),
  dbRoute("POST", "/users/:name/reset_password", resetPassword),
  dbRoute("DELETE", "/users/:name", deleteUser),
  dbRoute("POST", "/features", addFeature),
  dbRoute("DELETE", "/features", removeFeature),
  dbRoute("POST", "/action", () => ok({ ok: 1, result: [] })),
];
