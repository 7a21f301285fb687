import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyBump } from "../../../cli/release/bump";
import { parseCommit } from "../../../cli/release/conventional";
import { parseRange } from "../../../cli/release/range";
import { escapeAngles } from "../../../cli/release/render";
import { sectionOf } from "../../../cli/release/sections";
import { loadTitles, parseLanguage } from "../../../cli/release/titles";

const commit = (subject: string, body = "") => parseCommit({ sha: "0".repeat(40), subject, body });

describe("parseCommit", () => {
  it.each([
    [
      "feat(api): export CSV (#12)",
      { type: "feat", scope: "api", breaking: false, description: "export CSV", pr: 12 },
    ],
    ["fix: a bug", { type: "fix", scope: undefined, breaking: false, description: "a bug", pr: undefined }],
    ["Fix!: a bug", { type: "fix", breaking: true, description: "a bug" }],
    ["chore(deps)!: drop Python 3.10", { type: "chore", scope: "deps", breaking: true }],
    ["feat(): empty scope", { type: "feat", scope: undefined, description: "empty scope" }],
    ['Revert "feat: x" (#30)', { type: "revert", description: 'Revert "feat: x"', pr: 30 }],
    ["Update README (#7)", { type: undefined, description: "Update README", pr: 7 }],
    ["feat:missing space", { type: undefined, description: "feat:missing space" }],
    ["feat(a)(b): two scopes", { type: undefined }],
    ["see #12 (#0)", { pr: undefined, description: "see #12 (#0)" }],
  ])("%j", (subject, expected) => {
    expect(commit(subject)).toMatchObject(expected);
  });

  it("reads a BREAKING CHANGE footer on any commit, conventional or not", () => {
    expect(commit("fix: x", "Details.\n\nBREAKING CHANGE: y").breaking).toBe(true);
    expect(commit("Rework dates", "BREAKING-CHANGE: ISO only").breaking).toBe(true);
    expect(commit("fix: x", "mentions a BREAKING CHANGE: inline").breaking).toBe(false);
  });
});

describe("sectionOf (the grouping table)", () => {
  it.each([
    ["feat: a", "features"],
    ["feat(ui)!: a", "features"],
    ["fix: a", "fixes"],
    ["perf: a", "fixes"],
    ["revert: a", "fixes"],
    ['Revert "feat: a"', "fixes"],
    ["build(deps): bump a", "dependencies"],
    ["chore(deps): bump a", "dependencies"],
    ["fix(deps): pin a", "dependencies"],
    ["chore(deps-dev): bump a", "dependencies"],
    ["feat(DEPS): a", "dependencies"],
    ["refactor: a", "technical"],
    ["build: a", "technical"],
    ["ci: a", "technical"],
    ["chore: a", "technical"],
    ["docs: a", "technical"],
    ["test: a", "technical"],
    ["style: a", "technical"],
    ["wip: a", "other"],
    ["Update a", "other"],
    ["Merge branch 'x'", "other"],
  ])("%j → %s", (subject, section) => {
    expect(sectionOf(commit(subject))).toBe(section);
  });
});

describe("applyBump", () => {
  it("never goes back, and resets the lower parts", () => {
    const part = fc.nat({ max: 1000 });
    fc.assert(
      fc.property(
        part,
        part,
        part,
        fc.constantFrom("major", "minor", "patch" as const),
        (major, minor, patch, bump) => {
          const next = applyBump({ major, minor, patch }, bump);
          const before = [major, minor, patch];
          const after = [next.major, next.minor, next.patch];
          const changed = after.findIndex((value, i) => value !== before[i]);
          expect(after[changed]).toBe((before[changed] ?? 0) + 1);
          expect(after.slice(changed + 1)).toEqual(after.slice(changed + 1).map(() => 0));
        },
      ),
    );
  });
});

describe("parseRange", () => {
  it.each([
    [undefined, { from: undefined, to: undefined }],
    ["v1.0.0..v1.1.0", { from: "v1.0.0", to: "v1.1.0" }],
    ["v1.0.0..", { from: "v1.0.0", to: undefined }],
    ["..v1.1.0", { from: undefined, to: "v1.1.0" }],
    ["..", { from: undefined, to: undefined }],
  ])("%j", (text, expected) => {
    expect(parseRange(text)).toEqual(expected);
  });

  it.each(["v1.0.0", "v1.0.0...v1.1.0", "a..b..c", "a.. b"])("rejects %j", (text) => {
    expect(() => parseRange(text)).toThrow(
      `the range must be <from>..<to> (two dots; either end may be left out: v1.2.0.., ..v1.3.0), got "${text}"`,
    );
  });
});

describe("titles", () => {
  const file = (content: string) => {
    const written = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "paasenv-titles-")), "t.json");
    fs.writeFileSync(written, content);
    return written;
  };

  it("names the language, the file, the key and what is allowed", () => {
    expect(() => parseLanguage("de")).toThrow('--lang must be one of en, fr, got "de"');
    expect(() => loadTitles("en", "/nonexistent/t.json")).toThrow(
      "--titles /nonexistent/t.json does not exist",
    );
    const notJson = file("{");
    expect(() => loadTitles("en", notJson)).toThrow(`--titles ${notJson} is not JSON`);
    const bad = file(JSON.stringify({ features: "", feature: "x" }));
    expect(() => loadTitles("en", bad)).toThrow(
      `--titles ${bad}: "features": Too small: expected string to have >=1 characters; ` +
        'the file: Unrecognized key: "feature" (allowed keys: features, fixes, dependencies, technical, other, ' +
        "changelog, breaking, empty, each a non-empty string)",
    );
  });
});

describe("escapeAngles", () => {
  it("escapes outside code spans only", () => {
    expect(escapeAngles("a <b> `<c>` <d>")).toBe("a &lt;b&gt; `<c>` &lt;d&gt;");
  });
});
