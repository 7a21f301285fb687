/**
 * Where paasenv's own files are, from the source in a checkout (`cli/lib/`, run through tsx) or from the
 * compiled package (`dist/cli/lib/`): the folder holding its package.json.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** The folder holding paasenv's package.json, seen from `dir`: two levels up from source, three from dist/. */
export function packageRootFrom(dir: string): string {
  const twoUp = path.resolve(dir, "..", "..");
  return fs.existsSync(path.join(twoUp, "package.json")) ? twoUp : path.dirname(twoUp);
}

/** paasenv's folder: this checkout, or the installed package (`node_modules/paasenv`). */
export const PACKAGE_ROOT = packageRootFrom(__dirname);

/** True when paasenv runs from a checkout's TypeScript source, false when it runs compiled (the package). */
export const RUNS_FROM_SOURCE = __filename.endsWith(".ts");
