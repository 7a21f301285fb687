/**
 * The Automation API side of the CLI: find the Pulumi CLI, build the environment it runs with, open the
 * project's workspace and stacks, and turn Pulumi's errors into messages for the person at the terminal.
 */
import type { StackSummary } from "@pulumi/pulumi/automation";
import { LocalWorkspace, type PulumiCommand, Stack } from "@pulumi/pulumi/automation";
import { cliError, messageOf } from "./errors";
import { currentEnv, ensurePulumiCli, pulumiCommandAt, withPulumiOnPath } from "./pulumi-cli";

/** Options every command shares. */
export interface GlobalOptions {
  /** The Pulumi project directory (holds Pulumi.yaml). */
  cwd: string;
  /** Overrides PULUMI_BACKEND_URL. */
  backendUrl: string | undefined;
  /** Hide the engine's own output (progress lines still go to stderr). */
  quiet: boolean;
}

/** Where things go: results on stdout, progress on stderr. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The process's own streams. */
export const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Prints one progress line on stderr: `paasenv: <message>`. */
export function progress(io: Io, message: string): void {
  io.stderr(`paasenv: ${message}\n`);
}

/**
 * The directory of the Pulumi CLI: scripts/install-pulumi.sh picks an official CLI on PATH when recent
 * enough, or builds (once, then cached in .tools/) the pinned one from Go modules.
 */
export function pulumiBinDir(): string {
  try {
    return ensurePulumiCli();
  } catch (error) {
    throw cliError(`cannot provide the Pulumi CLI: scripts/install-pulumi.sh failed (${messageOf(error)})`);
  }
}

/** The environment the Pulumi CLI runs with: ours, plus Pulumi and this Node first on PATH. */
export function pulumiEnv(globals: GlobalOptions, binDir: string): Record<string, string> {
  const env = withPulumiOnPath(currentEnv(), binDir);
  env.PULUMI_SKIP_UPDATE_CHECK ??= "true";
  if (globals.backendUrl !== undefined) env.PULUMI_BACKEND_URL = globals.backendUrl;
  return env;
}

/** The project's workspace and a way to open its stacks. */
export interface PulumiSession {
  workspace: LocalWorkspace;
  env: Record<string, string>;
  command: PulumiCommand;
  /** Opens an existing stack; a missing stack is `undefined`. */
  selectStack(name: string): Promise<Stack | undefined>;
  listStacks(): Promise<StackSummary[]>;
}

/** True when a Pulumi error says the stack does not exist. */
export function isMissingStackError(error: unknown): boolean {
  return /no stack named|stack '.*' not found|could not find stack|does not exist/i.test(messageOf(error));
}

/** True when a Pulumi error says another operation holds the stack's lock. */
export function isLockError(error: unknown): boolean {
  return /currently locked|ConcurrentUpdateError|conflict.*another update|update is already in progress/i.test(
    messageOf(error),
  );
}

/** The last meaningful lines of Pulumi's (long) error output. */
export function pulumiReason(error: unknown, maxLines = 8): string {
  const text = messageOf(error);
  const stderr = /stderr: ([\s\S]*?)(?:\n\s*err\?:|$)/.exec(text)?.[1] ?? text;
  const lines = stderr
    .split("\n")
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== "" && !/^\s*(code|stdout|stderr):/.test(line));
  return lines.slice(-maxLines).join("\n");
}

/**
 * Wraps a failed Pulumi operation into a CLI error: a lock held by another run gets its own message,
 * everything else keeps the end of Pulumi's output.
 */
export function pulumiFailure(action: string, stack: string, error: unknown): Error {
  if (isLockError(error)) {
    return cliError(
      `${action} ${stack}: the stack is locked by another update (${pulumiReason(error, 3)}). ` +
        `Wait for it to finish and run again; if that run died, \`paasenv recover ${stack}\` clears its lock (once it has proven it dead) and what it left half-done.`,
    );
  }
  return cliError(`${action} ${stack} failed:\n${pulumiReason(error)}`);
}

/** Opens the Pulumi project in `globals.cwd`. */
export async function openPulumi(globals: GlobalOptions, io: Io): Promise<PulumiSession> {
  const binDir = pulumiBinDir();
  const env = pulumiEnv(globals, binDir);
  const command = await pulumiCommandAt(binDir);
  const workspace = await LocalWorkspace.create({
    workDir: globals.cwd,
    pulumiCommand: command,
    envVars: env,
  });
  progress(io, `project ${globals.cwd}, backend ${env.PULUMI_BACKEND_URL ?? "(pulumi login default)"}`);
  return {
    workspace,
    env,
    command,
    listStacks: () => workspace.listStacks(),
    selectStack: async (name) => {
      try {
        return await Stack.select(name, workspace);
      } catch (error) {
        if (isMissingStackError(error)) return undefined;
        throw pulumiFailure("select", name, error);
      }
    },
  };
}

/** Engine output forwarded to stderr unless `--quiet`. */
export function engineOutput(globals: GlobalOptions, io: Io): ((out: string) => void) | undefined {
  return globals.quiet ? undefined : (out: string) => io.stderr(out);
}
