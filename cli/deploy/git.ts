/**
 * The git side of `paasenv deploy`: find the application repository, resolve a ref to a commit and its tags,
 * and build the source archive with `git archive` (tracked files only, one top-level folder, gzip).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { commitOf, git, topLevel } from "../lib/git";
import { archiveFileName, archiveFolder } from "./archive";

/** The top folder of the git repository holding `dir` (the app may keep paasenv in its `infra/` folder). */
export async function repositoryRoot(dir: string): Promise<string> {
  return topLevel(dir, "pass --repo <path of the application's repository>, or --archive/--source-url");
}

/** What a ref resolves to. */
export interface ResolvedRef {
  ref: string;
  commit: string;
  /** Tags pointing at `commit`. */
  tags: string[];
}

/** Resolves `ref` (branch, tag, SHA, `HEAD~1`…) to a commit and lists the tags pointing at it. */
export async function resolveRef(repo: string, ref: string): Promise<ResolvedRef> {
  const commit = await commitOf(repo, ref, "--ref");
  const tags = (await git(repo, ["tag", "--points-at", commit])).split("\n").filter((tag) => tag !== "");
  return { ref, commit, tags };
}

/** True when the working tree has uncommitted changes to tracked files (they are not deployed). */
export async function hasUncommittedChanges(repo: string): Promise<boolean> {
  return (await git(repo, ["status", "--porcelain", "--untracked-files=no"])) !== "";
}

/** A built archive in a temporary folder; `remove()` deletes it. */
export interface BuiltArchive {
  file: string;
  folder: string;
  remove(): void;
}

/** `git archive --format=tar.gz --prefix=<folder>/ <commit>` into a temporary file. */
export async function gitArchive(repo: string, commit: string): Promise<BuiltArchive> {
  const folder = archiveFolder(repo, commit);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "paasenv-deploy-"));
  const file = path.join(dir, archiveFileName(folder));
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    await git(repo, ["archive", "--format=tar.gz", `--prefix=${folder}/`, "-o", file, commit]);
  } catch (error) {
    remove();
    throw error;
  }
  return { file, folder, remove };
}
