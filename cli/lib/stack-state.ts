/**
 * Reading and writing a stack's state through the Pulumi CLI itself (`recover`, `review gc`). Not the
 * Automation API's `exportStack`/`importStack`: those export with `--show-secrets` and leave the plaintext in a
 * temporary file when the import fails. Here the state keeps its secrets as ciphertext (reading it needs no
 * passphrase), in a file only this user can read, removed whatever happens.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { z } from "zod";
import type { PulumiSession } from "./pulumi";

/** A resource of `pulumi stack export` (secrets stay ciphertext), with the fields paasenv reads. */
const resourceSchema = z.looseObject({
  urn: z.string(),
  type: z.string(),
  custom: z.boolean().optional(),
  delete: z.boolean().optional(),
  inputs: z.record(z.string(), z.unknown()).optional(),
  outputs: z.record(z.string(), z.unknown()).optional(),
});

const operationSchema = z.looseObject({ type: z.string(), resource: resourceSchema });

/** `pulumi stack export`'s output. */
export const exportedStackSchema = z.looseObject({
  version: z.number(),
  deployment: z.looseObject({
    resources: z.array(resourceSchema).optional(),
    pending_operations: z.array(operationSchema).optional(),
  }),
});

/** A stack's exported state. */
export type ExportedStack = z.infer<typeof exportedStackSchema>;

/** A resource of an exported state. */
export type ExportedResource = z.infer<typeof resourceSchema>;

/** One pending operation. */
export type PendingOperation = z.infer<typeof operationSchema>;

const run = promisify(execFile);

/** A failed `pulumi` run, with Pulumi's own message. */
export interface PulumiRunError extends Error {
  stderr: string;
}

/** Runs `pulumi <args>` in `cwd` with the session's environment; its stdout. */
async function pulumi(session: PulumiSession, cwd: string, args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await run(session.command.command, [...args], {
      cwd,
      env: session.env,
      maxBuffer: 256 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const stderr =
      error !== null && typeof error === "object" && "stderr" in error ? String(error.stderr) : "";
    const message = `pulumi ${args.slice(0, 2).join(" ")} failed: ${stderr.trim() || String(error)}`;
    throw Object.assign(new Error(message), { stderr }) satisfies PulumiRunError;
  }
}

/** `pulumi stack export` (secrets as ciphertext). */
export async function exportState(
  session: PulumiSession,
  cwd: string,
  stack: string,
): Promise<ExportedStack> {
  const text = await pulumi(session, cwd, ["stack", "export", "--stack", stack]);
  return exportedStackSchema.parse(JSON.parse(text));
}

/** `pulumi stack import`: takes the stack's lock (fails naming the holders when another run has it). */
export async function importState(
  session: PulumiSession,
  cwd: string,
  stack: string,
  state: ExportedStack,
): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "paasenv-recover-"));
  try {
    const file = path.join(dir, "state.json");
    fs.writeFileSync(file, JSON.stringify(state), { mode: 0o600 });
    await pulumi(session, cwd, ["stack", "import", "--stack", stack, "--file", file]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `pulumi cancel --yes`: removes every lock of the stack (on a DIY backend, its lock objects). */
export async function cancelRun(session: PulumiSession, cwd: string, stack: string): Promise<void> {
  await pulumi(session, cwd, ["cancel", "--yes", "--stack", stack]);
}

/** The stderr of a failed {@link pulumi} run, or the error's message. */
export function stderrOf(error: unknown): string {
  if (error !== null && typeof error === "object" && "stderr" in error && typeof error.stderr === "string") {
    return error.stderr;
  }
  return error instanceof Error ? error.message : String(error);
}
