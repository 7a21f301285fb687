/**
 * The chat notice of a production release: what the production workflow posts once its jobs are done, as the
 * `{ "text": … }` payload that Slack's and Mattermost's incoming webhooks both accept. Plain text, inline code
 * and bare URLs only, which both render.
 */

import type { FailedCheck } from "../deploy/report";
import { RELEASE_TAG } from "../lib/versions";

/** A GitHub Actions job result (`needs.<job>.result`). */
export type JobResult = "success" | "failure" | "cancelled" | "skipped";

/** The job results a notice accepts. */
export const JOB_RESULTS: readonly JobResult[] = ["success", "failure", "cancelled", "skipped"];

/** What the workflow knows when it posts the notice. */
export interface NoticeFacts {
  /** The release tag, e.g. `v1.3.0`. */
  version: string;
  /** The stack deployed. @default `"production"` */
  stack: string;
  /** The result of the job that runs `up`, the deploy and the HTTP check. */
  up: JobResult;
  /** The result of the job that creates the GitHub release. */
  release: JobResult;
  /** The check the deploy failed (`check` of `paasenv deploy --json`), when it failed. */
  check: FailedCheck | undefined;
  /** What production ran before this deploy (`running` of `paasenv deploy --json`): a release or a commit. */
  good: string | undefined;
  /** Who pushed the tag. */
  actor: string | undefined;
  releaseUrl: string | undefined;
  runUrl: string | undefined;
}

/** A notice and whether it reports a release or a failure. */
export interface Notice {
  outcome: "released" | "failed";
  text: string;
}

/** What happened to the version, by the deploy check that failed. */
const FAILED: Record<FailedCheck, string> = {
  policy: "was refused: it is not a release tag of the repository",
  guard: "was refused: it is older than the release production runs",
  deployment: "did not reach production: its deployment failed (build or start)",
  http: "is deployed but does not answer its HTTP check",
  error: "did not reach production: the deploy stopped on an error",
};

/** The sentence naming the version believed good and the one command that redeploys it. */
export function redeployLine(facts: Pick<NoticeFacts, "stack" | "good" | "check">): string {
  if (facts.good === undefined) {
    // No report: the deploy never ran, or stopped before it could say what production ran.
    return facts.check === undefined
      ? "What production runs was not read: see the run."
      : "No earlier successful deployment is known there.";
  }
  // After a failed HTTP check the new version is production's last successful deployment: going back to
  // the older one needs --force past the release guard; a commit with no release tag needs it past the policy.
  const force = facts.check === "http" || !RELEASE_TAG.test(facts.good) ? " --force" : "";
  return (
    `Version still believed good: ${facts.good}; to redeploy it: ` +
    `\`paasenv deploy ${facts.stack} --ref ${facts.good}${force} --verify\`.`
  );
}

/** Why the run failed, in a few words. */
function failure(facts: NoticeFacts): string {
  if (facts.up === "success") {
    return "is in production and answers, but its GitHub release could not be created";
  }
  if (facts.check !== undefined) return FAILED[facts.check];
  if (facts.up === "cancelled") return "did not reach production: the run was cancelled";
  return "did not reach production: the run failed before or during the deploy";
}

/** Appends ` (tagged by <actor>)` when the actor is known. */
const by = (actor: string | undefined) => (actor === undefined ? "" : ` (tagged by ${actor})`);

/**
 * The notice for `facts`: a release when both jobs succeeded, else a failure notice saying what failed, that
 * nothing was rolled back, and how to redeploy the version believed good.
 * @example noticeOf({ version: "v1.3.0", up: "success", release: "success", releaseUrl: "https://…", … })
 *   → { outcome: "released", text: "v1.3.0 is in production (tagged by alice). Release notes: https://…" }
 */
export function noticeOf(facts: NoticeFacts): Notice {
  const run = facts.runUrl === undefined ? "" : ` Run: ${facts.runUrl}`;
  if (facts.up === "success" && facts.release === "success") {
    const notes = facts.releaseUrl === undefined ? "" : ` Release notes: ${facts.releaseUrl}`;
    return {
      outcome: "released",
      text: `${facts.version} is in production, verified${by(facts.actor)}.${notes}`,
    };
  }
  const reached = facts.up === "success" || facts.check === "http";
  const rollback = reached ? " Nothing was rolled back." : "";
  const redeploy = facts.up === "success" ? "" : ` ${redeployLine(facts)}`;
  return {
    outcome: "failed",
    text: `Release ${facts.version} failed${by(facts.actor)}: it ${failure(facts)}.${rollback}${redeploy}${run}`,
  };
}

/** The webhook payload of a notice. */
export function noticePayload(notice: Notice): { text: string } {
  return { text: notice.text };
}
