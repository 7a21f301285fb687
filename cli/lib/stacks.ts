/**
 * Reading the project's stacks for the review commands: which stacks are review stacks, when they were
 * created and last updated, their URL and the Scalingo app they own, and which source apps exist.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Stack, StackSummary } from "@pulumi/pulumi/automation";
import { appSchema } from "../../components/config/app";
import { reviewAppName } from "../../components/config/naming";
import type { ReviewStackInfo } from "../review/gc-plan";
import { reviewNumberOfStack } from "../review/gc-plan";
import { messageOf } from "./errors";
import type { GlobalOptions, Io, PulumiSession } from "./pulumi";
import { progress } from "./pulumi";

/** A review stack with what `review list` shows. */
export interface ReviewStackDetails extends ReviewStackInfo {
  /** When the first update started (the stack's age); `undefined` when it was never updated. */
  createdAt: Date | undefined;
  url: string | undefined;
}

/** A date from Pulumi's output, or `undefined`. */
export function parseDate(text: string | undefined): Date | undefined {
  if (text === undefined || text === "") return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The review stacks among `summaries`, sorted by review number. */
export function reviewSummaries(summaries: readonly StackSummary[]): StackSummary[] {
  return summaries
    .filter((summary) => reviewNumberOfStack(summary.name) !== undefined)
    .sort((a, b) => (reviewNumberOfStack(a.name) ?? 0) - (reviewNumberOfStack(b.name) ?? 0));
}

/** The stack's settings file in the project (`Pulumi.<stack>.yaml`). */
export function stackFile(globals: GlobalOptions, stackName: string): string {
  return path.join(globals.cwd, `Pulumi.${stackName.split("/").at(-1) ?? stackName}.yaml`);
}

/**
 * Restores `Pulumi.<stack>.yaml` from the stack's last deployment when this checkout has none (a CI runner
 * that did not create the stack): it holds the encryption salt and the configuration `destroy` needs.
 */
export async function ensureStackFile(session: PulumiSession, globals: GlobalOptions, io: Io, stack: Stack) {
  if (fs.existsSync(stackFile(globals, stack.name))) return;
  progress(
    io,
    `${stack.name}: no ${path.basename(stackFile(globals, stack.name))} here; restoring it from the last deployment`,
  );
  try {
    await session.workspace.refreshConfig(stack.name);
  } catch (error) {
    progress(io, `${stack.name}: could not restore its configuration (${messageOf(error).split("\n")[0]})`);
  }
}

/**
 * The Scalingo app a stack's `paasenv:app` declares (the review app for `review-<N>` stacks), if it parses.
 * Only that key is read, so the other stacks' secrets (and passphrases) are never needed.
 */
export async function configuredApp(
  session: PulumiSession,
  stackName: string,
): Promise<{ name: string; region: string } | undefined> {
  try {
    const entry = await session.workspace.getConfig(stackName, "paasenv:app");
    const app = appSchema.parse(JSON.parse(entry.value));
    const reviewNumber = reviewNumberOfStack(stackName);
    return {
      name: reviewNumber === undefined ? app.name : reviewAppName(app.name, reviewNumber),
      region: app.region,
    };
  } catch {
    return undefined;
  }
}

/** The apps of the project's source (non-review) stacks, whose configuration is in this checkout. */
export async function sourceApps(
  session: PulumiSession,
): Promise<Array<{ stack: string; name: string; region: string }>> {
  const sources = (await session.listStacks()).filter(
    (summary) => reviewNumberOfStack(summary.name) === undefined,
  );
  const apps: Array<{ stack: string; name: string; region: string }> = [];
  for (const summary of sources) {
    const app = await configuredApp(session, summary.name);
    if (app !== undefined) apps.push({ stack: summary.name, ...app });
  }
  return apps;
}

/** A string output of a stack, if set. */
function stringOutput(outputs: Record<string, { value: unknown }>, key: string): string | undefined {
  const value = outputs[key]?.value;
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** Details of one review stack: age from its history, URL and app name from its outputs or config. */
export async function reviewStackDetails(
  session: PulumiSession,
  summary: StackSummary,
): Promise<ReviewStackDetails | undefined> {
  const reviewNumber = reviewNumberOfStack(summary.name);
  const stack = await session.selectStack(summary.name);
  if (reviewNumber === undefined || stack === undefined) return undefined;
  const history = await stack.history().catch(() => []);
  const outputs = await stack.outputs().catch(() => ({}));
  const starts = history.map((update) => update.startTime.getTime()).filter((ms) => !Number.isNaN(ms));
  const appName = stringOutput(outputs, "appName") ?? (await configuredApp(session, summary.name))?.name;
  return {
    name: summary.name,
    reviewNumber,
    lastUpdate: parseDate(summary.lastUpdate),
    updateInProgress: summary.updateInProgress ?? false,
    createdAt: starts.length > 0 ? new Date(Math.min(...starts)) : undefined,
    url: stringOutput(outputs, "url"),
    appNames: appName === undefined ? [] : [appName],
  };
}

/** All review stacks of the project with their details. */
export async function listReviewStacks(session: PulumiSession): Promise<ReviewStackDetails[]> {
  const details: ReviewStackDetails[] = [];
  for (const summary of reviewSummaries(await session.listStacks())) {
    const found = await reviewStackDetails(session, summary);
    if (found !== undefined) details.push(found);
  }
  return details;
}
