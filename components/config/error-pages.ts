/**
 * `paasenv:errorPages`: the pages Scalingo's routers show instead of their own, through the `SCALINGO_*_URL`
 * variables they read (the app restarts when one changes: Scalingo reads them at start). Pages are cached by
 * the router, 10 MB at most.
 * @see https://doc.scalingo.com/platform/app/custom-error-page
 */
import { z } from "zod";
import type { AddIssue } from "./errors";

const page = (when: string) =>
  z
    .url({ protocol: /^https$/, message: "must be an https URL" })
    .optional()
    .describe(when);

/** `paasenv:errorPages`. */
export const errorPagesSchema = z.strictObject({
  stopped: page("Maintenance/stopped page: no container runs (`SCALINGO_STOPPED_PAGE_URL`)."),
  noFront: page(
    "No web container runs, other types do; the maintenance page of docs/production.md (`SCALINGO_NO_FRONT_ERROR_URL`).",
  ),
  appError: page("The app answered 502, crashed or cut the connection (`SCALINGO_APP_ERROR_URL`)."),
  timeout: page("The app answered 504 or timed out (`SCALINGO_TIMEOUT_ERROR_URL`)."),
});

export type ErrorPagesConfig = z.infer<typeof errorPagesSchema>;

/** The variable each page is set in. */
export const ERROR_PAGE_VARIABLES: Readonly<Record<keyof ErrorPagesConfig, string>> = {
  stopped: "SCALINGO_STOPPED_PAGE_URL",
  noFront: "SCALINGO_NO_FRONT_ERROR_URL",
  appError: "SCALINGO_APP_ERROR_URL",
  timeout: "SCALINGO_TIMEOUT_ERROR_URL",
};

/** The `SCALINGO_*_URL` variables of the configured pages. */
export function errorPageVariables(pages: ErrorPagesConfig | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(pages ?? {}).flatMap(([key, url]) =>
      url === undefined ? [] : [[ERROR_PAGE_VARIABLES[key as keyof ErrorPagesConfig], url]],
    ),
  );
}

/** A page variable also set in `paasenv:env` or `paasenv:secretEnv` is set twice. */
export function checkErrorPages(
  pages: ErrorPagesConfig | undefined,
  env: Record<string, string>,
  secretEnv: Record<string, string>,
  issue: AddIssue,
): void {
  for (const name of Object.keys(errorPageVariables(pages))) {
    for (const [where, set] of [
      ["env", env],
      ["secretEnv", secretEnv],
    ] as const) {
      if (name in set) issue([where, name], "is also set by `paasenv:errorPages`; keep only one of the two");
    }
  }
}
