/**
 * The next semantic version from the commits since the last release: a breaking change bumps the major
 * version, a `feat` the minor one, anything else the patch; while the major version is 0, a breaking change
 * bumps the minor version.
 * @see https://semver.org/#spec-item-4
 */
import { formatTag, type Version } from "../lib/versions";
import type { ParsedCommit } from "./conventional";

/** Which part of the version moves. */
export type Bump = "major" | "minor" | "patch";

/** The bump `commits` call for, or `undefined` when there is none. */
export function bumpOf(commits: readonly ParsedCommit[]): Bump | undefined {
  if (commits.length === 0) return undefined;
  if (commits.some((commit) => commit.breaking)) return "major";
  if (commits.some((commit) => commit.type === "feat")) return "minor";
  return "patch";
}

/**
 * `version` moved by `bump`; a major bump of a `0.y.z` version moves the minor part.
 * @example applyBump({ major: 0, minor: 3, patch: 1 }, "major") → { major: 0, minor: 4, patch: 0 }
 */
export function applyBump(version: Version, bump: Bump): Version {
  const { major, minor, patch } = version;
  if (bump === "major" && major > 0) return { major: major + 1, minor: 0, patch: 0 };
  if (bump === "major" || bump === "minor") return { major, minor: minor + 1, patch: 0 };
  return { major, minor, patch: patch + 1 };
}

/** What `paasenv release next` found. */
export type NextRelease =
  /** `next` is the tag to create; `bump` is `undefined` for a first release (`--initial`). */
  | { kind: "next"; last: string | undefined; next: string; bump: Bump | undefined; commits: number }
  /** No commit since `last`: nothing to release. */
  | { kind: "nothing"; last: string }
  /** No release tag yet and no initial version given. */
  | { kind: "no-tag" };

/**
 * The next release from the last release tag (`undefined` when there is none), its version, the commits since
 * it and the version a repository without tags starts at.
 */
export function nextRelease(args: {
  last: { tag: string; version: Version } | undefined;
  commits: readonly ParsedCommit[];
  initial: Version | undefined;
}): NextRelease {
  const { last, commits, initial } = args;
  if (last === undefined) {
    if (initial === undefined) return { kind: "no-tag" };
    return {
      kind: "next",
      last: undefined,
      next: formatTag(initial),
      bump: undefined,
      commits: commits.length,
    };
  }
  const bump = bumpOf(commits);
  if (bump === undefined) return { kind: "nothing", last: last.tag };
  return {
    kind: "next",
    last: last.tag,
    next: formatTag(applyBump(last.version, bump)),
    bump,
    commits: commits.length,
  };
}
