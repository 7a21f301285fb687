import { afterEach, describe, expect, it } from "vitest";
import { parseInitial, releaseNext } from "../../../cli/release/next";
import { type TestRepo, testRepo } from "./git-repo";

// `paasenv release next` on repositories the tests build with real git: each row is a history (commit
// messages, and tags put on the commit before them) and the version it calls for.

let repo: TestRepo | undefined;
afterEach(() => {
  repo?.remove();
  repo = undefined;
});

/** Builds `history`: a `vX.Y.Z` or `tag:<name>` entry tags HEAD, anything else is a commit message. */
function build(history: readonly string[]): TestRepo {
  const built = testRepo();
  for (const entry of history) {
    if (/^v\d/.test(entry)) built.tag(entry);
    else if (entry.startsWith("tag:")) built.tag(entry.slice(4), true);
    else built.commit(entry);
  }
  return built;
}

async function next(history: readonly string[], initial?: string) {
  repo = build(history);
  return releaseNext({
    repo: repo.dir,
    ref: "HEAD",
    initial: initial === undefined ? undefined : parseInitial(initial),
  });
}

describe("release next", () => {
  it.each([
    ["a fix → patch", ["init", "v1.2.3", "fix: handle empty pages"], "v1.2.4", "patch"],
    ["a chore → patch", ["init", "v1.2.3", "chore: tidy"], "v1.2.4", "patch"],
    ["a commit with no convention → patch", ["init", "v1.2.3", "Update README"], "v1.2.4", "patch"],
    [
      "a feat → minor",
      ["init", "v1.2.3", "fix: a", "feat(api): export CSV (#12)", "docs: b"],
      "v1.3.0",
      "minor",
    ],
    ["a type in capitals counts", ["init", "v1.2.3", "Feat: export"], "v1.3.0", "minor"],
    ["`!` → major", ["init", "v1.2.3", "feat!: drop the v1 API"], "v2.0.0", "major"],
    ["`!` after a scope → major", ["init", "v1.2.3", "fix(api)!: stricter dates"], "v2.0.0", "major"],
    [
      "a BREAKING CHANGE footer → major",
      ["init", "v1.2.3", "fix: dates\n\nBREAKING CHANGE: ISO only"],
      "v2.0.0",
      "major",
    ],
    [
      "a BREAKING-CHANGE footer → major",
      ["init", "v1.2.3", "refactor: x\n\nBREAKING-CHANGE: y"],
      "v2.0.0",
      "major",
    ],
    [
      "BREAKING CHANGE in the subject only is no footer",
      ["init", "v1.2.3", "docs: what BREAKING CHANGE: means"],
      "v1.2.4",
      "patch",
    ],
    ["0.x: a breaking change bumps the minor", ["init", "v0.3.1", "feat!: new URLs"], "v0.4.0", "major"],
    ["0.x: a feat bumps the minor", ["init", "v0.3.1", "feat: search"], "v0.4.0", "minor"],
    ["0.x: a fix bumps the patch", ["init", "v0.3.1", "fix: search"], "v0.3.2", "patch"],
    [
      "the highest release, not the last tagged",
      ["a", "v1.10.0", "b", "v1.9.3", "fix: c"],
      "v1.10.1",
      "patch",
    ],
    [
      "other tags are ignored",
      ["a", "v1.0.0", "b", "v2.0.0-rc.1", "c", "deploy-2026", "fix: d"],
      "v1.0.1",
      "patch",
    ],
    ["an annotated tag counts", ["a", "tag:v3.1.0", "feat: b"], "v3.2.0", "minor"],
  ])("%s", async (_name, history, expected, bump) => {
    expect(await next(history)).toMatchObject({ kind: "next", next: expected, bump });
  });

  it("counts the commits since the last release, merges left out", async () => {
    repo = build(["init", "v1.0.0"]);
    repo.git("checkout", "--quiet", "-b", "topic");
    repo.commit("feat: on a branch");
    repo.git("checkout", "--quiet", "main");
    repo.commit("fix: on main");
    repo.git("merge", "--quiet", "--no-ff", "--no-edit", "topic");
    expect(await releaseNext({ repo: repo.dir, ref: "HEAD", initial: undefined })).toEqual({
      kind: "next",
      last: "v1.0.0",
      next: "v1.1.0",
      bump: "minor",
      commits: 2,
    });
  });

  it("ignores a release tag on a branch that was never merged", async () => {
    repo = build(["init", "v1.0.0"]);
    repo.git("checkout", "--quiet", "-b", "experiment");
    repo.commit("feat!: rewrite");
    repo.tag("v9.0.0");
    repo.git("checkout", "--quiet", "main");
    repo.commit("fix: typo");
    expect(await releaseNext({ repo: repo.dir, ref: "HEAD", initial: undefined })).toMatchObject({
      next: "v1.0.1",
    });
  });

  it("starts a repository without release tags at --initial, and asks for it otherwise", async () => {
    expect(await next(["init", "feat: a"], "0.1.0")).toEqual({
      kind: "next",
      last: undefined,
      next: "v0.1.0",
      bump: undefined,
      commits: 2,
    });
    expect(await next(["init", "feat: a"], "v1.0.0")).toMatchObject({ next: "v1.0.0" });
    expect(await next(["init", "feat: a"])).toEqual({ kind: "no-tag" });
  });

  it("finds nothing to release when the last release is HEAD", async () => {
    expect(await next(["init", "feat: a", "v1.1.0"], "0.1.0")).toEqual({ kind: "nothing", last: "v1.1.0" });
  });

  it("rejects an --initial that is not a plain version", () => {
    for (const bad of ["1.0", "v1.0.0-rc.1", "01.0.0", "latest"]) {
      expect(() => parseInitial(bad)).toThrow(
        `--initial must be a version such as 0.1.0 or v1.0.0 (no pre-release), got "${bad}"`,
      );
    }
  });
});
