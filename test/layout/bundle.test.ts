import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

// How a checkout runs TypeScript with no build step (providers/base/bundle.cjs): the Pulumi program (through
// Pulumi.yaml's preload) and the provider implementations (providers/index.ts) are bundled by esbuild in one
// call each. Run in plain Node processes, as Pulumi's runner and provider host run them.
const ROOT = path.resolve(__dirname, "../..");
const BUNDLE = path.join(ROOT, "providers/base/bundle.cjs");
const FIXTURE = path.join(ROOT, "test/fixtures/bundle");

/** Runs `script` in a new Node process from the repository root; returns what it printed. */
function node(
  script: string,
  args: string[] = [],
): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [...args, "-e", script], { cwd: ROOT, encoding: "utf8" });
}

describe("bundle.cjs", () => {
  it("loads an entry and its imports once, as one module, and packages from node_modules (one zod for all)", () => {
    const run = node(`
      const { requireBundled } = require(${JSON.stringify(BUNDLE)});
      const entry = ${JSON.stringify(path.join(FIXTURE, "entry.ts"))};
      const first = requireBundled(entry);
      const again = requireBundled(entry);
      process.stdout.write(JSON.stringify({
        same: first === again,
        loads: globalThis.bundleFixtureLoads,
        sharedZod: first.zod === require("zod").z,
        helperInCache: Object.keys(require.cache).some((key) => key.endsWith("helper.ts")),
      }));`);
    expect(run.stderr).toBe("");
    // One module: the helper is inside the bundle, not a module of its own.
    expect(JSON.parse(run.stdout)).toEqual({ same: true, loads: 1, sharedZod: true, helperInCache: false });
  });

  it("gives stack traces the TypeScript file and line, under Pulumi's source-map-support", () => {
    const run = node(`
      require(require.resolve("source-map-support/register", { paths: [require.resolve("@pulumi/pulumi/package.json")] }));
      require(${JSON.stringify(path.join(ROOT, "providers/base/typescript-hook.cjs"))});
      try { require(${JSON.stringify(path.join(FIXTURE, "entry.ts"))}).throwFromHelper(); }
      catch (error) { process.stdout.write(error.stack); }`);
    const frames = run.stdout.split("\n");
    expect(frames[0]).toBe("Error: from the helper");
    expect(frames[1]).toContain(`${path.join(FIXTURE, "helper.ts")}:7:`);
    expect(frames[2]).toContain(`${path.join(FIXTURE, "entry.ts")}:10:`);
  });

  it("fails on a syntax error with esbuild's message, the file and the line, and can try again", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "paasenv-bundle-"));
    const broken = path.join(dir, "broken.ts");
    fs.writeFileSync(broken, "export const answer: number = ;\n");
    const run = node(`
      const { requireBundled } = require(${JSON.stringify(BUNDLE)});
      const file = ${JSON.stringify(broken)};
      try { requireBundled(file); } catch (error) { process.stdout.write(error.message + "\\n---\\n"); }
      require("node:fs").writeFileSync(file, "export const answer: number = 42;\\n");
      process.stdout.write(String(requireBundled(file).answer));`);
    fs.rmSync(dir, { recursive: true, force: true });
    const [message, retried] = run.stdout.split("\n---\n");
    expect(message).toContain(`esbuild could not bundle ${broken}`);
    expect(message).toContain('Unexpected ";"');
    expect(message).toContain("broken.ts:1:30");
    expect(retried).toBe("42");
  });
});

describe("bundle.cjs without esbuild's native executable in place", () => {
  it("runs esbuild's JavaScript launcher under this Node (install scripts skipped, Windows)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "paasenv-bundle-"));
    const launcher = path.join(dir, "node_modules/esbuild/bin/esbuild");
    fs.mkdirSync(path.dirname(launcher), { recursive: true });
    const real = path.join(ROOT, "node_modules/esbuild/bin/esbuild");
    fs.writeFileSync(
      launcher,
      "#!/usr/bin/env node\n" +
        `require("node:fs").writeFileSync(${JSON.stringify(path.join(dir, "launched"))}, "yes");\n` +
        `require("node:child_process").execFileSync(${JSON.stringify(real)}, process.argv.slice(2), { stdio: "inherit" });\n`,
    );
    fs.writeFileSync(path.join(dir, "entry.ts"), "export const answer: number = 42;\n");
    const run = node(`
      const { requireBundled } = require(${JSON.stringify(BUNDLE)});
      process.stdout.write(String(requireBundled(${JSON.stringify(path.join(dir, "entry.ts"))}).answer));`);
    const launched = fs.existsSync(path.join(dir, "launched"));
    fs.rmSync(dir, { recursive: true, force: true });
    expect(run.stderr).toBe("");
    expect({ answer: run.stdout, launched }).toEqual({ answer: "42", launched: true });
  });
});

describe("Pulumi.yaml", () => {
  it("runs the program without ts-node, through the bundling preload", () => {
    const project = parse(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8"));
    expect(project.main).toBe("index.ts");
    expect(project.runtime.options).toEqual({
      typescript: false,
      nodeargs: "--require ./providers/base/typescript-hook.cjs",
    });
    expect(fs.existsSync(path.join(ROOT, "providers/base/typescript-hook.cjs"))).toBe(true);
  });
});
