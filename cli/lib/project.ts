/**
 * A working copy of the Pulumi project outside the repository's tree (a temporary folder, or the ignored
 * `.paasenv-demo/`), so that `Pulumi.<stack>.yaml` files written by `pulumi stack init` and
 * `pulumi config set` never land beside the committed ones or collide between runs.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PACKAGE_ROOT } from "./package-root";

/** The checkout the demo, the benchmarks and the tests copy the project from. */
export const REPO_ROOT = PACKAGE_ROOT;

/**
 * What a program run needs: the project file, the program, its modules (the program's TypeScript loader is in `providers/base`) and the TypeScript settings; and the
 * production gate's policy pack (`--policy-pack policy`).
 */
export const PROJECT_ENTRIES = [
  "Pulumi.yaml",
  "index.ts",
  "components",
  "providers",
  "policy",
  "package.json",
  "tsconfig.json",
] as const;

/** Options of {@link copyProject}. */
export interface CopyProjectOptions {
  /** Where the project is copied from. @default the repository root */
  from?: string;
  /** Stack files to copy too, by stack name (`staging` → `Pulumi.staging.yaml`). @default `[]` */
  stackFiles?: readonly string[];
}

/**
 * Copies the project into `dir` (created if needed) and links `dir/node_modules` to the source's, which
 * the dynamic-provider host resolves `@pulumi/pulumi` from. Source entries are replaced; other files in
 * `dir` (stack files written by earlier runs) are kept. Returns `dir`.
 */
export function copyProject(dir: string, options: CopyProjectOptions = {}): string {
  const from = options.from ?? REPO_ROOT;
  if (isInside(path.resolve(dir), from) && !isIgnoredWorkDir(path.resolve(dir), from)) {
    throw new Error(`copyProject: ${dir} is inside the repository; use a temporary or ignored folder`);
  }
  fs.mkdirSync(dir, { recursive: true });
  const stackFiles = (options.stackFiles ?? []).map((stack) => `Pulumi.${stack}.yaml`);
  for (const entry of [...PROJECT_ENTRIES, ...stackFiles]) {
    const source = path.join(from, entry);
    if (!fs.existsSync(source)) throw new Error(`copyProject: ${source} does not exist`);
    const target = path.join(dir, entry);
    fs.rmSync(target, { recursive: true, force: true });
    fs.cpSync(source, target, { recursive: true });
  }
  linkNodeModules(dir, from);
  return dir;
}

/** `dir/node_modules` → `<from>/node_modules`, replacing a stale link. */
function linkNodeModules(dir: string, from: string): void {
  const link = path.join(dir, "node_modules");
  const target = path.join(from, "node_modules");
  if (!fs.existsSync(target)) throw new Error(`copyProject: ${target} is missing; run \`npm ci\` first`);
  const current = fs.lstatSync(link, { throwIfNoEntry: false });
  if (current?.isSymbolicLink() && fs.readlinkSync(link) === target) return;
  if (current !== undefined) fs.rmSync(link, { recursive: true, force: true });
  fs.symlinkSync(target, link, "dir");
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/** The one folder inside the repository a copy may live in: the git-ignored `.paasenv-demo/`. */
function isIgnoredWorkDir(dir: string, repo: string): boolean {
  return isInside(dir, path.join(repo, ".paasenv-demo"));
}

/** A project copy in a fresh temporary folder; `remove()` deletes it. */
export interface TempProject {
  /** The temporary root (the project is in `dir`, other files may go beside it). */
  root: string;
  /** The project copy. */
  dir: string;
  remove(): void;
}

/** Copies the project into a new folder under the system's temporary directory. */
export function tempProject(prefix = "paasenv-project-", options: CopyProjectOptions = {}): TempProject {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const dir = copyProject(path.join(root, "project"), options);
  return { root, dir, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}
