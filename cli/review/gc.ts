/**
 * `paasenv review gc --older-than <duration>`: tear down review stacks not updated for that long, and
 * report Scalingo apps named like our review apps that no stack of the backend owns (orphans), deleting them
 * only with `--delete-orphans`. Scalingo's own `-pr<N>` review apps are never touched.
 */
import type { Command } from "commander";
import { cliError, messageOf } from "../lib/errors";
import { ownedApps } from "../lib/owned-apps";
import { parseDuration } from "../lib/parse";
import { type Io, openPulumi, type PulumiSession, progress } from "../lib/pulumi";
import { renderReport } from "../lib/report";
import { deleteApp, listApps, scalingoSession } from "../lib/scalingo-apps";
import { listReviewStacks, sourceApps } from "../lib/stacks";
import type { CommandContext } from "../program";
import { destroyAndRemove } from "./down";
import { formatDuration, type GcPlan, planReviewGc, type ScalingoAppInfo } from "./gc-plan";

/** Options of `review gc`. */
interface GcOptions {
  olderThan: number;
  deleteOrphans?: boolean;
  dryRun?: boolean;
  sourceApp: string[];
  json?: boolean;
}

/** One line of the gc report (stdout). */
export interface GcReportLine {
  action: "removed" | "failed" | "would-remove" | "kept" | "orphan" | "orphan-deleted" | "ignored";
  name: string;
  detail: string;
}

/** The report lines for a plan before any action ran; `orphanNote` ends the line of an orphan not deleted. */
export function planLines(
  plan: GcPlan,
  now: Date,
  dryRun: boolean,
  deleteOrphans: boolean,
  orphanNote = "--delete-orphans deletes it",
): GcReportLine[] {
  const age = (date: Date | undefined) =>
    date === undefined
      ? "never updated"
      : `last update ${formatDuration(now.getTime() - date.getTime())} ago`;
  return [
    ...plan.kept.map((s): GcReportLine => ({ action: "kept", name: s.name, detail: age(s.lastUpdate) })),
    ...(dryRun
      ? plan.stale.map(
          (s): GcReportLine => ({ action: "would-remove", name: s.name, detail: age(s.lastUpdate) }),
        )
      : []),
    ...(dryRun || !deleteOrphans
      ? plan.orphans.map(
          (app): GcReportLine => ({
            action: "orphan",
            name: app.name,
            detail: `${app.region}: no stack owns it${deleteOrphans ? "" : `; ${orphanNote}`}`,
          }),
        )
      : []),
    ...plan.scalingoReviewApps.map(
      (app): GcReportLine => ({
        action: "ignored",
        name: app.name,
        detail: `${app.region}: a Scalingo review app (-pr<N>), never touched`,
      }),
    ),
  ];
}

/** Lists the apps of every region the source stacks use. */
async function scanApps(
  session: PulumiSession,
  io: Io,
  regions: readonly string[],
  sourceStacks: readonly string[],
) {
  let token: string | undefined;
  if (!process.env.SCALINGO_API_TOKEN) {
    for (const stack of sourceStacks) {
      token ??= await session.workspace.getConfig(stack, "scalingo:apiToken").then(
        (entry) => entry.value,
        () => undefined,
      );
    }
  }
  const holder = scalingoSession(process.env, token);
  const apps: ScalingoAppInfo[] = [];
  for (const region of regions) {
    progress(io, `listing Scalingo apps in ${region}`);
    apps.push(...(await listApps(holder, region)));
  }
  return { apps, holder };
}

/** The failure line when some stacks' state could not be read, so no orphan may be deleted. */
export function unverifiedLine(unreadable: readonly string[]): GcReportLine {
  return {
    action: "failed",
    name: "--delete-orphans",
    detail: `no orphan deleted: the state of ${unreadable.join(", ")} could not be read, and it may own them`,
  };
}

