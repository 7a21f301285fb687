import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

// `paasenv/providers` (providers/package-entry.cjs), which the loader stored in every resource's state requires,
// in a plain Node process as the provider host runs it: in a checkout it is the TypeScript source, whatever a
// `npm pack` left in dist/; where only the compiled code is (the package), it is dist/.
const ROOT = path.resolve(__dirname, "..", "..");

/** In a plain Node process started in `cwd`: the file `paasenv/providers` resolves to, and what it loaded. */
function loadFrom(cwd: string): { resolved: string; loaded: string[]; createProvider: string } {
  const script = `
    const resolved = require.resolve("paasenv/providers", { paths: [process.cwd()] });
    const entry = require(resolved);
    const loaded = Object.keys(require.cache)
      .map((f) => f.replace(/[?].*$/, "")) // tsx keys what it loads as <file>?namespace=<n>
      .filter((f) => /[\\/]providers[\\/]index[.](ts|js)$/.test(f));
    process.stdout.write(JSON.stringify({ resolved, loaded, createProvider: typeof entry.createProvider }));`;
  const run = spawnSync(process.execPath, ["-e", script], { cwd, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`node exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

describe("paasenv/providers", () => {
  it("is this checkout's TypeScript source in a checkout", () => {
    expect(loadFrom(ROOT)).toEqual({
      resolved: path.join(ROOT, "providers", "package-entry.cjs"),
      loaded: [path.join(ROOT, "providers", "index.ts")],
      createProvider: "function",
    });
  });

  it("is the compiled code where the source is not beside it, as in the package", () => {
    const pkg = fs.mkdtempSync(path.join(os.tmpdir(), "paasenv-entry-"));
    try {
      fs.mkdirSync(path.join(pkg, "providers"));
      fs.mkdirSync(path.join(pkg, "dist", "providers"), { recursive: true });
      fs.copyFileSync(
        path.join(ROOT, "providers", "package-entry.cjs"),
        path.join(pkg, "providers", "package-entry.cjs"),
      );
      fs.writeFileSync(
        path.join(pkg, "dist", "providers", "index.js"),
        "exports.createProvider = () => ({});\n",
      );
      const manifest = { name: "paasenv", exports: { "./providers": "./providers/package-entry.cjs" } };
      fs.writeFileSync(path.join(pkg, "package.json"), JSON.stringify(manifest));
      expect(loadFrom(pkg)).toEqual({
        resolved: path.join(fs.realpathSync(pkg), "providers", "package-entry.cjs"),
        loaded: [path.join(fs.realpathSync(pkg), "dist", "providers", "index.js")],
        createProvider: "function",
      });
    } finally {
      fs.rmSync(pkg, { recursive: true, force: true });
    }
  });
});
