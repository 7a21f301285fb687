// How a checkout runs its TypeScript with no build step: a module and everything it imports from this repository
// bundled in memory by esbuild, in one call, into a single CommonJS module (packages stay external: they are
// `require`d from node_modules as usual, so the program and Pulumi's runtime share one @pulumi/pulumi). Used by
// the Pulumi program (Pulumi.yaml preloads ./typescript-hook.cjs) and by the provider host (providers/index.ts).
// One esbuild call for ~70 files takes about a tenth of the time ts-node or tsx take to transpile them one by
// one with a cold cache (docs/benchmarks.md); nothing is written to disk. Types are not checked here:
// `npm run typecheck` does that, in CI. The installed package never comes here: it ships compiled JavaScript.
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const Module = require("node:module");

/**
 * `request` resolved from `dirs`, as a plain path: tsx, which loads providers/index.ts (and so this file) in the
 * provider host, adds `?namespace=…` to what it resolves, and a module required by that name is another copy.
 */
function resolveFrom(request, dirs) {
  return require.resolve(request, { paths: dirs }).replace(/\?.*$/, "");
}

/** esbuild's command-line options for a bundle: CommonJS for Node 24, packages left to `require`. */
const ESBUILD_OPTIONS = [
  "--bundle",
  "--platform=node",
  "--format=cjs",
  "--target=node24",
  "--packages=external",
  "--sourcemap=inline",
  "--sources-content=false",
  "--log-level=error",
];

/**
 * How to run esbuild: its native executable, which its install step puts at `esbuild/bin/esbuild`, or, where that
 * file is still its JavaScript launcher (install scripts skipped, Windows), that launcher under this Node.
 */
function esbuildCommand(entry) {
  let file;
  try {
    file = resolveFrom("esbuild/bin/esbuild", [path.dirname(entry), __dirname]);
  } catch {
    throw new Error(
      `esbuild is not installed, and this checkout needs it to run ${path.basename(entry)} without a build step: ` +
        "run `npm ci` (it installs the development dependencies too)",
    );
  }
  const head = Buffer.alloc(2);
  const fd = fs.openSync(file, "r");
  try {
    fs.readSync(fd, head, 0, 2, 0);
  } finally {
    fs.closeSync(fd);
  }
  return head.toString("latin1") === "#!" ? { file: process.execPath, args: [file] } : { file, args: [] };
}

/**
 * `entry` (an absolute .ts path) bundled as CommonJS source, with an inline source map for stack traces. Through
 * esbuild's own executable, which starts in a few milliseconds, where its synchronous JavaScript API starts a
 * worker thread and a service first (about 100 ms more, measured).
 */
function bundle(entry) {
  const esbuild = esbuildCommand(entry);
  // From the entry's directory: the source map's paths are relative to it, as to the module's own name.
  const run = spawnSync(esbuild.file, [...esbuild.args, entry, ...ESBUILD_OPTIONS], {
    cwd: path.dirname(entry),
    encoding: "utf8",
    maxBuffer: 256 << 20,
  });
  if (run.error !== undefined) throw new Error(`esbuild could not bundle ${entry}: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`esbuild could not bundle ${entry}:\n${run.stderr.trim()}`);
  return run.stdout;
}

const INLINE_MAP = "//# sourceMappingURL=data:application/json;base64,";

/**
 * Stack traces through the bundle name the TypeScript files and lines. Pulumi's program runner and provider host
 * install source-map-support, which looks for a map in the file on disk (here the entry's TypeScript): hand the
 * bundle's map to that same instance. Elsewhere `node --enable-source-maps` reads the inline map itself.
 */
function registerSourceMap(entry, code) {
  const at = code.lastIndexOf(INLINE_MAP);
  if (at < 0) return;
  let support;
  try {
    const sdk = resolveFrom("@pulumi/pulumi/package.json", [path.dirname(entry)]);
    support = require(resolveFrom("source-map-support", [path.dirname(sdk)]));
  } catch {
    return;
  }
  const map = Buffer.from(code.slice(at + INLINE_MAP.length).trim(), "base64").toString("utf8");
  support.install({
    environment: "node",
    handleUncaughtExceptions: false,
    retrieveSourceMap: (source) => (source === entry ? { url: entry, map } : null),
  });
}

/** Compiles the bundle of `filename` into `module` (named after the entry, so relative requires resolve from it). */
function compileBundled(module, filename) {
  const code = bundle(filename);
  registerSourceMap(filename, code);
  module._compile(code, filename);
}

/** The exports of `entry` and what it imports, bundled and compiled as one module. */
function requireBundled(entry) {
  const cached = Module._cache[entry];
  if (cached !== undefined) return cached.exports;
  const module = new Module(entry, undefined);
  module.filename = entry;
  module.paths = Module._nodeModulePaths(path.dirname(entry));
  Module._cache[entry] = module;
  try {
    compileBundled(module, entry);
  } catch (error) {
    delete Module._cache[entry];
    throw error;
  }
  module.loaded = true;
  return module.exports;
}

/** From now on, `require` of a .ts file in this process loads its bundle (what Pulumi.yaml's nodeargs preload). */
function registerTypeScript() {
  Module._extensions[".ts"] = compileBundled;
}

module.exports = { bundle, requireBundled, registerTypeScript };
