/**
 * A temporary git repository for the `paasenv release` tests: empty commits with given messages, one second
 * apart (so `git log` orders them the same way on every run), tags, branches and merges.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** A repository the test builds. */
export interface TestRepo {
  dir: string;
  git(...args: string[]): string;
  /** Commits `message` (subject, blank line, body), writing it into `file` when given; returns the SHA. */
  commit(message: string, file?: string): string;
  /** Tags HEAD (annotated when `annotated`). */
  tag(name: string, annotated?: boolean): void;
  remove(): void;
}

/** An empty repository on branch `main`. */
export function testRepo(): TestRepo {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "paasenv-release-"));
  let clock = Date.UTC(2026, 0, 5, 9, 0, 0) / 1000;
  const git = (...args: string[]) => {
    clock += 1;
    const date = `${clock} +0000`;
    return execFileSync("git", ["-C", dir, ...args], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: "paasenv tests",
        GIT_AUTHOR_EMAIL: "tests@example.com",
        GIT_COMMITTER_NAME: "paasenv tests",
        GIT_COMMITTER_EMAIL: "tests@example.com",
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
      },
    }).trim();
  };
  git("init", "--quiet", "--initial-branch=main");
  return {
    dir,
    git,
    commit: (message, file) => {
      if (file !== undefined) {
        fs.writeFileSync(path.join(dir, file), message);
        git("add", file);
      }
      git("commit", "--quiet", "--allow-empty", "--message", message);
      return git("rev-parse", "HEAD");
    },
    tag: (name, annotated = false) => {
      if (annotated) git("tag", "--annotate", "--message", name, name);
      else git("tag", name);
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
