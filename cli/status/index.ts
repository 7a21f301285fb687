/**
 * `paasenv status <stack>`: the live facts of a stack that are not in its state — each add-on's status, last
 * backup, PITR window, backup schedule and maintenance window, and the autoscalers — readable, or `--json`.
 * Reads only.
 */
import type { Command } from "commander";
import { scalingoClient } from "../../providers/scalingo/client";
import { databaseFacts, getApp, listAddons, listAutoscalers } from "../db/api";
import { deploySession } from "../deploy/api";
import { readStackApp, readStackSettings } from "../deploy/stack";
import { parseStackName } from "../lib/parse";
import { openPulumi, type PulumiSession } from "../lib/pulumi";
import type { CommandContext } from "../program";
import { addonStatus, autoscalerStatus, renderStatus, type StatusReport } from "./report";

/** The live facts of the stack's app. */
export async function status(session: PulumiSession, stack: string): Promise<StatusReport> {
  const settings = await readStackSettings(session, stack, "status");
  const { appName } = await readStackApp(settings.stack, "status");
  const client = await scalingoClient(deploySession(process.env, settings.scalingoConfig), settings.region);
  const app = await getApp(client, appName);
  const addons = [];
  for (const addon of await listAddons(client, appName)) {
    addons.push(addonStatus(addon, await databaseFacts(client, { appId: app.id, addonId: addon.id })));
  }
  const autoscalers = autoscalerStatus(await listAutoscalers(client, appName));
  return { stack, app: appName, region: settings.region, appStatus: app.status, addons, autoscalers };
}

/** Registers `status`. */
export function registerStatus(program: Command, context: CommandContext): void {
  program
    .command("status")
    .description(
      "show a stack's live facts: add-ons, last backup, PITR window, maintenance window, autoscalers",
    )
    .argument("<stack>", "the stack whose app to look at (staging, production, review-<N>…)", parseStackName)
    .option("--json", "print the report as JSON")
    .action(async (stack: string, opts: { json?: boolean }, command: Command) => {
      const session = await openPulumi(context.globals(command), context.io);
      const report = await status(session, stack);
      context.io.stdout(opts.json ? `${JSON.stringify(report, null, 2)}\n` : renderStatus(report));
    });
}