/** Runs `action`; appends its success line, or a `failed` line. Returns whether it succeeded. */
async function attempt(lines: GcReportLine[], success: GcReportLine, action: () => Promise<unknown>) {
  try {
    await action();
    lines.push(success);
    return true;
  } catch (error) {
    lines.push({ action: "failed", name: success.name, detail: messageOf(error).split("\n")[0] ?? "" });
    return false;
  }
}

/** Runs gc; returns the report and whether everything that was tried succeeded. */
export async function reviewGc(
  session: PulumiSession,
  context: CommandContext,
  command: Command,
  options: GcOptions,
) {
  const globals = context.globals(command);
  const { io } = context;
  const now = context.now();
  const stacks = await listReviewStacks(session);
  const sources = await sourceApps(session);
  const sourceNames = [...new Set([...sources.map((s) => s.name), ...options.sourceApp])];
  const regions = [...new Set(sources.map((s) => s.region))];
  progress(
    io,
    `${stacks.length} review stacks; source apps: ${sourceNames.length > 0 ? sourceNames.join(", ") : "none"}`,
  );
  const sourceStacks = sources.map((s) => s.stack);
  const { apps, holder } = await scanApps(
    session,
    io,
    regions.length > 0 ? regions : ["osc-fr1"],
    sourceStacks,
  );
  const owned = await ownedApps(session, globals.cwd, io);
  const plan = planReviewGc({
    stacks,
    apps,
    sourceApps: sourceNames,
    ownedApps: owned.names,
    now,
    olderThanMs: options.olderThan,
  });
  const dryRun = options.dryRun ?? false;
  // An unreadable state may own any of the "orphans": then none is deleted.
  const blocked = options.deleteOrphans === true && owned.unreadable.length > 0 && plan.orphans.length > 0;
  const deleteOrphans = (options.deleteOrphans ?? false) && !blocked;
  const note = blocked ? "not deleted (see below)" : undefined;
  const lines = planLines(plan, now, dryRun, deleteOrphans, note);
  if (blocked) lines.push(unverifiedLine(owned.unreadable));
  if (dryRun) return { lines, ok: !blocked };
  let ok = !blocked;
  for (const stale of plan.stale) {
    const removed: GcReportLine = {
      action: "removed",
      name: stale.name,
      detail: "stale: destroyed and removed",
    };
    ok = (await attempt(lines, removed, () => destroyAndRemove(session, globals, io, stale.name))) && ok;
  }
  for (const orphan of deleteOrphans ? plan.orphans : []) {
    progress(io, `deleting orphan app ${orphan.name} (${orphan.region})`);
    const deleted: GcReportLine = {
      action: "orphan-deleted",
      name: orphan.name,
      detail: `${orphan.region}: deleted`,
    };
    ok = (await attempt(lines, deleted, () => deleteApp(holder, orphan))) && ok;
  }
  return { lines, ok };
}

/** The report as text: one `action  name  detail` line each. */
export function renderGcReport(lines: readonly GcReportLine[]): string {
  return renderReport(lines);
}

/** Registers `review gc`. */
export function registerReviewGc(review: Command, context: CommandContext): void {
  review
    .command("gc")
    .description("tear down stale review stacks and report (or delete) orphaned review apps on Scalingo")
    .requiredOption(
      "--older-than <duration>",
      "remove review stacks last updated longer ago than this (e.g. 72h, 3d)",
      (v: string) => parseDuration(v),
    )
    .option("--delete-orphans", "also delete review apps that no stack owns (reported only, by default)")
    .option("--dry-run", "report what would be done, change nothing")
    .option(
      "--source-app <name>",
      "another source app whose <name>-review-<N> apps are ours (repeatable)",
      (v: string, prev: string[]) => [...prev, v],
      [],
    )
    .option("--json", "print the report as JSON")
    .action(async (opts: GcOptions, command: Command) => {
      const session = await openPulumi(context.globals(command), context.io);
      const { lines, ok } = await reviewGc(session, context, command, opts);
      context.io.stdout(opts.json ? `${JSON.stringify(lines)}\n` : `${renderGcReport(lines)}\n`);
      if (!ok) throw cliError("review gc: some stacks or apps could not be removed (see the report above)");
    });
}
