/**
 * `paasenv preview <stack> [--markdown <file>]`: run `pulumi preview` and write a compact Markdown summary
 * for a pull-request comment (counts, data-bearing resources flagged, property diffs, `[secret]` for every
 * secret). With `--refresh --expect-no-changes` it is the nightly drift check: any change fails (exit 1)
 * and the summary says what drifted.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import type { Command } from "commander";
import { cliError } from "./lib/errors";
import { renderMarkdown } from "./lib/markdown";
import { parseStackName } from "./lib/parse";
import { hasChanges, type PlanSummary, shortType, summarizePlan } from "./lib/plan-summary";
import { engineOutput, type GlobalOptions, type Io, openPulumi, progress, pulumiFailure } from "./lib/pulumi";
import type { CommandContext } from "./program";

/** Options of `preview`. */
interface PreviewOptions {
  markdown?: string;
  refresh?: boolean;
  expectNoChanges?: boolean;
  title?: string;
  subtitle?: string;
  policyPack?: string;
}

/** Runs the preview of `stackName` and summarizes its engine events. */
export async function previewSummary(
  globals: GlobalOptions,
  io: Io,
  stackName: string,
  refresh: boolean,
  policyPacks: readonly string[] = [],
): Promise<PlanSummary> {
  const session = await openPulumi(globals, io);
  const stack = await session.selectStack(stackName);
  if (stack === undefined) throw cliError(`preview: the stack "${stackName}" does not exist in this backend`);
  const events: EngineEvent[] = [];
  const packs = policyPacks.map((pack) => ` --policy-pack ${pack}`).join("");
  progress(io, `${stackName}: pulumi preview${refresh ? " --refresh" : ""}${packs}`);
  await stack
    .preview({
      diff: true,
      refresh,
      policyPacks: policyPacks.map((pack) => path.resolve(globals.cwd, pack)),
      onEvent: (event) => events.push(event),
      onOutput: engineOutput(globals, io),
    })
    .catch((error: unknown) => Promise.reject(pulumiFailure("preview", stackName, error)));
  return summarizePlan(stackName, events);
}

/** `review-7: 1 to update (paasenv-postgresql Addon), …` for stderr and the drift failure. */
export function describeDrift(summary: PlanSummary): string {
  const list = summary.changes.map((change) => `${change.kind} ${change.name} (${shortType(change.type)})`);
  const count = summary.changes.length;
  return `${summary.stack}: ${count} resource${count === 1 ? "" : "s"} would change: ${list.join(", ")}`;
}

/** Registers `preview`. */
export function registerPreview(program: Command, context: CommandContext): void {
  program
    .command("preview")
    .description(
      "preview a stack and write a Markdown summary (for a PR comment); no secret value is printed",
    )
    .argument("<stack>", "the stack to preview (e.g. staging, production)", parseStackName)
    .option("--markdown <file>", "write the Markdown summary to this file (default: print it on stdout)")
    .option("--refresh", "refresh the state from Scalingo first (drift detection)")
    .option(
      "--expect-no-changes",
      "fail (exit 1) when the preview shows any change, naming what would change",
    )
    .option("--title <text>", "heading of the summary")
    .option("--subtitle <text>", "a line under the heading (e.g. the commit previewed)")
    .option(
      "--policy-pack <dir>",
      "run this policy pack during the preview (the production gate: policy); a mandatory violation fails it",
    )
    .action(async (stackName: string, opts: PreviewOptions, command: Command) => {
      const summary = await previewSummary(
        context.globals(command),
        context.io,
        stackName,
        opts.refresh ?? false,
        opts.policyPack === undefined ? [] : [opts.policyPack],
      );
      const markdown = renderMarkdown(summary, {
        ...(opts.title === undefined ? {} : { title: opts.title }),
        ...(opts.subtitle === undefined ? {} : { subtitle: opts.subtitle }),
      });
      if (opts.markdown === undefined) {
        context.io.stdout(markdown);
      } else {
        fs.mkdirSync(path.dirname(path.resolve(opts.markdown)), { recursive: true });
        fs.writeFileSync(opts.markdown, markdown);
        const { counts } = summary;
        context.io.stdout(
          `${stackName}: ${counts.create} to create, ${counts.update} to update, ${counts.replace} to replace, ` +
            `${counts.delete} to delete; summary in ${opts.markdown}\n`,
        );
      }
      if (opts.expectNoChanges && hasChanges(summary))
        throw cliError(`drift detected on ${describeDrift(summary)}`);
    });
}
