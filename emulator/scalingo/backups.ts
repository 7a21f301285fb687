/**
 * Database backups: the list (newest first, periodic ones taken lazily), a manual backup that goes
 * `scheduled` → `running` → `done` over `--operation-ms`, one backup by ID in both forms the official clients
 * use, and the archive URL.
 * @see https://developers.scalingo.com/databases/backups
 */
import { requireDatabase } from "./database-store";
import type { Ctx, Reply } from "./http";
import { created, notFound, ok } from "./http";
import { iso } from "./ids";
import { dbRoute, type Route } from "./router";
import type { DatabaseState, JsonObject } from "./types";

function createBackup(ctx: Ctx): Reply {
  const { appState, db } = requireDatabase(ctx);
  const id = ctx.store.nextId();
  const backup: JsonObject = {
    id,
    created_at: iso(ctx.now),
    started_at: iso(ctx.now),
    name: `${String(db.database.resource_id)}-${iso(ctx.now)}`,
    size: 0,
    status: "scheduled",
    database_id: String(db.database.id),
    method: "manual",
  };
  db.backups.unshift(backup);
  const task = { region: ctx.region, appId: appState.app.id, kind: "backup-done" as const, targetId: id };
  ctx.store.schedule({ ...task, at: ctx.now + ctx.options.operationMs / 2, status: "running" });
  ctx.store.schedule({ ...task, at: ctx.now + ctx.options.operationMs, status: "done" });
  return created({ database_backup: backup });
}

const findBackup = (db: DatabaseState, id: string): JsonObject =>
  db.backups.find((b) => b.id === id) ?? notFound("backup");

/**
 * `GET /api/backups/:backup`, what go-scalingo's `BackupShow` polls: the database is the one the add-on token
 * opens (a user bearer may read any backup of the region).
 */
function showBackup(ctx: Ctx): Reply {
  const id = ctx.params.backup ?? "";
  const ids =
    ctx.caller?.kind === "addon" && ctx.caller.addonId !== undefined
      ? [ctx.caller.addonId]
      : ctx.store.apps(ctx.region).flatMap((a) => Object.keys(a.databases));
  for (const dbId of ids) {
    const { db } = requireDatabase(ctx, dbId);
    const backup = db.backups.find((b) => b.id === id);
    if (backup !== undefined) return ok({ database_backup: backup });
  }
  return notFound("backup");
}

function backupArchive(ctx: Ctx): Reply {
  const backup = findBackup(requireDatabase(ctx).db, ctx.params.backup ?? "");
  return ok({ download_url: `${ctx.rootUrl}/backups/${String(backup.id)}.tar.gz` });
}

/** Backup routes of the Database API. */
export const backupRoutes: Route[] = [
  dbRoute("GET", "/backups", (ctx) => ok({ database_backups: requireDatabase(ctx).db.backups })),
  dbRoute("POST", "/backups", createBackup),
  // scalingo.js reads one backup under its database; go-scalingo under /api/backups/:id.
  dbRoute("GET", "/backups/:backup", (ctx) =>
    ok({ database_backup: findBackup(requireDatabase(ctx).db, ctx.params.backup ?? "") }),
  ),
  dbRoute("GET", "/backups/:backup/archive", backupArchive),
  { method: "GET", pattern: "/api/backups/:backup", auth: "db", handler: showBackup },
];
