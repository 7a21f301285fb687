/**
 * The `paasenv` command line: global options, the command list and the exit-code policy.
 *
 * Adding a command: write `cli/<name>.ts` (or `cli/<name>/index.ts`) exporting a `register<Name>(program, context)` that calls
 * `program.command(...)`, and append it to {@link COMMANDS}. Actions throw `cliError`/`usageError`
 * (cli/lib/errors.ts) to fail; `main` turns that into the exit code.
 */
import { Command, CommanderError } from "commander";
import { registerCheck } from "./check";
import { registerDb } from "./db";
import { registerDeploy } from "./deploy/command";
import { registerEmulator } from "./emulator";
import { EXIT, type ExitCode, isCliError, messageOf } from "./lib/errors";
import type { GlobalOptions, Io } from "./lib/pulumi";
import { registerPreview } from "./preview";
import { registerRecover } from "./recover";
import { registerRelease } from "./release";
import { registerReview } from "./review";
import { registerStatus } from "./status";
import { registerValidate } from "./validate";

/** What every command gets: where to write, the global options, the clock. */
export interface CommandContext {
  io: Io;
  /** The global options of `command` (read after parsing). */
  globals(command: Command): GlobalOptions;
  now(): Date;
}

/** Adds one top-level command (or command group) to the program. */
export type RegisterCommand = (program: Command, context: CommandContext) => void;

/** The commands, in help order. */
export const COMMANDS: readonly RegisterCommand[] = [
  registerReview,
  registerPreview,
  registerDeploy,
  registerRelease,
  registerRecover,
  registerValidate,
  registerCheck,
  registerStatus,
  registerDb,
  registerEmulator,
];

/** Global options from the parsed command line (`--cwd`, `--backend-url`, `--quiet`). */
export function globalsOf(command: Command): GlobalOptions {
  const opts = command.optsWithGlobals<{ cwd?: string; backendUrl?: string; quiet?: boolean }>();
  return {
    cwd: opts.cwd ?? process.cwd(),
    backendUrl: opts.backendUrl,
    quiet: opts.quiet ?? false,
  };
}

/** The program with its global options and every command registered. */
export function buildProgram(context: CommandContext): Command {
  const program = new Command("paasenv")
    .description(
      "Review environments, previews, deployments, live status and database restores for paasenv stacks (Pulumi Automation API).",
    )
    .option("--cwd <dir>", "the Pulumi project directory (holds Pulumi.yaml); default: the current directory")
    .option(
      "--backend-url <url>",
      "Pulumi backend (file://…, s3://…, https://api.pulumi.com); default $PULUMI_BACKEND_URL",
    )
    .option("-q, --quiet", "hide the Pulumi engine's own output")
    .exitOverride()
    .configureOutput({ writeOut: context.io.stdout, writeErr: context.io.stderr })
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText(
      "after",
      "\nResults go to stdout, progress to stderr. Exit codes: 0 ok, 1 failure, 2 usage error.\n" +
        "Environment: PULUMI_BACKEND_URL, PULUMI_CONFIG_PASSPHRASE(_FILE), SCALINGO_API_TOKEN,\n" +
        "SCALINGO_AUTH_URL, SCALINGO_API_URL (see docs/configuration.md).",
    );
  for (const register of COMMANDS) register(program, context);
  return program;
}

/** The exit code for an error thrown while parsing or running. */
export function exitCodeOf(error: unknown): ExitCode {
  if (isCliError(error)) return error.exitCode;
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  return EXIT.failure;
}

/** Runs the CLI on `argv` (without `node` and the script) and returns the exit code. */
export async function main(
  argv: readonly string[],
  io: Io,
  now: () => Date = () => new Date(),
): Promise<ExitCode> {
  const program = buildProgram({ io, globals: globalsOf, now });
  try {
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return EXIT.usage;
    }
    await program.parseAsync([...argv], { from: "user" });
    return EXIT.ok;
  } catch (error) {
    const code = exitCodeOf(error);
    // Commander has already printed its own message (and the help hint).
    if (!(error instanceof CommanderError)) io.stderr(`paasenv: ${messageOf(error)}\n`);
    return code;
  }
}
