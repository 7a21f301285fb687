/**
 * Naming rules: Scalingo app names, child resource names and review app names.
 *
 * Pure functions only; everything here is unit- and property-tested.
 */

import { APP_NAME_MAX } from "../../providers/scalingo/limits";

/** Scalingo's app-name rule lives with the other limits (`providers/scalingo/limits.ts`). */
export {
  APP_NAME_MAX,
  APP_NAME_MIN,
  APP_NAME_PATTERN,
  appNameProblem,
} from "../../providers/scalingo/limits";

/** Name of a child resource: `${parent}-${key}`, where `key` comes from a map key, never an array index. */
export function childName(parent: string, key: string): string {
  return `${parent}-${key}`;
}

/** The suffix every review app carries, so tools can recognise it: `-review-<N>`. */
export function reviewSuffix(reviewNumber: number): string {
  return `-review-${reviewNumber}`;
}

/** A 4-character base-36 FNV-1a hash: keeps shortened names of different sources apart. */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (const char of text) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return (hash % 36 ** 4).toString(36).padStart(4, "0");
}

/**
 * The review app for pull request `reviewNumber` of `sourceApp`: `<source app>-review-<N>`.
 * When that exceeds Scalingo's 48 characters, the source-app part is cut and a 4-character hash of the
 * full source name appended to it (like `physicalName` does for cloud limits), so two long source names
 * never collide; the `-review-<N>` suffix is always kept whole. Never Scalingo's own `-pr<N>` pattern.
 */
export function reviewAppName(sourceApp: string, reviewNumber: number): string {
  if (!Number.isInteger(reviewNumber) || reviewNumber < 1) {
    throw new Error(`review number must be a positive integer (got ${reviewNumber})`);
  }
  const suffix = reviewSuffix(reviewNumber);
  if (sourceApp.length + suffix.length <= APP_NAME_MAX) return `${sourceApp}${suffix}`;
  const hash = shortHash(sourceApp);
  const room = APP_NAME_MAX - suffix.length - hash.length - 1;
  const base = sourceApp.slice(0, room).replace(/-+$/, "");
  return `${base}-${hash}${suffix}`;
}

/**
 * The app of companion `kind` beside `app`: `<app>-<kind>`, shortened as {@link reviewAppName} does (cut, then
 * a hash of the full name) when that exceeds Scalingo's 48 characters.
 * @example companionAppName("shop", "metabase") → "shop-metabase"
 */
export function companionAppName(app: string, kind: string): string {
  const suffix = `-${kind}`;
  if (app.length + suffix.length <= APP_NAME_MAX) return `${app}${suffix}`;
  const hash = shortHash(app);
  const base = app.slice(0, APP_NAME_MAX - suffix.length - hash.length - 1).replace(/-+$/, "");
  return `${base}-${hash}${suffix}`;
}

/** Matches names made by {@link reviewAppName}; captures the source part and the number. */
export const REVIEW_APP_PATTERN = /^([a-z0-9]+(?:-[a-z0-9]+)*)-review-([1-9][0-9]*)$/;

/** `{ source, reviewNumber }` when `appName` follows the review pattern, else `undefined`. */
export function parseReviewAppName(appName: string): { source: string; reviewNumber: number } | undefined {
  const match = REVIEW_APP_PATTERN.exec(appName);
  if (!match?.[1] || !match[2]) return undefined;
  return { source: match[1], reviewNumber: Number(match[2]) };
}

/** True for Scalingo's own review apps (`<parent>-pr<N>`), which paasenv never touches. */
export function isScalingoReviewApp(appName: string): boolean {
  return /-pr[0-9]+$/.test(appName);
}

/** The review stack name for pull request `reviewNumber`. */
export function reviewStackName(reviewNumber: number): string {
  return `review-${reviewNumber}`;
}
