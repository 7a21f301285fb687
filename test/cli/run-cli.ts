/**
 * Runs the real `paasenv` bin (cli/paasenv.cjs → scripts/node.sh → tsx cli/main.ts) as a child
 * process, for the end-to-end tests: exit code, stdout and stderr are what a user or a workflow sees.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";

const BIN = path.resolve(__dirname, "..", "..", "cli", "paasenv.cjs");

/** What one `paasenv` run produced. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `paasenv <args>` with `env` (the whole environment of the child). Never rejects on a non-zero exit. */
export function runPaasenv(args: readonly string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** A run's output for an assertion message. */
export function describeRun(run: CliRun): string {
  return `exit ${run.code}\n--- stdout\n${run.stdout}\n--- stderr (end)\n${run.stderr.slice(-3000)}`;
}
