/**
 * What `review gc` does, decided by pure functions: which review stacks are stale, and which Scalingo
 * apps look like paasenv review apps that no stack owns (orphans). Scalingo's own review apps
 * (`<parent>-pr<N>`) are never candidates.
 */
import { isScalingoReviewApp, parseReviewAppName, reviewAppName } from "../../components/config/naming";

/** A review stack as `review list` and `review gc` see it. */
export interface ReviewStackInfo {
  /** Stack name, `review-<N>`. */
  name: string;
  reviewNumber: number;
  /** When the stack was last updated; `undefined` when it never was. */
  lastUpdate: Date | undefined;
  updateInProgress: boolean;
  /** The Scalingo app names this stack owns (from its outputs, or derived from its config). */
  appNames: string[];
}

/** A Scalingo app seen in the account. */
export interface ScalingoAppInfo {
  name: string;
  region: string;
}

/** The decisions of one `review gc` run. */
export interface GcPlan {
  /** Stacks last updated before the limit: destroyed, then removed. */
  stale: ReviewStackInfo[];
  /** Stacks kept (recent, or an update is running). */
  kept: ReviewStackInfo[];
  /** Apps named like review apps of our source apps that no stack of the backend owns. */
  orphans: ScalingoAppInfo[];
  /** Scalingo's own `-pr<N>` review apps: never touched. */
  scalingoReviewApps: ScalingoAppInfo[];
}

/** The stack number of `review-<N>`, or `undefined` for other stacks. */
export function reviewNumberOfStack(stackName: string): number | undefined {
  const match = /^(?:.*\/)?review-([1-9][0-9]*)$/.exec(stackName);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** True when the stack was last updated more than `olderThanMs` before `now` (or never). */
export function isStale(stack: ReviewStackInfo, now: Date, olderThanMs: number): boolean {
  if (stack.updateInProgress) return false;
  if (stack.lastUpdate === undefined) return true;
  return now.getTime() - stack.lastUpdate.getTime() > olderThanMs;
}

/**
 * True when `appName` is exactly the review app that one of `sourceApps` gets for its review number
 * (so another team's `<something>-review-<N>` app is never taken for ours).
 */
export function isReviewAppOf(appName: string, sourceApps: readonly string[]): boolean {
  if (isScalingoReviewApp(appName)) return false;
  const parsed = parseReviewAppName(appName);
  if (parsed === undefined) return false;
  return sourceApps.some((source) => reviewAppName(source, parsed.reviewNumber) === appName);
}

/**
 * Decides what `review gc --older-than <olderThanMs>` does. An app named like a review app is an orphan only
 * when no stack owns it: neither a review stack nor any other stack of the backend (`ownedApps`, read from
 * every stack's state), so a `preprod` stack whose app happens to be called `<source app>-review-77` keeps it.
 */
export function planReviewGc(input: {
  stacks: readonly ReviewStackInfo[];
  apps: readonly ScalingoAppInfo[];
  sourceApps: readonly string[];
  /** The apps of every stack of the backend. */
  ownedApps: ReadonlySet<string>;
  now: Date;
  olderThanMs: number;
}): GcPlan {
  const stale = input.stacks.filter((stack) => isStale(stack, input.now, input.olderThanMs));
  const kept = input.stacks.filter((stack) => !stale.includes(stack));
  const owned = new Set([...input.stacks.flatMap((stack) => stack.appNames), ...input.ownedApps]);
  return {
    stale,
    kept,
    orphans: input.apps.filter((app) => !owned.has(app.name) && isReviewAppOf(app.name, input.sourceApps)),
    scalingoReviewApps: input.apps.filter((app) => isScalingoReviewApp(app.name)),
  };
}

/** A short human duration: `45s`, `12m`, `3h 20m`, `4d 2h`. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3_600);
  const minutes = Math.floor((seconds % 3_600) / 60);
  if (days > 0) return hours > 0 ? `${days}d ${hours}h` : `${days}d`;
  if (hours > 0) return minutes > 0 ? `${hours}h ${minutes}m` : `${hours}h`;
  if (minutes > 0) return `${minutes}m`;
  return `${seconds}s`;
}

/** Plain-text table with left-aligned columns, for stdout. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((text, i) => text.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}
