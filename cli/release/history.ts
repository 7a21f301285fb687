/**
 * The git side of `paasenv release`: the release tags reachable from a commit and the commits of a range.
 */
import { git } from "../lib/git";
import { parseVersion } from "../lib/versions";
import type { RawCommit } from "./conventional";
import type { ReleaseAt } from "./range";

/** Field and record separators of the `git log` and `git for-each-ref` formats below. */
const FIELD = "\x1f";
const RECORD = "\x1e";

/** The release tags (`vX.Y.Z`) reachable from `commit`, each with the commit it points at. */
export async function releasesReachableFrom(repo: string, commit: string): Promise<ReleaseAt[]> {
  const format = ["%(refname:strip=2)", "%(objectname)", "%(*objectname)"].join(FIELD);
  const out = await git(repo, ["for-each-ref", `--merged=${commit}`, `--format=${format}`, "refs/tags"]);
  return out
    .split("\n")
    .filter((line) => line !== "")
    .flatMap((line) => {
      const [tag = "", object = "", peeled = ""] = line.split(FIELD);
      const version = parseVersion(tag);
      return version === undefined ? [] : [{ tag, commit: peeled !== "" ? peeled : object, version }];
    });
}

/** A commit of a range, with whether it is a merge (more than one parent). */
export interface LoggedCommit extends RawCommit {
  merge: boolean;
}

/** The commits reachable from `to` and not from `from` (all of `to`'s history without `from`), newest first. */
export async function commitsBetween(
  repo: string,
  from: string | undefined,
  to: string,
): Promise<LoggedCommit[]> {
  const format = ["%H", "%P", "%s", "%b"].join(FIELD) + RECORD;
  const range = from === undefined ? to : `${from}..${to}`;
  const out = await git(repo, ["log", `--format=${format}`, range, "--"]);
  return out
    .split(RECORD)
    .map((record) => record.replace(/^\n/, ""))
    .filter((record) => record !== "")
    .map((record) => {
      const [sha = "", parents = "", subject = "", body = ""] = record.split(FIELD);
      return { sha, subject, body, merge: parents.trim().split(" ").length > 1 };
    });
}
