/**
 * Reading a commit message the Conventional Commits way: `type(scope)!: description`, a `BREAKING CHANGE:`
 * footer, and the `(#123)` GitHub appends to squash-merged pull requests. A message that follows no convention
 * is kept whole, with no type.
 * @see https://www.conventionalcommits.org/en/v1.0.0/
 */

/** A commit as git gives it. */
export interface RawCommit {
  /** The full SHA. */
  sha: string;
  /** The first line of the message. */
  subject: string;
  /** The rest of the message. */
  body: string;
}

/** A commit as the release notes and the version bump read it. */
export interface ParsedCommit {
  sha: string;
  /** The message's first line, as written. */
  subject: string;
  /** `feat`, `fix`… in lower case; `undefined` when the subject follows no convention. */
  type: string | undefined;
  /** The scope in parentheses (`api` in `feat(api): …`), when there is one. */
  scope: string | undefined;
  /** `!` before the colon, or a `BREAKING CHANGE:` / `BREAKING-CHANGE:` footer. */
  breaking: boolean;
  /** The text after `type(scope): `, without the trailing `(#123)`; the whole subject without convention. */
  description: string;
  /** The pull-request number of a trailing `(#123)`. */
  pr: number | undefined;
}

const HEADER = /^(?<type>[A-Za-z]+)(?:\((?<scope>[^()\n]*)\))?(?<bang>!)?: +(?<description>\S.*)$/;
const PR_SUFFIX = /\s*\(#(?<pr>[1-9][0-9]*)\)$/;
const BREAKING_FOOTER = /^BREAKING[ -]CHANGE: /m;
/** The subject `git revert` writes: `Revert "feat: …"`. */
const GIT_REVERT = /^Revert ".*"$/;

/** Splits a trailing `(#123)` off `text`. */
export function splitPr(text: string): { text: string; pr: number | undefined } {
  const match = PR_SUFFIX.exec(text);
  if (match === null) return { text, pr: undefined };
  return { text: text.slice(0, match.index), pr: Number(match.groups?.pr) };
}

/**
 * Parses one commit.
 * @example parseCommit({ sha, subject: "feat(api)!: drop v1 (#42)", body: "" })
 *   → { type: "feat", scope: "api", breaking: true, description: "drop v1", pr: 42, … }
 */
export function parseCommit(commit: RawCommit): ParsedCommit {
  const subject = commit.subject.trim();
  const footerBreaking = BREAKING_FOOTER.test(commit.body);
  const { text, pr } = splitPr(subject);
  const header = HEADER.exec(text)?.groups;
  if (header !== undefined) {
    const scope = header.scope?.trim();
    return {
      sha: commit.sha,
      subject,
      type: (header.type ?? "").toLowerCase(),
      scope: scope === undefined || scope === "" ? undefined : scope,
      breaking: header.bang === "!" || footerBreaking,
      description: header.description ?? text,
      pr,
    };
  }
  const type = GIT_REVERT.test(text) ? "revert" : undefined;
  return {
    sha: commit.sha,
    subject,
    type,
    scope: undefined,
    breaking: footerBreaking,
    description: text,
    pr,
  };
}
