/**
 * Which code may go to which environment: production only takes a release, that is a commit carrying a
 * semantic-version tag `vX.Y.Z`; staging and review environments take any ref. `--force` overrides the rule.
 */

import { highestRelease, RELEASE_TAG } from "../lib/versions";

/** Where the code of a deployment comes from. */
export type DeploySource =
  /** A `git archive` of `commit`, resolved from `ref`; `tags` are the tags pointing at `commit`. */
  | { kind: "git"; ref: string; commit: string; tags: readonly string[] }
  /** A ready-made archive (`--archive`) or a URL Scalingo downloads (`--source-url`): nothing to verify. */
  | { kind: "archive" | "source-url"; ref: string | undefined };

/** The decision: deploy (naming the release, for production) or refuse with a reason the user can act on. */
export type PolicyDecision =
  | { allowed: true; release: string | undefined }
  | { allowed: false; reason: string };

/** `refs/tags/v1.2.3` → `v1.2.3`; other refs unchanged. */
export function shortRef(ref: string): string {
  return ref.replace(/^refs\/(tags|heads)\//, "");
}

/**
 * The release tag of a git source: the ref itself when it names a release tag pointing at the commit, else the
 * highest release tag pointing at the commit (`HEAD` checked out at `v1.2.3`), else `undefined`.
 */
export function releaseTagOf(source: { ref: string; tags: readonly string[] }): string | undefined {
  const named = shortRef(source.ref);
  if (RELEASE_TAG.test(named) && source.tags.includes(named)) return named;
  return highestRelease(source.tags);
}

/**
 * Whether `source` may be deployed to a stack of `environment`.
 * @example deployPolicy({ environment: "production", force: false, source: { kind: "git", ref: "main", commit, tags: [] } })
 *   → refused: production only deploys a commit tagged vX.Y.Z
 */
export function deployPolicy(args: {
  stack: string;
  environment: string;
  force: boolean;
  source: DeploySource;
}): PolicyDecision {
  const { stack, environment, force, source } = args;
  const release = source.kind === "git" ? releaseTagOf(source) : undefined;
  if (environment !== "production" || force || release !== undefined) return { allowed: true, release };
  const fix = "deploy a release tag (git tag v1.2.3 && paasenv deploy … --ref v1.2.3) or pass --force";
  if (source.kind !== "git") {
    return {
      allowed: false,
      reason:
        `${stack} is a production stack and an ${source.kind === "archive" ? "--archive" : "--source-url"} ` +
        `cannot be checked against a release tag; ${fix}`,
    };
  }
  const tags = source.tags.length > 0 ? `its tags: ${source.tags.join(", ")}` : "it has no tag";
  return {
    allowed: false,
    reason:
      `${stack} is a production stack: it only deploys a commit tagged vX.Y.Z, and ` +
      `"${source.ref}" (${source.commit.slice(0, 12)}) is not one (${tags}); ${fix}`,
  };
}
