import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

// The README and the pages of docs/ link to each other and to files of the repository: every relative link
// must reach a file, and every #anchor a heading of that file (GitHub's anchors).

const ROOT = path.resolve(__dirname, "..", "..");
const PAGES = [
  "README.md",
  ...fs
    .readdirSync(path.join(ROOT, "docs"), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".md"))
    .map((file) => path.join("docs", file)),
];

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function anchorsOf(file: string): Set<string> {
  const text = fs.readFileSync(file, "utf8").replace(/```[\s\S]*?```/g, "");
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((match) => anchorOf(match[1] ?? "")));
}

/** The relative links of a Markdown page (code blocks aside): `[text](target)`. */
function linksOf(text: string): string[] {
  const prose = text.replace(/```[\s\S]*?```/g, "");
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1] ?? "")
    .filter((target) => !/^[a-z]+:/.test(target));
}

describe("documentation links", () => {
  it("makes GitHub's anchors", () => {
    expect(anchorOf("The `paasenv` command line")).toBe("the-paasenv-command-line");
    expect(anchorOf("Migrations and seed data: the `postdeploy` hook")).toBe(
      "migrations-and-seed-data-the-postdeploy-hook",
    );
  });

  it.each(PAGES)("every relative link of %s reaches a file and a heading", (page) => {
    const broken = linksOf(fs.readFileSync(path.join(ROOT, page), "utf8")).filter((link) => {
      const [target = "", anchor] = link.split("#", 2);
      const file = target === "" ? path.join(ROOT, page) : path.resolve(ROOT, path.dirname(page), target);
      if (!fs.existsSync(file)) return true;
      return anchor !== undefined && file.endsWith(".md") && !anchorsOf(file).has(anchor);
    });
    expect(broken).toEqual([]);
  });

  it("keeps the README a front door", () => {
    expect(fs.readFileSync(path.join(ROOT, "README.md"), "utf8").split("\n").length).toBeLessThanOrEqual(250);
  });
});
