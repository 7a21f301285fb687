/**
 * `paasenv release notes [<from>..<to>]`: the Markdown release notes of a range of commits, by default from
 * the last release before `<to>` to `<to>` (`HEAD`).
 */
import type { Command } from "commander";
import { commitOf, topLevel } from "../lib/git";
import { type Io, progress } from "../lib/pulumi";
import type { CommandContext } from "../program";
import { parseCommit } from "./conventional";
import { commitsBetween, releasesReachableFrom } from "./history";
import { REPO_FIX } from "./next";
import { parseRange, previousRelease, type Range } from "./range";
import { renderNotes } from "./render";
import { type Language, loadTitles, parseLanguage, type Titles } from "./titles";

/** Options of {@link releaseNotes}. */
export interface NotesOptions {
  repo: string | undefined;
  range: Range;
  titles: Titles;
}

/** The start of the range: the given ref, or the last release before `toCommit` (none: the whole history). */
async function rangeStart(
  repo: string,
  from: string | undefined,
  toCommit: string,
): Promise<{ commit: string | undefined; label: string | undefined }> {
  if (from !== undefined) return { commit: await commitOf(repo, from, "the range's start"), label: from };
  const previous = previousRelease(await releasesReachableFrom(repo, toCommit), toCommit);
  return { commit: previous?.commit, label: previous?.tag };
}

/** Reads the range's commits and renders the notes. */
export async function releaseNotes(options: NotesOptions, io: Io): Promise<string> {
  const repo = await topLevel(options.repo ?? process.cwd(), REPO_FIX);
  const to = options.range.to ?? "HEAD";
  const toCommit = await commitOf(repo, to, "the range's end");
  const from = await rangeStart(repo, options.range.from, toCommit);
  const log = await commitsBetween(repo, from.commit, toCommit);
  const range = from.label === undefined ? to : `${from.label}..${to}`;
  const merges = log.filter((commit) => commit.merge).length;
  progress(
    io,
    `release notes of ${range}: ${log.length} commit(s), ${merges} merge(s) in the changelog only`,
  );
  const commits = log.filter((commit) => !commit.merge).map(parseCommit);
  return renderNotes({ commits, log, range, titles: options.titles });
}

/** Registers `release notes`. */
export function registerReleaseNotes(release: Command, context: CommandContext): void {
  release
    .command("notes")
    .description("print Markdown release notes: features, fixes, dependency updates… then the full changelog")
    .argument(
      "[range]",
      "<from>..<to>; default: the last release tag before <to> .. HEAD (either end may be left out)",
    )
    .option(
      "--repo <path>",
      "the application's git repository (any folder inside it); default: the current directory",
    )
    .option("--lang <language>", "the built-in section titles: en or fr", parseLanguage, "en")
    .option(
      "--titles <file.json>",
      "override section titles and labels from a JSON object (see docs/releases.md)",
    )
    .action(async (text: string | undefined, opts: { repo?: string; lang: Language; titles?: string }) => {
      const titles = loadTitles(opts.lang, opts.titles);
      const range = parseRange(text);
      context.io.stdout(await releaseNotes({ repo: opts.repo, range, titles }, context.io));
    });
}
