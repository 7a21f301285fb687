/**
 * `paasenv recover <stack>`: after a `pulumi up` was killed (a cancelled CI job, a crashed runner), clear its
 * lock — once its run is proven dead — and its pending operations, bringing each object a pending create had
 * already made on Scalingo into the state, so that the next `pulumi up` converges with no duplicate and no
 * orphan. See docs/safety.md ("Interrupted runs").
 */
import type { Command } from "commander";
import { cliError } from "../lib/errors";
import { parseDuration, parseStackName } from "../lib/parse";
import { openPulumi } from "../lib/pulumi";
import { type ReportLine, renderReport } from "../lib/report";
import type { CommandContext } from "../program";
import { localHostFacts } from "./host";
import { describeHolder } from "./lock";
import { type RecoverResult, recoverStack } from "./run";

/** Options of `recover`. */
interface RecoverOptions {
  assumeDeadAfter: number;
  dryRun?: boolean;
  json?: boolean;
}

/** The report: one line per lock, then one per pending operation. */
export function recoverLines(result: RecoverResult, now: Date): ReportLine[] {
  return [
    ...result.locks.map((verdict) => ({
      action: "lock-removed",
      name: describeHolder(verdict.holder, now),
      detail: `dead: ${verdict.why}`,
    })),
    ...result.decisions.map((d) => ({
      action: result.written || d.outcome === "needs-you" ? d.outcome : `would-be-${d.outcome}`,
      name: `${d.name} (${d.type})`,
      detail: d.detail,
    })),
  ];
}

/** The closing line on stdout. */
export function recoverSummary(stack: string, result: RecoverResult): string {
  if (!result.written) return `${stack}: dry run, nothing written (locks are only checked when writing)`;
  if (result.decisions.length === 0 && result.locks.length === 0) {
    return `${stack}: no lock and no pending operation; nothing to recover`;
  }
  return `${stack}: recovered; run \`pulumi up\` (or re-run the deployment) to converge`;
}

/** Registers `recover`. */
export function registerRecover(program: Command, context: CommandContext): void {
  program
    .command("recover")
    .description(
      "after an interrupted `pulumi up`: prove its run dead, clear its lock and pending operations, and bring " +
        "what it had created into the state",
    )
    .argument("<stack>", "the stack whose update was interrupted", parseStackName)
    .option(
      "--assume-dead-after <duration>",
      "a lock taken on another machine counts as a dead run's once older than this (e.g. 45m, 2h)",
      (v: string) => parseDuration(v, "--assume-dead-after"),
      parseDuration("1h"),
    )
    .option("--dry-run", "look the objects up and report what would be done; write nothing")
    .option("--json", "print the report as JSON")
    .action(async (stack: string, opts: RecoverOptions, command: Command) => {
      const globals = context.globals(command);
      const session = await openPulumi(globals, context.io);
      const now = context.now();
      const result = await recoverStack(session, {
        stack,
        cwd: globals.cwd,
        io: context.io,
        now,
        host: localHostFacts(globals.cwd),
        assumeDeadAfterMs: opts.assumeDeadAfter,
        dryRun: opts.dryRun ?? false,
      });
      const lines = recoverLines(result, now);
      const text = opts.json
        ? JSON.stringify(lines)
        : `${renderReport(lines)}\n${recoverSummary(stack, result)}`;
      context.io.stdout(`${text}\n`);
      const needsYou = result.decisions.filter((d) => d.outcome === "needs-you").length;
      if (needsYou > 0)
        throw cliError(`recover ${stack}: ${needsYou} pending operation(s) need you (see the report above)`);
    });
}
