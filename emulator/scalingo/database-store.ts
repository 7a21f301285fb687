/**
 * The Database API's view of the store: a database is found by its ID (the add-on ID), an add-on token opens
 * only its own database, and periodic backups are taken lazily, when the database is next looked at.
 */
import type { Ctx } from "./http";
import { fail, notFound } from "./http";
import { iso } from "./ids";
import type { Store } from "./store";
import type { AppState, DatabaseState, JsonObject } from "./types";

const HOUR_MS = 3_600_000;
/** How many periodic backups a database keeps (the oldest are dropped). */
export const PERIODIC_BACKUPS_KEPT = 31;

/** The UTC hour boundaries in `(from, to]` whose hour is one of `hours`. */
export function scheduledHours(from: number, to: number, hours: readonly number[]): number[] {
  const out: number[] = [];
  // At most the last PERIODIC_BACKUPS_KEPT days matter: older backups would be dropped anyway.
  const start = Math.max(from, to - PERIODIC_BACKUPS_KEPT * 24 * HOUR_MS);
  for (let t = Math.floor(start / HOUR_MS) * HOUR_MS + HOUR_MS; t <= to; t += HOUR_MS) {
    if (hours.includes(new Date(t).getUTCHours())) out.push(t);
  }
  return out;
}

/** Adds the periodic backups due since the last look (done at once), when periodic backups are on. */
export function takePeriodicBackups(store: Store, db: DatabaseState, now: number): void {
  const from = db.periodic_until ?? now;
  db.periodic_until = now;
  if (db.database.periodic_backups_enabled !== true) return;
  const hours = (db.database.periodic_backups_scheduled_at ?? []) as number[];
  for (const at of scheduledHours(from, now, hours)) {
    const backup: JsonObject = {
      id: store.nextId(),
      created_at: iso(at),
      started_at: iso(at),
      name: `${String(db.database.resource_id)}-${iso(at)}`,
      size: 1_048_576,
      status: "done",
      database_id: String(db.database.id),
      method: "periodic",
    };
    db.backups.unshift(backup);
  }
  const periodic = db.backups.filter((b) => b.method === "periodic");
  const dropped = new Set(periodic.slice(PERIODIC_BACKUPS_KEPT));
  db.backups = db.backups.filter((b) => !dropped.has(b));
}

/** The database named by `:db`, checking that an add-on token opens this one; periodic backups brought up to date. */
export function requireDatabase(
  ctx: Ctx,
  id = ctx.params.db ?? "",
): { appState: AppState; db: DatabaseState } {
  if (ctx.caller?.kind === "addon" && ctx.caller.addonId !== id) {
    fail(403, { error: "this add-on token does not give access to this database" });
  }
  for (const appState of ctx.store.apps(ctx.region)) {
    const db = appState.databases[id];
    if (db === undefined) continue;
    takePeriodicBackups(ctx.store, db, ctx.now);
    return { appState, db };
  }
  return notFound("database");
}
