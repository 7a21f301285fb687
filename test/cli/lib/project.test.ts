import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { copyProject, PROJECT_ENTRIES, REPO_ROOT, tempProject } from "../../../cli/lib/project";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe("tempProject", () => {
  it("copies the project outside the repository and links node_modules", () => {
    const project = tempProject("paasenv-project-test-");
    cleanups.push(project.remove);
    expect(path.relative(REPO_ROOT, project.dir).startsWith("..")).toBe(true);
    for (const entry of PROJECT_ENTRIES) expect(fs.existsSync(path.join(project.dir, entry))).toBe(true);
    expect(fs.readFileSync(path.join(project.dir, "index.ts"), "utf8")).toBe(
      fs.readFileSync(path.join(REPO_ROOT, "index.ts"), "utf8"),
    );
    const link = path.join(project.dir, "node_modules");
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readlinkSync(link)).toBe(path.join(REPO_ROOT, "node_modules"));
    expect(fs.readdirSync(project.dir).filter((name) => /^Pulumi\..+\.yaml$/.test(name))).toEqual([]);
    project.remove();
    expect(fs.existsSync(project.root)).toBe(false);
  });

  it("copies the stack files asked for", () => {
    const project = tempProject("paasenv-project-test-", { stackFiles: ["staging"] });
    cleanups.push(project.remove);
    expect(fs.readdirSync(project.dir).filter((name) => name.startsWith("Pulumi."))).toEqual([
      "Pulumi.staging.yaml",
      "Pulumi.yaml",
    ]);
  });
});

describe("copyProject", () => {
  it("refreshes the sources of an existing copy and keeps its stack files", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "paasenv-project-test-"));
    cleanups.push(() => fs.rmSync(root, { recursive: true, force: true }));
    const dir = copyProject(path.join(root, "p"));
    fs.writeFileSync(path.join(dir, "Pulumi.review-1.yaml"), "config: {}\n");
    fs.writeFileSync(path.join(dir, "index.ts"), "stale");
    fs.writeFileSync(path.join(dir, "components", "stale.ts"), "stale");
    copyProject(dir);
    expect(fs.readFileSync(path.join(dir, "Pulumi.review-1.yaml"), "utf8")).toBe("config: {}\n");
    expect(fs.readFileSync(path.join(dir, "index.ts"), "utf8")).not.toBe("stale");
    expect(fs.existsSync(path.join(dir, "components", "stale.ts"))).toBe(false);
  });

  it("refuses a folder inside the repository, except the ignored .paasenv-demo/", () => {
    expect(() => copyProject(path.join(REPO_ROOT, "tmp-copy"))).toThrow(
      `copyProject: ${path.join(REPO_ROOT, "tmp-copy")} is inside the repository; use a temporary or ignored folder`,
    );
    expect(fs.existsSync(path.join(REPO_ROOT, "tmp-copy"))).toBe(false);
  });

  it("names a missing source entry", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "paasenv-project-test-"));
    cleanups.push(() => fs.rmSync(root, { recursive: true, force: true }));
    const from = path.join(root, "empty");
    fs.mkdirSync(from);
    expect(() => copyProject(path.join(root, "out"), { from })).toThrow(
      `copyProject: ${path.join(from, "Pulumi.yaml")} does not exist`,
    );
  });
});
