/**
 * Killing a real `pulumi up` at an exact point: the emulator holds a matching request (`/__emulator/holds`),
 * the test waits until the request is parked, kills the CLI and every process it started (its language and
 * provider hosts, which Pulumi starts in process groups of their own), then lets the request go on or drops it.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { z } from "zod";
import type { E2E } from "./harness";
import { loggedRequests } from "./harness";

/** A request to hold: method, path prefix or `/regex/`, before or after it is applied. */
export interface HoldSpec {
  method: string;
  path: string;
  when: "before" | "after";
}

async function control(e2e: E2E, method: string, name: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${e2e.emulator.url}/__emulator/${name}`, {
    method,
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json: unknown = await response.json();
  if (!response.ok)
    throw new Error(`${method} /__emulator/${name}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

const holdsSchema = z.object({
  holds: z.array(z.object({ id: z.number(), waiting: z.array(z.object({ path: z.string() })) })),
});

/** A started command: its process (in a process group of its own) and its output so far. */
export interface Run {
  child: ChildProcess;
  output: () => string;
}

/** Starts `command args` detached (its own process group), output kept for messages. */
export function startDetached(
  command: string,
  args: readonly string[],
  cwd: string,
  env: Record<string, string>,
): Run {
  const child = spawn(command, [...args], { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  return { child, output: () => output };
}

/** `pulumi up --yes --skip-preview` on `stack`. */
export function startUp(e2e: E2E, stack: string): Run {
  const args = ["up", "--yes", "--skip-preview", "--stack", stack];
  return startDetached(e2e.command.command, args, e2e.project.dir, e2e.env);
}

/** Waits until hold `id` parks a request; fails if the run ends first. Returns the parked path. */
async function parked(e2e: E2E, id: number, run: Run): Promise<string> {
  for (;;) {
    const { holds } = holdsSchema.parse(await control(e2e, "GET", "holds"));
    const path = holds.find((hold) => hold.id === id)?.waiting[0]?.path;
    if (path !== undefined) return path;
    if (run.child.exitCode !== null) {
      throw new Error(
        `pulumi up ended (${run.child.exitCode}) before the hold caught a request:\n${run.output()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The pids of `pid`'s descendants (Pulumi starts its plugins in process groups of their own). */
function descendants(pid: number): number[] {
  const table = execFileSync("ps", ["-eo", "pid=,ppid="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number));
  const found: number[] = [];
  for (let queue = [pid]; queue.length > 0; ) {
    const parent = queue.shift();
    const children = table.filter(([, ppid]) => ppid === parent).map(([child]) => child ?? 0);
    found.push(...children);
    queue = [...queue, ...children];
  }
  return found;
}

const killQuietly = (pid: number) => {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // already gone
  }
};

/** Waits until the emulator has logged `count` requests in all (the released one finished). */
async function loggedAtLeast(e2e: E2E, count: number): Promise<void> {
  while ((await loggedRequests(e2e)).length < count) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** What to do at the two moments of a kill. */
export interface KillHooks {
  /** While the request is parked and the run alive. */
  whileParked?: () => Promise<void>;
  /** After `kill -9` of the `pulumi` process alone, while its plugin processes still run. */
  afterCliKilled?: () => Promise<void>;
}

/**
 * Starts a run (`start`) until `hold` parks a request, kills it (`kill -9` of its process and of every process
 * it started, as a lost runner does; with `afterCliKilled`, the first process alone before the others), then
 * releases the request (`go`: it is applied now if it
 * was held before being applied; `drop`: it is lost). Returns the held path.
 */
export async function killAt(
  e2e: E2E,
  hold: HoldSpec,
  after: "go" | "drop",
  start: () => Run,
  hooks: KillHooks = {},
): Promise<string> {
  const armed = z
    .object({ hold: z.object({ id: z.number() }) })
    .parse(await control(e2e, "POST", "holds", hold));
  const run = start();
  const path = await parked(e2e, armed.hold.id, run);
  await hooks.whileParked?.();
  const pid = run.child.pid ?? 0;
  const tree = descendants(pid);
  const closed = new Promise((resolve) => run.child.once("close", resolve));
  // Every process at once unless the test looks in between: a parent that dies first gives its children
  // time to react (the Automation API sends SIGTERM to `pulumi`, which then cancels gracefully).
  const hook = hooks.afterCliKilled;
  for (const target of hook === undefined ? [pid, ...tree] : [pid]) killQuietly(target);
  await closed;
  if (hook !== undefined) {
    await hook();
    for (const child of tree) killQuietly(child);
  }
  const before = (await loggedRequests(e2e)).length;
  await control(e2e, "POST", `holds/${armed.hold.id}/release`, { drop: after === "drop" });
  await loggedAtLeast(e2e, before + 1);
  return path;
}

/** {@link killAt} for `pulumi up` on `stack`. */
export function killUpAt(
  e2e: E2E,
  stack: string,
  hold: HoldSpec,
  after: "go" | "drop",
  hooks: KillHooks = {},
): Promise<string> {
  return killAt(e2e, hold, after, () => startUp(e2e, stack), hooks);
}
