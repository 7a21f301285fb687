/**
 * Point-in-time recovery of PostgreSQL databases: the recovery window, a restore that starts a database
 * operation, and the operation itself (`pending` → `running` → `finished` over `--operation-ms`).
 *
 * Shapes: the recovery window as go-scalingo reads it; the restore answers 201 with `{"operation":{…}}` (what
 * go-scalingo and scalingo.js parse) plus the `operation_id` DEVDOCS shows; operations as scalingo.js reads
 * them under `/api/databases/:db/operations/:id`, and under `/api/operations/:id` (the `Location` DEVDOCS gives
 * for database upgrades).
 * @see https://developers.scalingo.com/databases/databases#point-in-time-restoration
 */
import { requireDatabase } from "./database-store";
import type { Ctx, Reply } from "./http";
import { asRecord, fail, invalid, notFound, ok } from "./http";
import { iso } from "./ids";
import { dbRoute, type Route } from "./router";
import type { DatabaseState, JsonObject } from "./types";

/** How far back a restore can go (the emulator's choice: the real depth depends on the plan). */
export const PITR_DAYS = 7;

/** Whether the database offers point-in-time recovery: PostgreSQL outside the sandbox plan. */
export const hasPitr = (db: DatabaseState): boolean =>
  db.database.type_name === "postgresql" && !String(db.database.plan).endsWith("-sandbox");

/** The recovery window at `now`: from the database's creation (at most {@link PITR_DAYS} back) to now. */
export function recoveryWindow(db: DatabaseState, now: number): { earliest: number; latest: number } {
  const createdAt = Date.parse(String(db.database.created_at));
  const earliest = Math.max(Number.isNaN(createdAt) ? now : createdAt, now - PITR_DAYS * 86_400_000);
  return { earliest, latest: now };
}

function window(ctx: Ctx): Reply {
  const { db } = requireDatabase(ctx);
  if (!hasPitr(db)) return ok({ recovery_window: {} });
  const { earliest, latest } = recoveryWindow(db, ctx.now);
  return ok({
    recovery_window: { earliest_recoverable_at: iso(earliest), latest_recoverable_at: iso(latest) },
  });
}

function restore(ctx: Ctx): Reply {
  const { appState, db } = requireDatabase(ctx);
  if (!hasPitr(db)) invalid("restore_time", "point-in-time recovery is not available for this database");
  if (typeof db.database.current_operation_id === "string") {
    fail(409, { error: "an operation is already running on this database" });
  }
  const raw = asRecord(ctx.body)?.restore_time;
  const at = typeof raw === "string" ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(at)) invalid("restore_time", "must be a date and time (RFC 3339)");
  const { earliest, latest } = recoveryWindow(db, ctx.now);
  if (at < earliest || at > latest) {
    invalid("restore_time", `must be between ${iso(earliest)} and ${iso(latest)}`);
  }
  const id = ctx.store.nextId();
  const operation: JsonObject = {
    id,
    type: "pitr_restore",
    status: "pending",
    created_at: iso(ctx.now),
    finished_at: null,
    error: null,
  };
  db.operations = [...(db.operations ?? []), operation];
  db.database.current_operation_id = id;
  const task = { region: ctx.region, appId: appState.app.id, kind: "db-operation-status" as const };
  const targetId = `${String(db.database.id)}:${id}`;
  ctx.store.schedule({ ...task, targetId, at: ctx.now + ctx.options.operationMs / 2, status: "running" });
  ctx.store.schedule({ ...task, targetId, at: ctx.now + ctx.options.operationMs, status: "finished" });
  return { status: 201, json: { operation, operation_id: id } };
}

function findOperation(ctx: Ctx, dbId: string): Reply {
  const { db } = requireDatabase(ctx, dbId);
  const operation = (db.operations ?? []).find((o) => o.id === ctx.params.op) ?? notFound("operation");
  return ok({ operation });
}

/** `GET /api/operations/:op`: the database is the one the add-on token opens, else the one holding it. */
function operationById(ctx: Ctx): Reply {
  if (ctx.caller?.kind === "addon" && ctx.caller.addonId !== undefined) {
    return findOperation(ctx, ctx.caller.addonId);
  }
  for (const appState of ctx.store.apps(ctx.region)) {
    for (const [dbId, db] of Object.entries(appState.databases)) {
      if ((db.operations ?? []).some((o) => o.id === ctx.params.op)) return findOperation(ctx, dbId);
    }
  }
  return notFound("operation");
}

/** PITR and database operation routes of the Database API. */
export const pitrRoutes: Route[] = [
  dbRoute("GET", "/pitr/recovery_window", window),
  dbRoute("POST", "/pitr/restore", restore),
  dbRoute("GET", "/operations/:op", (ctx) => findOperation(ctx, ctx.params.db ?? "")),
  { method: "GET", pattern: "/api/operations/:op", auth: "db", handler: operationById },
];
