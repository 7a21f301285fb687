/**
 * The Scalingo calls of `paasenv status` and `paasenv db restore`, through the provider's own client (token
 * exchange, region discovery, retries, error messages) and its Database API access (one add-on token per
 * database): the app's add-ons and autoscalers, a database with its backups and PITR window, a point-in-time
 * restore and the database operation it starts.
 * @see https://developers.scalingo.com/databases
 */
import { z } from "zod";
import { undefinedIf404 } from "../../providers/base/errors";
import { listAt, type ScalingoClient } from "../../providers/scalingo/client";
import { type DatabaseTarget, databaseRequest } from "../../providers/scalingo/database-api";
import {
  type ApiBackup,
  type ApiDatabase,
  type ApiDbOperation,
  type ApiRecoveryWindow,
  backupSchema,
  databaseSchema,
  dbOperationSchema,
  recoveryWindowSchema,
} from "../../providers/scalingo/database-schemas";
import { type ApiAutoscaler, autoscalerSchema } from "../../providers/scalingo/monitoring-schemas";
import { createOnceWith } from "../../providers/scalingo/operations";
import { addonSchema, appSchema } from "../../providers/scalingo/schemas";

/** An add-on as `status` shows it. */
export type AddonFacts = z.infer<ReturnType<typeof addonSchema>>;

/** What the Database API says of one database: itself, its backups (newest first) and its PITR window. */
export interface DatabaseFacts {
  database: ApiDatabase;
  backups: ApiBackup[];
  recoveryWindow: ApiRecoveryWindow | undefined;
}

/** The app (`GET /v1/apps/:app`). */
export async function getApp(client: ScalingoClient, app: string) {
  const path = `/v1/apps/${encodeURIComponent(app)}`;
  return (
    await client.request({ op: `read app "${app}"`, method: "GET", path, root: "app", schema: appSchema(z) })
  ).data;
}

/** The app's add-ons. @see https://developers.scalingo.com/addons#list-application-addons */
export function listAddons(client: ScalingoClient, app: string): Promise<AddonFacts[]> {
  return listAt(
    client,
    `list the add-ons of "${app}"`,
    `/v1/apps/${encodeURIComponent(app)}/addons`,
    "addons",
    addonSchema,
  );
}

/** The app's autoscalers. @see https://developers.scalingo.com/autoscalers */
export function listAutoscalers(client: ScalingoClient, app: string): Promise<ApiAutoscaler[]> {
  const path = `/v1/apps/${encodeURIComponent(app)}/autoscalers`;
  return listAt(client, `list the autoscalers of "${app}"`, path, "autoscalers", autoscalerSchema);
}

/** A database, its backups and its recovery window (none where the API has none). */
export async function databaseFacts(client: ScalingoClient, target: DatabaseTarget): Promise<DatabaseFacts> {
  const op = `read database ${target.addonId}`;
  const base = `/api/databases/${target.addonId}`;
  const database = (
    await databaseRequest(client, target, {
      op,
      method: "GET",
      path: base,
      root: "database",
      schema: databaseSchema(z),
    })
  ).data;
  const backups = (
    await databaseRequest(client, target, {
      op,
      method: "GET",
      path: `${base}/backups`,
      root: "database_backups",
      schema: z.array(backupSchema(z)),
    })
  ).data;
  const window = await undefinedIf404(
    databaseRequest(client, target, {
      op,
      method: "GET",
      path: `${base}/pitr/recovery_window`,
      root: "recovery_window",
      schema: recoveryWindowSchema(z),
    }),
  );
  const newest = [...backups].sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at));
  return { database, backups: newest, recoveryWindow: window?.data };
}

/**
 * Starts a point-in-time restore (`POST …/pitr/restore`) and returns the operation's ID: go-scalingo and
 * scalingo.js read `{"operation":{"id"}}`, DEVDOCS shows `{"operation_id"}`. Sent once: after a lost answer the
 * database's `current_operation_id` tells whether it started, and only when none did is it sent again.
 * @see https://developers.scalingo.com/databases/databases#point-in-time-restoration
 */
export async function startRestore(
  client: ScalingoClient,
  target: DatabaseTarget,
  restoreTime: string,
): Promise<string> {
  const op = `restore database ${target.addonId} to ${restoreTime}`;
  const schema = z.object({
    operation: z.object({ id: z.string() }).optional(),
    operation_id: z.string().optional(),
  });
  const path = `/api/databases/${target.addonId}/pitr/restore`;
  return createOnceWith(
    client,
    async () => {
      const reply = await databaseRequest(client, target, {
        op,
        method: "POST",
        path,
        body: { restore_time: restoreTime },
        schema,
      });
      const id = reply.data.operation?.id ?? reply.data.operation_id;
      if (id === undefined) throw new Error(`${op}: the Database API answered without an operation`);
      return id;
    },
    async () => (await databaseFacts(client, target)).database.current_operation_id ?? undefined,
  );
}

/** One database operation (`GET /api/databases/:id/operations/:op`, as scalingo.js reads it). */
export async function getDbOperation(
  client: ScalingoClient,
  target: DatabaseTarget,
  id: string,
): Promise<ApiDbOperation> {
  const op = `follow operation ${id} of database ${target.addonId}`;
  const path = `/api/databases/${target.addonId}/operations/${id}`;
  return (
    await databaseRequest(client, target, {
      op,
      method: "GET",
      path,
      root: "operation",
      schema: dbOperationSchema(z),
    })
  ).data;
}
