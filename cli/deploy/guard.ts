/**
 * The release guard of production: never deploy a release older than the one production runs. What runs is
 * the `git_ref` of the app's last successful deployment: a release tag itself, or a commit that release tags of
 * the application repository point at.
 */
import type { ScalingoClient } from "../../providers/scalingo/client";
import { git } from "../lib/git";
import { compareReleases, highestRelease, RELEASE_TAG } from "../lib/versions";
import { lastSuccessfulDeployment } from "./api";

/** What production runs, as far as the deployments API and the repository tell. */
export interface Running {
  deploymentId: string;
  /** The deployment's `git_ref` (a commit SHA for `paasenv deploy` of a git ref). */
  gitRef: string | undefined;
  /** The release tag of `gitRef`, when there is one. */
  release: string | undefined;
}

/** The guard's decision. */
export type GuardDecision = { allowed: true; note: string | undefined } | { allowed: false; reason: string };

/**
 * The release of a deployment's `git_ref`: the ref itself when it is a release tag, else the highest release tag
 * of `repo` pointing at that commit; `undefined` when there is none (or the commit is not in `repo`).
 */
export async function releaseOfGitRef(
  gitRef: string | undefined,
  repo: string | undefined,
): Promise<string | undefined> {
  if (gitRef === undefined || gitRef === "") return undefined;
  if (RELEASE_TAG.test(gitRef)) return gitRef;
  if (repo === undefined || !/^[0-9a-f]{7,40}$/.test(gitRef)) return undefined;
  const tags = await git(repo, ["tag", "--points-at", gitRef]).catch(() => "");
  return highestRelease(tags.split("\n"));
}

/**
 * Whether `release` may replace what production runs: refused when it is older than the running release,
 * unless `force`. An unknown running release (no successful deployment, or a commit no release tag points at)
 * cannot be compared: allowed, with a note saying so.
 * @example releaseGuard({ stack: "production", release: "v1.2.0", running: { release: "v1.3.0", … }, force: false })
 *   → refused: older than v1.3.0
 */
export function releaseGuard(args: {
  stack: string;
  release: string | undefined;
  running: Running | undefined;
  force: boolean;
}): GuardDecision {
  const { stack, release, running, force } = args;
  if (release === undefined || running === undefined) return { allowed: true, note: undefined };
  if (running.release === undefined) {
    return {
      allowed: true,
      note:
        `${stack} runs ${running.gitRef ?? "an unlabelled deployment"} (deployment ${running.deploymentId}), ` +
        `which no release tag of the repository points at: cannot tell whether ${release} is older`,
    };
  }
  if (force || compareReleases(release, running.release) >= 0) return { allowed: true, note: undefined };
  return {
    allowed: false,
    reason:
      `${stack} runs ${running.release} (deployment ${running.deploymentId}) and ${release} is older; ` +
      `deploy ${running.release} or a newer release, or pass --force to go back to ${release} on purpose ` +
      "(what newer versions migrated is not undone)",
  };
}

/**
 * What production runs: the app's last successful deployment (newest first, a few pages read) and its release.
 * `undefined` when the app has none.
 */
export async function runningOf(
  client: ScalingoClient,
  app: string,
  repo: string | undefined,
): Promise<Running | undefined> {
  const last = await lastSuccessfulDeployment(client, app);
  if (last === undefined) return undefined;
  const gitRef = last.git_ref ?? undefined;
  return { deploymentId: last.id, gitRef, release: await releaseOfGitRef(gitRef, repo) };
}
