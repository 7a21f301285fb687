/**
 * Many review environments at the rate limit's pace: `paasenv review up` then `review down` for N stacks, a few
 * at a time, against an emulator that allows `rateLimit` requests a minute per token (Scalingo: 60). The floor is
 * the time the accepted calls need at that rate.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../cli/lib/project";
import { startEmulator } from "../../emulator/scalingo";
import { type LoggedRequest, takeRequests } from "./api";
import { pulumi } from "./run";

/** What the scenario measured. */
export interface ReviewResult {
  stacks: number;
  wallMs: number;
  /** Requests the API accepted (429s excluded: they do not count against the limit). */
  accepted: number;
  refused: number;
  floorMs: number;
  callsPerStack: number;
  failures: string[];
}

/** Options of the scenario. */
export interface ReviewOptions {
  stacks: number;
  concurrency: number;
  rateLimit: number;
  latencyMs: number;
  addonProvisionMs: number;
  operationMs: number;
}

const OFFLINE = ["--set", "storage.enabled=false", "--set", "dns.provider=none"];

function paasenv(project: string, env: Record<string, string>, args: string[]): Promise<string | undefined> {
  const tsx = require.resolve("tsx/cli");
  const main = path.join(REPO_ROOT, "cli", "main.ts");
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [tsx, main, "--cwd", project, "-q", ...args],
      { env, maxBuffer: 64 << 20 },
      (error, _out, stderr) =>
        resolve(
          error
            ? `paasenv ${args.slice(0, 3).join(" ")}: ${stderr.trim().split("\n").slice(-3).join(" / ")}`
            : undefined,
        ),
    );
  });
}

/** Runs `jobs` with at most `concurrency` at once; returns their results in order. */
async function pool<T>(concurrency: number, jobs: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++;
      const job = jobs[index];
      if (job !== undefined) results[index] = await job();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
  return results;
}

/** Creates then destroys `stacks` review environments from `project`'s staging stack. */
export async function reviewStacks(
  project: string,
  baseEnv: Record<string, string>,
  scratch: string,
  options: ReviewOptions,
): Promise<ReviewResult> {
  const emulator = await startEmulator({
    rateLimit: options.rateLimit,
    latencyMs: options.latencyMs,
    addonProvisionMs: options.addonProvisionMs,
    operationMs: options.operationMs,
  });
  try {
    const env = { ...baseEnv, SCALINGO_AUTH_URL: emulator.url };
    fs.copyFileSync(path.join(REPO_ROOT, "Pulumi.staging.yaml"), path.join(project, "Pulumi.staging.yaml"));
    await pulumi(project, env, ["stack", "init", "staging"], scratch);
    await takeRequests(emulator.url);
    const numbers = Array.from({ length: options.stacks }, (_, i) => String(i + 1));
    const started = performance.now();
    const ups = await pool(
      options.concurrency,
      numbers.map((n) => () => paasenv(project, env, ["review", "up", n, ...OFFLINE])),
    );
    const downs = await pool(
      options.concurrency,
      numbers.map((n) => () => paasenv(project, env, ["review", "down", n])),
    );
    const wallMs = performance.now() - started;
    const requests: LoggedRequest[] = await takeRequests(emulator.url);
    const accepted = requests.filter((r) => r.status !== 429).length;
    return {
      stacks: options.stacks,
      wallMs,
      accepted,
      refused: requests.length - accepted,
      floorMs: (accepted / options.rateLimit) * 60_000,
      callsPerStack: accepted / Math.max(1, options.stacks),
      failures: [...ups, ...downs].filter((f): f is string => f !== undefined),
    };
  } finally {
    await emulator.stop();
  }
}
