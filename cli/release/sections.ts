/**
 * The user-facing sections of the release notes and which commit goes where. Every commit lands in exactly
 * one section; a commit that follows no convention goes to "Other changes", never nowhere.
 */
import type { ParsedCommit } from "./conventional";

/** The sections, in the order the notes show them. */
export const SECTION_KEYS = ["features", "fixes", "dependencies", "technical", "other"] as const;

/** One section of the notes. */
export type SectionKey = (typeof SECTION_KEYS)[number];

/** Scopes that mark a dependency update (`build(deps)`, `chore(deps)`, Dependabot's `chore(deps-dev)`). */
export const DEPENDENCY_SCOPES: readonly string[] = ["deps", "deps-dev"];

/** The types of each section; dependency scopes win over types. */
const SECTION_OF_TYPE: Readonly<Record<string, SectionKey>> = {
  feat: "features",
  fix: "fixes",
  perf: "fixes",
  revert: "fixes",
  refactor: "technical",
  build: "technical",
  ci: "technical",
  chore: "technical",
  docs: "technical",
  test: "technical",
  style: "technical",
};

/**
 * The section of one commit.
 * @example sectionOf(parseCommit({ subject: "fix(deps): bump axios", … })) → "dependencies"
 */
export function sectionOf(commit: ParsedCommit): SectionKey {
  if (commit.type === undefined) return "other";
  if (commit.scope !== undefined && DEPENDENCY_SCOPES.includes(commit.scope.toLowerCase())) {
    return "dependencies";
  }
  return SECTION_OF_TYPE[commit.type] ?? "other";
}

/** The commits of each section, in the order given; every section present, possibly empty. */
export function groupCommits(commits: readonly ParsedCommit[]): Record<SectionKey, ParsedCommit[]> {
  const groups: Record<SectionKey, ParsedCommit[]> = {
    features: [],
    fixes: [],
    dependencies: [],
    technical: [],
    other: [],
  };
  for (const commit of commits) groups[sectionOf(commit)].push(commit);
  return groups;
}
