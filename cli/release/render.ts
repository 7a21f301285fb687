/**
 * The Markdown of the release notes: one section per kind of change for readers who do not read commits, each
 * commit once with its scope and pull-request number, then every commit of the range as `git log --oneline`
 * shows it.
 */
import { type ParsedCommit, splitPr } from "./conventional";
import { groupCommits, SECTION_KEYS, sectionOf } from "./sections";
import type { Titles } from "./titles";

/** A line of the full changelog. */
export interface LogLine {
  sha: string;
  subject: string;
}

/** What the notes are made of. */
export interface NotesInput {
  /** The commits of the sections (merge commits left out), newest first. */
  commits: readonly ParsedCommit[];
  /** Every commit of the range, merges included, newest first. */
  log: readonly LogLine[];
  /** `v1.2.0..v1.3.0`, shown under the changelog's title. */
  range: string;
  titles: Titles;
}

/**
 * `<` and `>` as entities outside code spans, so that GitHub does not take `<stack>` for an HTML tag and drop
 * it (inside backticks they already show as typed).
 * @example escapeAngles("recover <stack> (`<stack>`)") → "recover &lt;stack&gt; (`<stack>`)"
 */
export function escapeAngles(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part) => (part.startsWith("`") ? part : part.replace(/</g, "&lt;").replace(/>/g, "&gt;")))
    .join("");
}

/**
 * One item of a section: `**scope:** description (#PR)`, marked when breaking; in "Other changes" (no convention,
 * or a type no section takes) the whole subject.
 * @example noteItem(parseCommit({ subject: "fix(api): handle empty pages (#12)", … }), titles)
 *   → "- **api:** handle empty pages (#12)"
 */
export function noteItem(commit: ParsedCommit, titles: Titles): string {
  const other = sectionOf(commit) === "other";
  const scope = commit.scope === undefined || other ? "" : `**${escapeAngles(commit.scope)}:** `;
  const text = other ? splitPr(commit.subject).text : commit.description;
  const pr = commit.pr === undefined ? "" : ` (#${commit.pr})`;
  const breaking = commit.breaking ? ` (**${titles.breaking}**)` : "";
  return `- ${scope}${escapeAngles(text)}${pr}${breaking}`;
}

/** The Markdown of the notes, ending with a newline. */
export function renderNotes(input: NotesInput): string {
  const { titles } = input;
  const groups = groupCommits(input.commits);
  const sections = SECTION_KEYS.filter((key) => groups[key].length > 0).map((key) =>
    [`## ${titles[key]}`, "", ...groups[key].map((commit) => noteItem(commit, titles))].join("\n"),
  );
  const changelog = [
    `## ${titles.changelog}`,
    "",
    `\`${input.range}\``,
    "",
    ...input.log.map((line) => `- ${line.sha.slice(0, 7)} ${escapeAngles(line.subject)}`),
  ].join("\n");
  const body = sections.length > 0 ? sections : [titles.empty];
  return `${[...body, ...(input.log.length > 0 ? [changelog] : [])].join("\n\n")}\n`;
}
