import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gitArchive, hasUncommittedChanges, repositoryRoot, resolveRef } from "../../../cli/deploy/git";
import { type SampleRepo, sampleRepo } from "./repo";

let repo: SampleRepo;

beforeAll(() => {
  repo = sampleRepo();
});

afterAll(() => {
  repo?.remove();
});

/** The paths of a .tar.gz, as `tar -tzf` lists them. */
const listArchive = (file: string) =>
  execFileSync("tar", ["-tzf", file], { encoding: "utf8" })
    .split("\n")
    .filter((line) => line !== "");

describe("repositoryRoot", () => {
  it("finds the repository from a subfolder (paasenv living in the app's infra/ folder)", async () => {
    const infra = path.join(repo.dir, "infra");
    fs.mkdirSync(infra, { recursive: true });
    expect(await repositoryRoot(infra)).toBe(fs.realpathSync(repo.dir));
  });

  it("names the folder and the fix outside a repository, and a missing --repo", async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), "paasenv-no-git-"));
    try {
      await expect(repositoryRoot(outside)).rejects.toThrow(
        `${outside} is not inside a git repository; pass --repo <path of the application's repository>, or --archive/--source-url`,
      );
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
    await expect(repositoryRoot("/nonexistent/paasenv-app")).rejects.toThrow(
      "--repo /nonexistent/paasenv-app does not exist",
    );
  });
});

describe("resolveRef", () => {
  it("resolves HEAD, a branch and a tag to the commit with the tags pointing at it", async () => {
    const head = repo.git("rev-parse", "HEAD");
    repo.git("tag", "v1.0.0");
    repo.git("tag", "-a", "v1.0.1", "-m", "annotated release");
    expect(await resolveRef(repo.dir, "HEAD")).toEqual({
      ref: "HEAD",
      commit: head,
      tags: ["v1.0.0", "v1.0.1"],
    });
    expect((await resolveRef(repo.dir, "main")).commit).toBe(head);
    // An annotated tag resolves to the commit it points at, not to the tag object.
    expect((await resolveRef(repo.dir, "v1.0.1")).commit).toBe(head);
    const next = repo.commitFile("NEWS", "next\n", "next");
    expect(await resolveRef(repo.dir, "HEAD")).toEqual({ ref: "HEAD", commit: next, tags: [] });
    expect((await resolveRef(repo.dir, "HEAD~1")).commit).toBe(head);
  });

  it("refuses an unknown ref, and an option smuggled in as a ref", async () => {
    await expect(resolveRef(repo.dir, "no-such-branch")).rejects.toThrow(
      `--ref "no-such-branch" is not a commit, branch or tag of ${repo.dir} (git rev-parse found nothing)`,
    );
    await expect(resolveRef(repo.dir, "--output=/tmp/x")).rejects.toThrow(
      '--ref "--output=/tmp/x" is not a commit',
    );
  });
});

describe("hasUncommittedChanges", () => {
  it("sees changes to tracked files only", async () => {
    expect(await hasUncommittedChanges(repo.dir)).toBe(false);
    fs.writeFileSync(path.join(repo.dir, "untracked.txt"), "x");
    expect(await hasUncommittedChanges(repo.dir)).toBe(false);
    fs.appendFileSync(path.join(repo.dir, "Procfile"), "# edited\n");
    expect(await hasUncommittedChanges(repo.dir)).toBe(true);
    repo.git("checkout", "--", "Procfile");
    fs.rmSync(path.join(repo.dir, "untracked.txt"));
  });
});

describe("gitArchive", () => {
  it("archives the commit's tracked files under one top-level folder, gzipped", async () => {
    const commit = repo.git("rev-parse", "HEAD");
    fs.writeFileSync(path.join(repo.dir, "not-committed.txt"), "local only");
    const built = await gitArchive(repo.dir, commit);
    try {
      expect(built.folder).toBe(`sample-app-${commit.slice(0, 12)}`);
      expect(path.basename(built.file)).toBe(`${built.folder}.tar.gz`);
      const bytes = fs.readFileSync(built.file);
      expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
      const paths = listArchive(built.file);
      expect(new Set(paths.map((p) => p.split("/")[0]))).toEqual(new Set([built.folder]));
      expect(paths).toEqual(
        expect.arrayContaining([
          `${built.folder}/Procfile`,
          `${built.folder}/scalingo.json`,
          `${built.folder}/NEWS`,
        ]),
      );
      expect(paths.filter((p) => p.includes("not-committed"))).toEqual([]);
    } finally {
      built.remove();
      fs.rmSync(path.join(repo.dir, "not-committed.txt"));
    }
    expect(fs.existsSync(built.file)).toBe(false);
  });
});
