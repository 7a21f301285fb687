/**
 * Semantic versions and release tags, shared by `paasenv deploy` (production takes a release) and
 * `paasenv release` (the next version, the notes between two releases).
 */

/** A release tag: `v` and three numbers without leading zeros (`v1.4.0`, not `v1.4`, `1.4.0` or `v1.4.0-rc.1`). */
export const RELEASE_TAG = /^v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/;

/** A version `major.minor.patch`. */
export interface Version {
  major: number;
  minor: number;
  patch: number;
}

/**
 * The version of a release tag, or of a plain version when `plain` is allowed (`1.4.0`); `undefined` for
 * anything else (pre-releases included).
 * @example parseVersion("v1.4.0") → { major: 1, minor: 4, patch: 0 }
 */
export function parseVersion(text: string, plain = false): Version | undefined {
  const match = RELEASE_TAG.exec(plain && !text.startsWith("v") ? `v${text}` : text);
  if (match === null) return undefined;
  const [major, minor, patch] = match.slice(1).map(Number);
  return { major: major ?? 0, minor: minor ?? 0, patch: patch ?? 0 };
}

/** The release tag of a version: `v1.4.0`. */
export function formatTag(version: Version): string {
  return `v${version.major}.${version.minor}.${version.patch}`;
}

/** Orders versions: negative when `a` comes before `b`. */
export function compareVersions(a: Version, b: Version): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

const ZERO: Version = { major: 0, minor: 0, patch: 0 };

/** Orders release tags by version (`v1.10.0` after `v1.9.3`); anything else counts as `v0.0.0`. */
export function compareReleases(a: string, b: string): number {
  return compareVersions(parseVersion(a) ?? ZERO, parseVersion(b) ?? ZERO);
}

/** The highest release tag among `tags` (other tags ignored), or `undefined`. */
export function highestRelease(tags: readonly string[]): string | undefined {
  return tags
    .filter((tag) => RELEASE_TAG.test(tag))
    .sort(compareReleases)
    .at(-1);
}
