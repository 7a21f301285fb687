import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Io } from "../../../cli/lib/pulumi";
import { releaseNotes } from "../../../cli/release/notes";
import { parseRange } from "../../../cli/release/range";
import { BUILT_IN_TITLES, loadTitles } from "../../../cli/release/titles";
import { type TestRepo, testRepo } from "./git-repo";

// `paasenv release notes` on a repository built with real git: a release v1.0.0, then one commit of each kind
// (every row of the grouping table), a merge, a `git revert`, and the release v1.1.0.

let repo: TestRepo;
const sha: Record<string, string> = {};
const stderr: string[] = [];
const io: Io = { stdout: () => undefined, stderr: (text) => stderr.push(text) };

beforeAll(() => {
  repo = testRepo();
  repo.commit("init");
  repo.tag("v1.0.0");
  const commits: Array<[string, string]> = [
    ["feat", "feat(api): export invoices as CSV (#12)"],
    ["fix", "fix: keep <br> in `<Summary>` notes"],
    ["perf", "perf(db): index invoices by customer (#15)"],
    ["deps", "build(deps): bump django from 5.1 to 5.2 (#16)"],
    ["chore-deps", "chore(deps): bump celery"],
    ["fix-deps", "fix(deps): pin redis-py below 6"],
    ["dev-deps", "chore(deps-dev): bump pytest (#18)"],
    ["refactor", "refactor: split the billing module"],
    ["ci", "ci: cache pip"],
    ["docs", "docs(readme): how to seed a review app"],
    ["breaking", "feat(auth)!: sign-in by e-mail link only (#20)"],
    ["footer", "fix(api): dates in ISO 8601\n\nBREAKING CHANGE: clients must send ISO dates"],
    ["plain", "Update the logo"],
    ["unknown", "wip(ui): new colours (#21)"],
  ];
  for (const [key, message] of commits) sha[key] = repo.commit(message, `${key}.txt`);
  repo.git("checkout", "--quiet", "-b", "topic");
  sha.topic = repo.commit("test: cover the CSV export");
  repo.git("checkout", "--quiet", "main");
  repo.git("merge", "--quiet", "--no-ff", "--no-edit", "topic");
  sha.merge = repo.git("rev-parse", "HEAD");
  repo.git("revert", "--no-edit", sha.ci ?? "");
  sha.revert = repo.git("rev-parse", "HEAD");
  repo.tag("v1.1.0");
  sha.after = repo.commit("style: format");
});

afterAll(() => repo?.remove());

const short = (key: string) => (sha[key] ?? "").slice(0, 7);

const notes = (range: string | undefined, titles = BUILT_IN_TITLES.en) =>
  releaseNotes({ repo: repo.dir, range: parseRange(range), titles }, io);

describe("release notes", () => {
  it("groups each commit once under the section of its type or scope, then lists every commit", async () => {
    expect(await notes("v1.0.0..v1.1.0")).toBe(
      [
        "## Features",
        "",
        "- **auth:** sign-in by e-mail link only (#20) (**breaking change**)",
        "- **api:** export invoices as CSV (#12)",
        "",
        "## Fixes",
        "",
        '- Revert "ci: cache pip"',
        "- **api:** dates in ISO 8601 (**breaking change**)",
        "- **db:** index invoices by customer (#15)",
        "- keep &lt;br&gt; in `<Summary>` notes",
        "",
        "## Dependency updates",
        "",
        "- **deps-dev:** bump pytest (#18)",
        "- **deps:** pin redis-py below 6",
        "- **deps:** bump celery",
        "- **deps:** bump django from 5.1 to 5.2 (#16)",
        "",
        "## Technical improvements",
        "",
        "- cover the CSV export",
        "- **readme:** how to seed a review app",
        "- cache pip",
        "- split the billing module",
        "",
        "## Other changes",
        "",
        "- wip(ui): new colours (#21)",
        "- Update the logo",
        "",
        "## Full changelog",
        "",
        "`v1.0.0..v1.1.0`",
        "",
        `- ${short("revert")} Revert "ci: cache pip"`,
        `- ${short("merge")} Merge branch 'topic'`,
        `- ${short("topic")} test: cover the CSV export`,
        `- ${short("unknown")} wip(ui): new colours (#21)`,
        `- ${short("plain")} Update the logo`,
        `- ${short("footer")} fix(api): dates in ISO 8601`,
        `- ${short("breaking")} feat(auth)!: sign-in by e-mail link only (#20)`,
        `- ${short("docs")} docs(readme): how to seed a review app`,
        `- ${short("ci")} ci: cache pip`,
        `- ${short("refactor")} refactor: split the billing module`,
        `- ${short("dev-deps")} chore(deps-dev): bump pytest (#18)`,
        `- ${short("fix-deps")} fix(deps): pin redis-py below 6`,
        `- ${short("chore-deps")} chore(deps): bump celery`,
        `- ${short("deps")} build(deps): bump django from 5.1 to 5.2 (#16)`,
        `- ${short("perf")} perf(db): index invoices by customer (#15)`,
        `- ${short("fix")} fix: keep &lt;br&gt; in \`<Summary>\` notes`,
        `- ${short("feat")} feat(api): export invoices as CSV (#12)`,
        "",
      ].join("\n"),
    );
    expect(stderr.at(-1)).toBe(
      "paasenv: release notes of v1.0.0..v1.1.0: 17 commit(s), 1 merge(s) in the changelog only\n",
    );
  });

  it("starts at the last release before the end when the start is left out", async () => {
    expect(await notes("..v1.1.0")).toBe(await notes("v1.0.0..v1.1.0"));
    expect(await notes(undefined)).toBe(
      `## Technical improvements\n\n- format\n\n## Full changelog\n\n\`v1.1.0..HEAD\`\n\n- ${short("after")} style: format\n`,
    );
    expect(await notes("v1.1.0..")).toContain("`v1.1.0..HEAD`");
  });

  it("covers the whole history when no release precedes the end, and says when a range is empty", async () => {
    expect(await notes("..v1.0.0")).toMatch(/^## Other changes\n\n- init\n\n## Full changelog\n\n`v1.0.0`\n/);
    expect(await notes("v1.1.0..v1.1.0")).toBe("No changes.\n");
  });

  it("writes the titles in French, or as a JSON file says", async () => {
    const fr = await notes("v1.0.0..v1.1.0", BUILT_IN_TITLES.fr);
    const titles = fr.split("\n").filter((line) => line.startsWith("## "));
    expect(titles).toEqual([
      "## Nouveautés",
      "## Corrections",
      "## Mises à jour des dépendances",
      "## Améliorations techniques",
      "## Autres changements",
      "## Historique complet des changements",
    ]);
    expect(fr).toContain("- **auth:** sign-in by e-mail link only (#20) (**changement incompatible**)");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "paasenv-titles-")), "titles.json");
    fs.writeFileSync(file, JSON.stringify({ features: "Quoi de neuf", changelog: "Commits" }));
    const custom = await notes("v1.0.0..v1.1.0", loadTitles("fr", file));
    expect(custom).toContain("## Quoi de neuf\n");
    expect(custom).toContain("## Corrections\n");
    expect(custom).toContain("## Commits\n");
  });

  it("names the end of the range git cannot find", async () => {
    await expect(notes("v1.0.0..v7.0.0")).rejects.toThrow(
      `the range's end "v7.0.0" is not a commit, branch or tag of ${fs.realpathSync(repo.dir)}`,
    );
    await expect(notes("nope..HEAD")).rejects.toThrow(`the range's start "nope" is not a commit`);
  });
});
