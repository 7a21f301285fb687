/** `paasenv db`: operations on a stack's database. For now, `db restore` (point-in-time recovery). */
import { type Command, Option } from "commander";
import { parseDuration, parseStackName } from "../lib/parse";
import { openPulumi } from "../lib/pulumi";
import type { CommandContext } from "../program";
import { restore } from "./restore";
import { parseRestoreTime } from "./restore-plan";

/** Registers `db restore`. */
export function registerDb(program: Command, context: CommandContext): void {
  const db = program.command("db").description("operate on a stack's database");
  db.command("restore")
    .description(
      "restore a stack's PostgreSQL database to a point in time and follow the operation to its end",
    )
    .addHelpText(
      "after",
      "\nIt says what it will do first. A production stack also needs --confirm <stack>. See docs/runbooks/restore.md.",
    )
    .argument("<stack>", "the stack whose database to restore", parseStackName)
    .requiredOption(
      "--to <time>",
      "the time to restore to, RFC 3339 with an offset (2026-07-18T23:00:00Z)",
      (text: string) => parseRestoreTime(text),
    )
    .option("--confirm <stack>", "the stack's name again: required for a production stack")
    .addOption(
      new Option("--timeout <duration>", "stop following the operation after this long (it goes on)")
        .argParser((text: string) => parseDuration(text, "--timeout"))
        .default(60 * 60_000, "1h"),
    )
    .option("--json", "print the result as JSON")
    .action(
      async (
        stack: string,
        opts: { to: string; confirm?: string; timeout: number; json?: boolean },
        command: Command,
      ) => {
        const session = await openPulumi(context.globals(command), context.io);
        const result = await restore(session, context.io, {
          stack,
          to: opts.to,
          confirm: opts.confirm,
          timeoutMs: opts.timeout,
        });
        context.io.stdout(
          opts.json ? `${JSON.stringify(result)}\n` : `${result.stack}: restored to ${result.restoredTo}\n`,
        );
      },
    );
}
