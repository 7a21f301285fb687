/**
 * What a failed `paasenv deploy` reports, on stderr as a message and with `--json` as an object on stdout: which
 * check failed, the release it was deploying, and what production ran before (the version still believed
 * good), so that a workflow can say it in a notice.
 */
import { type CliError, cliError, isCliError, messageOf } from "../lib/errors";
import type { Running } from "./guard";

/** The checks of a deploy, in order; `error` is anything else (an API call, git, a timeout). */
export const FAILED_CHECKS = ["policy", "guard", "deployment", "http", "error"] as const;

/** One of {@link FAILED_CHECKS}. */
export type FailedCheck = (typeof FAILED_CHECKS)[number];

/** What a deploy knew when it stopped. */
export interface DeployFacts {
  stack: string;
  /** The release tag being deployed. */
  release?: string;
  /** What production ran before this deploy (production stacks only). */
  running?: Running;
  deploymentId?: string;
  /** The URL of the HTTP check (`--verify`). */
  verifyUrl?: string;
}

/** The `--json` output of a failed deploy. */
export interface FailureReport extends DeployFacts {
  ok: false;
  check: FailedCheck;
  message: string;
}

/** The check each failure failed, and the report each error carries (kept beside the errors, not on them). */
const checks = new WeakMap<Error, FailedCheck>();
const reports = new WeakMap<Error, FailureReport>();

/** A failure of one of the deploy's checks. */
export function checkFailure(check: FailedCheck, message: string): CliError {
  const error = cliError(message);
  checks.set(error, check);
  return error;
}

/** `error` as a CLI error (its exit code kept) carrying the report of what the deploy knew. */
export function withReport(error: unknown, facts: DeployFacts): CliError {
  const base = isCliError(error) ? error : cliError(messageOf(error));
  const check = (error instanceof Error ? checks.get(error) : undefined) ?? "error";
  reports.set(base, { ok: false, ...facts, check, message: base.message });
  return base;
}

/** The report an error carries, if any. */
export function reportOf(error: unknown): FailureReport | undefined {
  return error instanceof Error ? reports.get(error) : undefined;
}
