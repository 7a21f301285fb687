/**
 * `paasenv db restore <stack> --to <time>`: point-in-time recovery of the stack's PostgreSQL database through
 * the Database API. It states what it will do, refuses what it must (outside the recovery window, an operation
 * already running, a production stack without `--confirm <stack>`), starts the restore once and follows the
 * database operation to its end.
 * @see docs/runbooks/restore.md
 */
import { sleep } from "../../providers/base/polling";
import type { ScalingoClient } from "../../providers/scalingo/client";
import { scalingoClient } from "../../providers/scalingo/client";
import type { DatabaseTarget } from "../../providers/scalingo/database-api";
import type { ApiDbOperation } from "../../providers/scalingo/database-schemas";
import { deploySession } from "../deploy/api";
import { readStackApp, readStackSettings } from "../deploy/stack";
import { cliError } from "../lib/errors";
import { type Io, type PulumiSession, progress } from "../lib/pulumi";
import { databaseFacts, getApp, getDbOperation, listAddons, startRestore } from "./api";
import { FINISHED, type RestorePlan, restoreRefusal, restoreStatement, SUCCEEDED } from "./restore-plan";

/** Options of {@link restore}. */
export interface RestoreOptions {
  stack: string;
  /** The restore time, RFC 3339 UTC (`parseRestoreTime`). */
  to: string;
  /** Must equal the stack's name for a production stack. */
  confirm: string | undefined;
  /** Give up following after this long (the operation goes on). */
  timeoutMs: number;
}

/** What a restore did. */
export interface RestoreResult {
  stack: string;
  app: string;
  addonId: string;
  restoredTo: string;
  operationId: string;
  status: string;
}

/** The stack's app, its PostgreSQL add-on and what the Database API says of it. */
async function planFor(session: PulumiSession, options: RestoreOptions) {
  const settings = await readStackSettings(session, options.stack, "db restore");
  const { appName } = await readStackApp(settings.stack, "db restore");
  const client = await scalingoClient(deploySession(process.env, settings.scalingoConfig), settings.region);
  const app = await getApp(client, appName);
  const addon = (await listAddons(client, appName)).find((a) =>
    /^(scalingo-)?postgresql$/.test(a.addon_provider.id),
  );
  if (addon === undefined)
    throw cliError(`db restore ${options.stack}: the app ${appName} has no PostgreSQL add-on`);
  const target: DatabaseTarget = { appId: app.id, addonId: addon.id };
  const facts = await databaseFacts(client, target);
  const w = facts.recoveryWindow;
  const plan: RestorePlan = {
    stack: options.stack,
    environment: settings.environment,
    app: appName,
    addonId: addon.id,
    to: options.to,
    window:
      w?.earliest_recoverable_at && w.latest_recoverable_at
        ? { earliest: w.earliest_recoverable_at, latest: w.latest_recoverable_at }
        : null,
    running: facts.database.current_operation_id ?? null,
    confirm: options.confirm,
  };
  return { client, target, plan };
}

/** Polls the operation until it ends, reporting each status; throws after `timeoutMs`. */
async function follow(
  client: ScalingoClient,
  target: DatabaseTarget,
  id: string,
  timeoutMs: number,
  onStatus: (status: string) => void,
): Promise<ApiDbOperation> {
  const deadline = Date.now() + timeoutMs;
  let reported: string | undefined;
  for (;;) {
    const operation = await getDbOperation(client, target, id);
    if (operation.status !== reported) onStatus(operation.status);
    reported = operation.status;
    if ((FINISHED as readonly string[]).includes(operation.status)) return operation;
    if (Date.now() >= deadline) {
      throw cliError(
        `operation ${id} is still ${operation.status} after ${Math.round(timeoutMs / 1000)} s; it goes on on Scalingo`,
      );
    }
    await sleep(client.settings.pollIntervalMs);
  }
}

/** Restores the stack's PostgreSQL database to `options.to` and follows the operation to its end. */
export async function restore(
  session: PulumiSession,
  io: Io,
  options: RestoreOptions,
): Promise<RestoreResult> {
  const { client, target, plan } = await planFor(session, options);
  progress(io, restoreStatement(plan));
  const refusal = restoreRefusal(plan);
  if (refusal !== undefined) throw cliError(`db restore ${options.stack} refused: ${refusal}`);
  const id = await startRestore(client, target, plan.to);
  progress(io, `${options.stack}: restore operation ${id} started`);
  const operation = await follow(client, target, id, options.timeoutMs, (status) =>
    progress(io, `${options.stack}: ${status}`),
  );
  if (operation.status !== SUCCEEDED) {
    throw cliError(
      `db restore ${options.stack}: operation ${id} ended ${operation.status}${operation.error ? `: ${operation.error}` : ""}`,
    );
  }
  return {
    stack: options.stack,
    app: plan.app,
    addonId: plan.addonId,
    restoredTo: plan.to,
    operationId: id,
    status: operation.status,
  };
}
