import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

// The layout shows the architecture: product code (the program, components, providers, the CLI, the emulators,
// the policy pack) and tooling never reach into test/, which only mirrors them.
const ROOT = resolve(__dirname, "..");
const PRODUCT = ["index.ts", "components", "providers", "cli", "emulator", "policy", "scripts", "examples"];
const SKIP = new Set(["node_modules", "dist", ".tools"]);

function sourceFiles(entry: string): string[] {
  const full = join(ROOT, entry);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return /\.(ts|cjs|mjs|js)$/.test(entry) ? [entry] : [];
  return readdirSync(full).flatMap((name) => (SKIP.has(name) ? [] : sourceFiles(join(entry, name))));
}

/** Relative module specifiers of `import … from`, `import(…)`, `require(…)` and `export … from`. */
function relativeSpecifiers(source: string): string[] {
  const found = source.matchAll(/(?:\bfrom|\bimport|\brequire)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g);
  return [...found].map((m) => m[1] ?? "");
}

/** The specifiers of `file` that resolve into test/. */
function testImports(file: string): string[] {
  const source = readFileSync(join(ROOT, file), "utf8");
  return relativeSpecifiers(source).filter((spec) => {
    const target = relative(ROOT, resolve(dirname(join(ROOT, file)), spec));
    return target === "test" || target.startsWith("test/");
  });
}

describe("layout", () => {
  it("finds the relative specifiers of every import form", () => {
    const source = [
      'import { a } from "../test/x";',
      'export * from "./y";',
      'const z = require("../../test/z");',
      'await import("./w.js");',
      'import "zod";',
    ].join("\n");
    expect(relativeSpecifiers(source)).toEqual(["../test/x", "./y", "../../test/z", "./w.js"]);
  });

  it("product code and tooling never import from test/", () => {
    const files = PRODUCT.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.flatMap((file) => testImports(file).map((spec) => `${file} imports ${spec}`));
    expect(offenders).toEqual([]);
  });
});
