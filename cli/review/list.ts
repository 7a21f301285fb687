/**
 * `paasenv review list`: the review stacks with their age, last update and URL.
 */
import type { Command } from "commander";
import { openPulumi } from "../lib/pulumi";
import { listReviewStacks, type ReviewStackDetails } from "../lib/stacks";
import type { CommandContext } from "../program";
import { formatDuration, formatTable } from "./gc-plan";

/** `3d 4h ago`, or `never` for a missing date. */
export function ago(date: Date | undefined, now: Date): string {
  return date === undefined ? "never" : `${formatDuration(now.getTime() - date.getTime())} ago`;
}

/** The `review list` table. */
export function renderReviewList(stacks: readonly ReviewStackDetails[], now: Date): string {
  if (stacks.length === 0) return "no review stacks";
  const rows = stacks.map((stack) => [
    stack.name,
    stack.createdAt === undefined ? "-" : formatDuration(now.getTime() - stack.createdAt.getTime()),
    stack.updateInProgress ? "in progress" : ago(stack.lastUpdate, now),
    stack.url ?? "-",
  ]);
  return formatTable(["STACK", "AGE", "LAST UPDATE", "URL"], rows);
}

/** The JSON form of `review list --json`. */
export function reviewListJson(stacks: readonly ReviewStackDetails[]): string {
  return JSON.stringify(
    stacks.map((stack) => ({
      stack: stack.name,
      reviewNumber: stack.reviewNumber,
      createdAt: stack.createdAt?.toISOString() ?? null,
      lastUpdate: stack.lastUpdate?.toISOString() ?? null,
      updateInProgress: stack.updateInProgress,
      url: stack.url ?? null,
      apps: stack.appNames,
    })),
  );
}

/** Registers `review list`. */
export function registerReviewList(review: Command, context: CommandContext): void {
  review
    .command("list")
    .description("list the review stacks with their age, last update and URL")
    .option("--json", "print a JSON array instead of a table")
    .action(async (opts: { json?: boolean }, command: Command) => {
      const session = await openPulumi(context.globals(command), context.io);
      const stacks = await listReviewStacks(session);
      const text = opts.json ? reviewListJson(stacks) : renderReviewList(stacks, context.now());
      context.io.stdout(`${text}\n`);
    });
}
