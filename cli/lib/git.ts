/** Running `git` for the commands that read the application repository (`deploy`, `release`). */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import { promisify } from "node:util";
import { cliError } from "./errors";

const run = promisify(execFile);

/** Runs `git -C <dir> <args>` and returns its trimmed stdout; fails naming the command and git's message. */
export async function git(dir: string, args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await run("git", ["-C", dir, ...args], { maxBuffer: 16 * 1024 * 1024 });
    return stdout.trim();
  } catch (error) {
    const stderr =
      error !== null && typeof error === "object" && "stderr" in error ? String(error.stderr).trim() : "";
    const reason = stderr !== "" ? stderr : error instanceof Error ? error.message : String(error);
    throw cliError(`git ${args.join(" ")} in ${dir} failed: ${reason}`);
  }
}

/**
 * The top folder of the git repository holding `dir`; fails naming `dir` and `fix` (how to point at the
 * right repository) when there is none.
 */
export async function topLevel(dir: string, fix: string): Promise<string> {
  if (!fs.existsSync(dir)) throw cliError(`--repo ${dir} does not exist`);
  try {
    return await git(dir, ["rev-parse", "--show-toplevel"]);
  } catch {
    throw cliError(`${dir} is not inside a git repository; ${fix}`);
  }
}

/** The commit `ref` names; fails naming `what` (`--ref`, the range's start…) when git finds none. */
export async function commitOf(repo: string, ref: string, what: string): Promise<string> {
  try {
    return await git(repo, ["rev-parse", "--verify", "--end-of-options", `${ref}^{commit}`]);
  } catch {
    throw cliError(
      `${what} "${ref}" is not a commit, branch or tag of ${repo} (git rev-parse found nothing)`,
    );
  }
}
