/**
 * `paasenv release next`: the next semantic version from the commits since the last release tag `vX.Y.Z`
 * reachable from a ref, printed alone on stdout for a script (`git tag "$(paasenv release next)"`).
 */
import type { Command } from "commander";
import { cliError, usageError } from "../lib/errors";
import { commitOf, topLevel } from "../lib/git";
import { type Io, progress } from "../lib/pulumi";
import { parseVersion, type Version } from "../lib/versions";
import type { CommandContext } from "../program";
import { type NextRelease, nextRelease } from "./bump";
import { parseCommit } from "./conventional";
import { commitsBetween, releasesReachableFrom } from "./history";
import { highest } from "./range";

/** Options of {@link releaseNext}. */
export interface NextOptions {
  /** Any folder inside the repository. @default the current directory */
  repo: string | undefined;
  /** The commit the release would be made of. @default `"HEAD"` */
  ref: string;
  /** The first version, for a repository without release tags. */
  initial: Version | undefined;
}

/** The fix for a folder outside a repository. */
export const REPO_FIX = "pass --repo <path of the application's repository>";

/** An `--initial` value: `0.1.0` or `v0.1.0`. */
export function parseInitial(text: string): Version {
  const version = parseVersion(text.trim(), true);
  if (version === undefined) {
    throw usageError(`--initial must be a version such as 0.1.0 or v1.0.0 (no pre-release), got "${text}"`);
  }
  return version;
}

/** Reads the repository and decides the next release (merge commits carry no type and are left out). */
export async function releaseNext(options: NextOptions): Promise<NextRelease> {
  const repo = await topLevel(options.repo ?? process.cwd(), REPO_FIX);
  const to = await commitOf(repo, options.ref, "--ref");
  const last = highest(await releasesReachableFrom(repo, to));
  const logged = await commitsBetween(repo, last?.commit, to);
  const commits = logged.filter((commit) => !commit.merge).map(parseCommit);
  return nextRelease({ last, commits, initial: options.initial });
}

/** Prints the result (the version on stdout, how it was reached on stderr) or fails saying why not. */
export function reportNext(result: NextRelease, ref: string, json: boolean, io: Io): void {
  if (result.kind === "no-tag") {
    throw usageError(
      `no release tag vX.Y.Z is reachable from ${ref}: pass --initial <version> (e.g. --initial 0.1.0) for the first release`,
    );
  }
  if (result.kind === "nothing") {
    throw cliError(`nothing to release: no commit between ${result.last} and ${ref}`);
  }
  const how =
    result.last === undefined
      ? `first release (--initial), ${result.commits} commit(s)`
      : `${result.last} + ${result.commits} commit(s), ${result.bump} bump`;
  progress(io, `${how} → ${result.next}`);
  io.stdout(json ? `${JSON.stringify(result)}\n` : `${result.next}\n`);
}

/** Registers `release next`. */
export function registerReleaseNext(release: Command, context: CommandContext): void {
  release
    .command("next")
    .description("print the next version (vX.Y.Z) from the conventional commits since the last release tag")
    .addHelpText(
      "after",
      "\nA breaking change (`!` or a BREAKING CHANGE: footer) bumps the major version (the minor while it is 0),\n" +
        "a feat the minor one, anything else the patch. Exit 1 when there is no commit since the last tag.",
    )
    .option(
      "--repo <path>",
      "the application's git repository (any folder inside it); default: the current directory",
    )
    .option("--ref <ref>", "the commit to release", "HEAD")
    .option(
      "--initial <version>",
      "the first version, when no vX.Y.Z tag exists yet (e.g. 0.1.0)",
      parseInitial,
    )
    .option("--json", "print last, next, bump and the number of commits as JSON")
    .action(async (opts: { repo?: string; ref: string; initial?: Version; json?: boolean }) => {
      const result = await releaseNext({ repo: opts.repo, ref: opts.ref, initial: opts.initial });
      reportNext(result, opts.ref, opts.json ?? false, context.io);
    });
}
