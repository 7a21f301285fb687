/**
 * Following paasenv's data-loss refusals literally in end-to-end tests: run what must fail, and read back the
 * `paasenv:permitDataLoss` entries the refusal prints, exactly as a person would copy them.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { DataLossPermit } from "../../providers/base/data-loss";
import { isDataKey } from "../../providers/base/data-loss";
import type { E2E } from "./harness";

const run = promisify(execFile);

/** Runs the `pulumi` CLI in the project copy expecting it to fail; its whole output (stdout and stderr). */
export async function cliFailure(e2e: E2E, args: string[]): Promise<string> {
  try {
    await run(e2e.command.command, args, { cwd: e2e.project.dir, env: e2e.env, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    return `${stdout ?? ""}\n${stderr ?? ""}`;
  }
  throw new Error(`pulumi ${args.join(" ")} was expected to fail, but it succeeded`);
}

/** The message a promise rejects with; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error("expected a refusal, but the operation succeeded");
}

/** The entries a refusal prints (`- { resource: addons.redis, id: "…" }`), once each, in order. */
export function permitsIn(text: string): DataLossPermit[] {
  const found = new Map<string, DataLossPermit>();
  for (const match of text.matchAll(/- \{ resource: ([a-z.]+), id: "([^"]+)" \}/g)) {
    const [, resource, id] = match;
    if (isDataKey(resource) && id !== undefined) found.set(`${resource} ${id}`, { resource, id });
  }
  return [...found.values()];
}
