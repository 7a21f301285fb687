/**
 * Is the run that holds a stack's lock dead? A DIY backend (file://, s3://, …) writes one lock object per
 * run, `.pulumi/locks/organization/<project>/<stack>/<id>.json`, holding `{pid, username, hostname,
 * timestamp}`, and refuses another update while it exists, naming it: `<url>: created by user@host (pid N)
 * at <time>`. A killed run leaves it behind. These pure functions read those lines and decide, from facts
 * about this machine, whether each holder is provably gone.
 */
import { formatDuration } from "../review/gc-plan";

/** One lock as Pulumi names it in its "currently locked" error. */
export interface LockHolder {
  /** Where the lock object is (`file:///…/.pulumi/locks/…/<id>.json`, `s3://…`). */
  url: string;
  username: string;
  hostname: string;
  pid: number;
  /** When the run took the lock (its start). */
  takenAt: Date;
}

/** What can be checked about processes on this machine. */
export interface HostFacts {
  hostname: string;
  /** Whether a process `pid` exists here (even one of another user). */
  pidExists(pid: number): boolean;
  /** When process `pid` started, if the system says. */
  pidStartedAt(pid: number): Date | undefined;
  /**
   * Pulumi plugin processes (language and provider hosts) working in this project that started at or after
   * `since`. A killed `pulumi` leaves its plugins running in their own process groups, and a provider host
   * goes on with the create it was sending.
   */
  pluginPidsSince(since: Date): number[];
}

/** Whether one holder is proven dead, and why (for the report). */
export interface LockVerdict {
  holder: LockHolder;
  dead: boolean;
  why: string;
}

const HOLDER_LINE = /^\s*(\S+): created by (.+)@([^@\s]+) \(pid (\d+)\) at (\S+)\s*$/;

/**
 * The holders listed in Pulumi's "the stack is currently locked by N lock(s)" error; `undefined` when the
 * text is not that error, or when a listed lock cannot be read (then nothing can be proven about it).
 */
export function parseLockHolders(text: string): LockHolder[] | undefined {
  const count = /currently locked by (\d+) lock\(s\)/.exec(text)?.[1];
  if (count === undefined) return undefined;
  const holders: LockHolder[] = [];
  for (const line of text.split("\n")) {
    const match = HOLDER_LINE.exec(line);
    if (match === null) continue;
    const [, url = "", username = "", hostname = "", pid = "", at = ""] = match;
    const takenAt = new Date(at);
    if (Number.isNaN(takenAt.getTime())) return undefined;
    holders.push({ url, username, hostname, pid: Number(pid), takenAt });
  }
  return holders.length === Number(count) ? holders : undefined;
}

/** `root@ci-runner-7 (pid 4242), taken 12m ago`. */
export function describeHolder(holder: LockHolder, now: Date): string {
  const age = formatDuration(now.getTime() - holder.takenAt.getTime());
  return `${holder.username}@${holder.hostname} (pid ${holder.pid}), taken ${age} ago`;
}

/**
 * Decides whether `holder` is dead. On this machine (same host name) the process is checked: still there
 * means alive, whatever its age; gone (or replaced by a newer process with the same pid) means dead once no
 * Pulumi plugin process of the project started since the lock is left either. From
 * another machine nothing can be checked, so only age proves it: a lock older than `assumeDeadAfterMs` (set
 * longer than any run can last, e.g. the CI job timeout) is taken as a dead run's.
 */
export function judgeHolder(
  holder: LockHolder,
  facts: HostFacts,
  now: Date,
  assumeDeadAfterMs: number,
): LockVerdict {
  if (holder.hostname === facts.hostname) return judgeHere(holder, facts);
  const ageMs = now.getTime() - holder.takenAt.getTime();
  const limit = formatDuration(assumeDeadAfterMs);
  if (ageMs >= assumeDeadAfterMs) {
    const why = `taken on another machine longer ago than --assume-dead-after ${limit}`;
    return { holder, dead: true, why };
  }
  return {
    holder,
    dead: false,
    why:
      `taken on another machine (${holder.hostname}) less than ${limit} ago, and paasenv cannot check a process ` +
      "there: it may still be running",
  };
}

/** A lock taken on this machine: its process, or one of its plugins, still running means alive. */
function judgeHere(holder: LockHolder, facts: HostFacts): LockVerdict {
  const { pid } = holder;
  const started = facts.pidExists(pid) ? facts.pidStartedAt(pid) : undefined;
  // Start times are rounded to the second; a process started a second after the lock cannot have taken it.
  const sameProcess =
    facts.pidExists(pid) && !(started !== undefined && started > secondAfter(holder.takenAt));
  if (sameProcess) return { holder, dead: false, why: `pid ${pid} is still running on this machine` };
  const plugins = facts.pluginPidsSince(new Date(holder.takenAt.getTime() - 1_000));
  if (plugins.length > 0) {
    const why =
      `pid ${pid} is gone, but Pulumi plugin processes of this project started since the lock still run ` +
      `(pid ${plugins.join(", ")}) and may still be changing things: stop them (\`kill ${plugins.join(" ")}\`)`;
    return { holder, dead: false, why };
  }
  return {
    holder,
    dead: true,
    why: `pid ${pid} and its plugins are no longer running on ${holder.hostname}`,
  };
}

function secondAfter(date: Date): Date {
  return new Date(date.getTime() + 1_000);
}
