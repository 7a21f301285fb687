/**
 * The `<from>..<to>` argument of `paasenv release notes` and the release a range starts from when `<from>` is
 * left out: the last release before `<to>`.
 */
import { usageError } from "../lib/errors";
import { compareVersions, type Version } from "../lib/versions";

/** A range as typed: either end may be left out. */
export interface Range {
  from: string | undefined;
  to: string | undefined;
}

/**
 * Parses `<from>..<to>`, `<from>..`, `..<to>` or nothing (both ends left out).
 * @example parseRange("v1.2.0..v1.3.0") → { from: "v1.2.0", to: "v1.3.0" }
 */
export function parseRange(text: string | undefined): Range {
  if (text === undefined || text.trim() === "") return { from: undefined, to: undefined };
  const parts = text.trim().split("..");
  const [from, to] = parts;
  if (parts.length !== 2 || text.includes("...") || /\s/.test(text.trim())) {
    throw usageError(
      `the range must be <from>..<to> (two dots; either end may be left out: v1.2.0.., ..v1.3.0), got "${text}"`,
    );
  }
  return { from: from === "" ? undefined : from, to: to === "" ? undefined : to };
}

/** A release tag and the commit it points at. */
export interface ReleaseAt {
  tag: string;
  commit: string;
  version: Version;
}

/** The highest of `releases`, or `undefined`. */
export function highest(releases: readonly ReleaseAt[]): ReleaseAt | undefined {
  return [...releases].sort((a, b) => compareVersions(a.version, b.version)).at(-1);
}

/**
 * The release a range ending at `toCommit` starts from: the highest release tag reachable from it that does
 * not point at it (notes for the tag `v1.3.0` start at the release before, not at `v1.3.0` itself).
 */
export function previousRelease(reachable: readonly ReleaseAt[], toCommit: string): ReleaseAt | undefined {
  return highest(reachable.filter((release) => release.commit !== toCommit));
}
