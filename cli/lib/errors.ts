/**
 * Exit codes and the errors that carry them. The CLI exits 0 on success, 1 on a failure (a Pulumi
 * operation, an API call, a lock held by someone else) and 2 on a usage error (bad arguments).
 */

/** Process exit codes of `paasenv`. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** An exit code of `paasenv`. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error meant for the person at the terminal: printed as is (no stack trace), with its exit code. */
export interface CliError extends Error {
  name: "CliError";
  exitCode: ExitCode;
}

/** A failure: `paasenv: <message>` on stderr, exit code 1. */
export function cliError(message: string, exitCode: ExitCode = EXIT.failure): CliError {
  return Object.assign(new Error(message), { name: "CliError" as const, exitCode });
}

/** A usage error (bad argument or option value): exit code 2. */
export function usageError(message: string): CliError {
  return cliError(message, EXIT.usage);
}

/** True for errors made by {@link cliError}. */
export function isCliError(error: unknown): error is CliError {
  return error instanceof Error && error.name === "CliError" && "exitCode" in error;
}

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
