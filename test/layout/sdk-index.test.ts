import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

// What a `pulumi preview` of this repository loads before it declares anything: the program's own modules
// (index.ts imports these two) and the provider implementations the engine's provider host loads. Neither
// `@pulumi/pulumi`'s index (the Automation API, npm's arborist: ~580 modules) nor `@pulumiverse/scaleway` may
// come with them (providers/base/sdk.ts, components/scaleway-sdk.ts). Loaded in a plain Node process through
// tsx, as Pulumi's host does, and read from Node's own module cache.
const ROOT = resolve(__dirname, "../..");
const HEAVY = {
  sdkIndex: /[\\/]@pulumi[\\/]pulumi[\\/]index\.js$/,
  automation: /[\\/]@pulumi[\\/]pulumi[\\/]automation[\\/]/,
  scaleway: /[\\/]@pulumiverse[\\/]scaleway[\\/]/,
};

/** Which heavy modules, and how many modules in all, a Node process holds after requiring `modules`. */
function loadedBy(modules: string[]): { heavy: string[]; count: number } {
  const script = `
    for (const m of ${JSON.stringify(modules)}) require(m);
    const keys = Object.keys(require.cache);
    const heavy = Object.entries(${JSON.stringify(Object.fromEntries(Object.entries(HEAVY).map(([k, v]) => [k, v.source])))})
      .filter(([, source]) => keys.some((key) => new RegExp(source).test(key))).map(([name]) => name);
    process.stdout.write(JSON.stringify({ heavy, count: keys.length }));`;
  const run = spawnSync(process.execPath, ["--require", "tsx/cjs", "-e", script], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`node exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

describe("what the program loads", () => {
  it("sees the SDK's index and Scaleway's SDK when something does load them (the check can fail)", () => {
    expect(loadedBy(["@pulumi/pulumi", "@pulumiverse/scaleway"]).heavy).toEqual([
      "sdkIndex",
      "automation",
      "scaleway",
    ]);
  });

  it("loads neither the SDK's index nor Scaleway's SDK for the program and the providers", () => {
    const { heavy } = loadedBy([
      "./components/app-environment",
      "./components/config/load",
      "./providers",
      "./providers/implementations",
    ]);
    expect(heavy).toEqual([]);
  });

  it("loads neither for the package's entries a program imports (paasenv, paasenv/scalingo, paasenv/alwaysdata)", () => {
    const { heavy } = loadedBy(["./components", "./providers/scalingo", "./providers/alwaysdata"]);
    expect(heavy).toEqual([]);
  });
});
