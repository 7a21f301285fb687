/**
 * The provider host's side of paasenv: `createProvider()`, the shim that dispatches each call to the
 * implementation of the resource's type (`implementations.ts`). The loader text stored in every resource's
 * `__provider` (`base/by-reference.ts`) loads this module from the installed package (`paasenv/providers`) or
 * from this checkout's source through tsx, and hands the host `createProvider()`'s shim. A Pulumi program never
 * loads this file.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { createShim, type Implementation } from "./base/by-reference";

type Implementations = Record<string, Implementation>;

/**
 * The implementations: compiled JavaScript in the package; in a checkout, `implementations.ts` and all it imports
 * bundled by esbuild in one call (`base/bundle.cjs`), where tsx would transpile some 60 files one by one.
 */
function implementations(): Implementations {
  const source = path.join(__dirname, "implementations.ts");
  if (!fs.existsSync(source))
    return (require("./implementations") as { implementations: Implementations }).implementations;
  const bundled = require("./base/bundle.cjs") as {
    requireBundled(file: string): { implementations: Implementations };
  };
  return bundled.requireBundled(source).implementations;
}

/**
 * A new provider object for the host to call for every paasenv resource (one per loader call: `configure` keeps
 * the stack config on it). Called by the loader text stored in state: keep the name and signature.
 */
export function createProvider() {
  return createShim(implementations());
}
