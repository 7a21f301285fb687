/**
 * What `paasenv db restore` decides before any write: the restore time it sends (RFC 3339, UTC), whether it
 * lies in the PITR window, and whether the stack lets it run — a production stack only with `--confirm <stack>`.
 * Pure functions: the statement of what will happen is the same text whatever the decision.
 */
import { usageError } from "../lib/errors";

/** `--to`: an RFC 3339 time with its offset (`2026-07-18T23:00:00Z`, `…+02:00`), sent in UTC. */
export function parseRestoreTime(text: string): string {
  const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;
  const at = Date.parse(text);
  if (!rfc3339.test(text.trim()) || Number.isNaN(at)) {
    throw usageError(
      `--to must be a date and time with its offset, such as 2026-07-18T23:00:00Z or 2026-07-19T01:00:00+02:00, got "${text}"`,
    );
  }
  return new Date(at).toISOString().replace(/\.000Z$/, "Z");
}

/** What a restore is about. */
export interface RestorePlan {
  stack: string;
  environment: string;
  app: string;
  addonId: string;
  /** The restore time, UTC. */
  to: string;
  /** The recovery window, when the API gives one. */
  window: { earliest: string; latest: string } | null;
  /** The operation already running on the database, if any. */
  running: string | null;
  /** `--confirm`'s value. */
  confirm: string | undefined;
}

/** The statement printed before anything is sent. */
export const restoreStatement = (plan: RestorePlan): string =>
  `${plan.stack}: restore the PostgreSQL database ${plan.addonId} of app ${plan.app} to its state at ${plan.to}; ` +
  "everything written after that time is lost, and this cannot be undone";

/** Why the restore must not run, or `undefined` when it may. */
export function restoreRefusal(plan: RestorePlan): string | undefined {
  if (plan.window === null) {
    return "this database has no point-in-time recovery window (a sandbox plan, or no PITR on this database)";
  }
  const at = Date.parse(plan.to);
  if (at < Date.parse(plan.window.earliest) || at > Date.parse(plan.window.latest)) {
    return `${plan.to} is outside the recovery window, ${plan.window.earliest} → ${plan.window.latest}`;
  }
  if (plan.running !== null)
    return `operation ${plan.running} is still running on the database; wait for it to end`;
  if (plan.environment === "production" && plan.confirm !== plan.stack) {
    return (
      `${plan.stack} is a production stack: take a manual backup first (docs/runbooks/restore.md), then run again ` +
      `with \`--confirm ${plan.stack}\``
    );
  }
  return undefined;
}

/** Database operation statuses that end it (scalingo.js `DB_OPERATION_FINISHED_STATUSES`), and the one that succeeds. */
export const FINISHED = ["finished", "error", "user-error", "cancelled"] as const;
export const SUCCEEDED = "finished";
