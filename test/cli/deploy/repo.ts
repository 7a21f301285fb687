/**
 * A temporary git repository holding a copy of test/fixtures/sample-app (committed plain, without .git), for
 * the `paasenv deploy` tests.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** The sample application (Procfile with `web`, `worker` and a `postdeploy` hook). */
export const SAMPLE_APP = path.resolve(__dirname, "..", "..", "fixtures", "sample-app");

/** A temporary repository. */
export interface SampleRepo {
  dir: string;
  /** Runs git in the repository and returns its trimmed output. */
  git(...args: string[]): string;
  /** Writes `file` (relative), commits everything and returns the new commit. */
  commitFile(file: string, content: string, message: string): string;
  remove(): void;
}

/** Copies the sample app into `<tmp>/<name>`, makes it a repository with one commit on `main`. */
export function sampleRepo(name = "sample-app"): SampleRepo {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "paasenv-sample-"));
  const dir = path.join(root, name);
  fs.cpSync(SAMPLE_APP, dir, { recursive: true });
  const git = (...args: string[]) =>
    execFileSync(
      "git",
      ["-C", dir, "-c", "user.name=paasenv tests", "-c", "user.email=tests@example.com", ...args],
      {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      },
    ).trim();
  git("init", "--quiet", "--initial-branch=main");
  git("add", "--all");
  git("commit", "--quiet", "--message", "sample app");
  const commitFile = (file: string, content: string, message: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
    git("add", "--all");
    git("commit", "--quiet", "--message", message);
    return git("rev-parse", "HEAD");
  };
  return { dir, git, commitFile, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}
