/**
 * Deployment statuses and build output, as `paasenv deploy` reports them.
 * @see https://developers.scalingo.com/deployments
 */

/** Statuses of a deployment still under way, in order. */
export const IN_PROGRESS_STATUSES = ["queued", "building", "pushing", "starting"] as const;

/** Final statuses of a failed deployment. */
export const FAILURE_STATUSES = [
  "build-error",
  "crashed-error",
  "timeout-error",
  "hook-error",
  "aborted",
] as const;

/** Where a deployment stands. */
export type StatusClass = "in-progress" | "success" | "failure";

/**
 * Classifies a status. Unknown statuses ending in `-error` count as failures (Scalingo adds new ones from time
 * to time); any other unknown status is taken as still under way, so the deploy keeps following it.
 */
export function classifyStatus(status: string): StatusClass {
  if (status === "success") return "success";
  if ((FAILURE_STATUSES as readonly string[]).includes(status) || status.endsWith("-error")) return "failure";
  return "in-progress";
}

/** What each failure means, for the line that ends a failed deploy. */
const FAILURE_HINTS: Record<string, string> = {
  "build-error": "the build failed (buildpack, dependencies or compilation)",
  "crashed-error": "the new containers crashed while starting",
  "timeout-error": "the new containers did not start within 60 s (does `web` listen on $PORT?)",
  "hook-error": "the postdeploy hook (Procfile `postdeploy:` or scalingo.json `first-deploy`) failed",
  aborted: "the deployment was aborted",
};

/** A short explanation of a failure status. */
export function failureHint(status: string): string {
  return FAILURE_HINTS[status] ?? "the deployment failed";
}

/**
 * The last `count` lines of a build log, without trailing blank lines, keeping only what follows the last
 * carriage return of a line (progress bars), each prefixed with `prefix`.
 * @example tailLines("a\nb\nc\n\n", 2) → ["b", "c"]
 */
export function tailLines(text: string, count: number, prefix = ""): string[] {
  const lines = text.split("\n").map((line) => (line.replace(/\r+$/, "").split("\r").at(-1) ?? "").trimEnd());
  while (lines.length > 0 && lines.at(-1) === "") lines.pop();
  return lines.slice(Math.max(0, lines.length - Math.max(0, count))).map((line) => `${prefix}${line}`);
}
