/**
 * `paasenv recover <stack>`, the steps: read the state, decide what to do with each pending operation
 * (looking objects up on Scalingo), then write the repaired state with `pulumi stack import`, which takes
 * the stack's lock. If a dead run still holds it, Pulumi refuses and names the holders: each is proven dead
 * (its process gone from this machine, or its lock older than `--assume-dead-after` from another one) before
 * `pulumi cancel` removes the locks and the import runs again. A live or unprovable holder stops everything,
 * with nothing written.
 */
import type { Stack } from "@pulumi/pulumi/automation";
import { cliError } from "../lib/errors";
import { type Io, type PulumiSession, progress } from "../lib/pulumi";
import { cancelRun, exportState, importState, stderrOf } from "../lib/stack-state";
import {
  describeHolder,
  type HostFacts,
  judgeHolder,
  type LockHolder,
  type LockVerdict,
  parseLockHolders,
} from "./lock";
import { findObject, sessionFromConfig } from "./lookup";
import {
  type Decision,
  decideAll,
  type ExportedStack,
  type FoundObject,
  firstDecision,
  liveUrns,
  pendingOperations,
  repairedStack,
} from "./pending";

/** Slack between the clocks of the machine that took the lock and Scalingo's. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** What `recover` needs besides the session. */
export interface RecoverInput {
  stack: string;
  cwd: string;
  io: Io;
  now: Date;
  host: HostFacts;
  assumeDeadAfterMs: number;
  dryRun: boolean;
}

/** What `recover` did. */
export interface RecoverResult {
  locks: LockVerdict[];
  decisions: Decision[];
  /** Whether the state was written (`pulumi stack import`). */
  written: boolean;
}

/** The objects of the pending creates that need a lookup, by URN (looked up once). */
async function lookUpObjects(stack: Stack, exported: ExportedStack, io: Io) {
  const found = new Map<string, FoundObject | undefined>();
  const facts = { startedAfter: undefined, clockSkewMs: 0, liveUrns: liveUrns(exported) };
  const keyed = pendingOperations(exported).flatMap((op) => {
    const first = firstDecision(op, facts);
    return "lookup" in first ? [{ urn: op.resource.urn, key: first.lookup }] : [];
  });
  if (keyed.length === 0) return found;
  const config = Object.fromEntries(
    Object.entries(await stack.getAllConfig()).map(([key, entry]) => [key, entry.value]),
  );
  const holder = sessionFromConfig(config, process.env);
  for (const { urn, key } of keyed) {
    progress(io, `looking up the object of the pending create ${urn}`);
    found.set(urn, await findObject(holder, key));
  }
  return found;
}

/** The end of the stack's last completed update: a run interrupted later started after it. */
async function lastUpdateEnd(stack: Stack): Promise<Date | undefined> {
  const [last] = await stack.history(1).catch(() => []);
  return last?.endTime;
}

/** The earliest start among lock holders. */
function earliest(holders: readonly LockHolder[]): Date | undefined {
  const times = holders.map((h) => h.takenAt.getTime());
  return times.length === 0 ? undefined : new Date(Math.min(...times));
}

/** Whether the state changed between two exports (a run started and wrote meanwhile). */
function sameState(a: ExportedStack, b: ExportedStack): boolean {
  const parts = (s: ExportedStack) =>
    JSON.stringify([s.deployment.resources ?? [], s.deployment.pending_operations ?? []]);
  return parts(a) === parts(b);
}

/** The refusal when a holder may be alive: nothing was written. */
function liveLockError(stack: string, verdicts: readonly LockVerdict[], now: Date) {
  const alive = verdicts.filter((v) => !v.dead);
  const list = alive.map((v) => `${describeHolder(v.holder, now)}: ${v.why}`).join("; ");
  return cliError(
    `recover ${stack}: the stack is locked by a run that may still be alive (${list}). Nothing was changed. ` +
      "Wait for that run to end and run `paasenv recover` again; if you know it is gone (its CI job was " +
      "cancelled or its machine stopped), pass `--assume-dead-after` with a shorter duration.",
  );
}

/** Writes the repaired state; on a lock, proves its holders dead, clears it and writes again. */
async function write(
  session: PulumiSession,
  input: RecoverInput,
  exported: ExportedStack,
  decide: (startedAfter: Date | undefined) => Decision[],
  startedAfter: Date | undefined,
): Promise<RecoverResult> {
  const first = decide(startedAfter);
  try {
    await importState(session, input.cwd, input.stack, repairedStack(exported, first));
    return { locks: [], decisions: first, written: true };
  } catch (error) {
    const holders = parseLockHolders(stderrOf(error));
    if (holders === undefined) throw cliError(`recover ${input.stack}: ${stderrOf(error).trim()}`);
    const locks = holders.map((h) => judgeHolder(h, input.host, input.now, input.assumeDeadAfterMs));
    if (locks.some((v) => !v.dead)) throw liveLockError(input.stack, locks, input.now);
    const decisions = decide(earliest(holders) ?? startedAfter);
    if (!sameState(exported, await exportState(session, input.cwd, input.stack))) {
      throw cliError(
        `recover ${input.stack}: the state changed while recovering; nothing was written, run it again`,
      );
    }
    progress(input.io, `${input.stack}: every lock holder is gone; removing the locks (pulumi cancel)`);
    await cancelRun(session, input.cwd, input.stack);
    await importState(session, input.cwd, input.stack, repairedStack(exported, decisions));
    return { locks, decisions, written: true };
  }
}

/** Runs the recovery of one stack. */
export async function recoverStack(session: PulumiSession, input: RecoverInput): Promise<RecoverResult> {
  const stack = await session.selectStack(input.stack);
  if (stack === undefined)
    throw cliError(`recover: the stack "${input.stack}" does not exist in this backend`);
  const exported = await exportState(session, input.cwd, input.stack);
  progress(
    input.io,
    `${input.stack}: ${pendingOperations(exported).length} pending operation(s) in the state`,
  );
  const found = await lookUpObjects(stack, exported, input.io);
  const decide = (startedAfter: Date | undefined) =>
    decideAll(exported, found, { startedAfter, clockSkewMs: CLOCK_SKEW_MS });
  const startedAfter = await lastUpdateEnd(stack);
  if (input.dryRun) return { locks: [], decisions: decide(startedAfter), written: false };
  return write(session, input, exported, decide, startedAfter);
}
