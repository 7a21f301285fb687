/**
 * paasenv as a package another team installs: `npm pack` of this checkout, installed (npm's warm cache,
 * --prefer-offline) into a project made by `pulumi new` from examples/, then, from that install only: `npx paasenv --help`, the
 * typings of `paasenv`, `paasenv/scalingo`, `paasenv/alwaysdata` and `paasenv/emulator` under `tsc`, and a real
 * `pulumi up` of the example (plus one resource from each provider entry) against the emulators the package
 * exports, with the progress lines of the add-ons' wait; a bad stack config fails with its list of problems
 * once and no stack trace.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchEmulatorState } from "../../cli/demo/summary";
import type * as EmulatorEntry from "../../emulator/index";
import { ensurePulumiCli, pulumiEnv } from "../helpers/pulumi";

const run = promisify(execFile);
const repoRoot = path.resolve(__dirname, "..", "..");
const ALWAYSDATA_KEY = "package-test-key";

let root: string;
let project: string;
let tarball: string;

/** Runs `command` in the example project; resolves with its output, or rejects with it on a non-zero exit. */
async function sh(command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  return run(command, args, { cwd: project, env, maxBuffer: 64 * 1024 * 1024 });
}

/** Every `@pulumi/pulumi` installed in the project: a program and paasenv must share one. */
function pulumiSdkCopies(dir: string): string[] {
  const found: string[] = [];
  const walk = (modules: string) => {
    if (!fs.existsSync(modules)) return;
    if (fs.existsSync(path.join(modules, "@pulumi", "pulumi", "package.json"))) found.push(modules);
    for (const entry of fs.readdirSync(modules)) {
      const scoped = entry.startsWith("@")
        ? fs.readdirSync(path.join(modules, entry)).map((n) => `${entry}/${n}`)
        : [entry];
      for (const name of scoped) walk(path.join(modules, name, "node_modules"));
    }
  };
  walk(path.join(dir, "node_modules"));
  return found;
}

/** One resource from each provider entry, appended to the example's program for the test. */
const PROVIDER_ENTRIES_PROGRAM = `
import { AlwaysdataRecord } from "paasenv/alwaysdata";
import { App } from "paasenv/scalingo";

const extra = new App("extra-app", { name: "myapp-extra", region: "osc-fr1" });
new AlwaysdataRecord("extra-record", { zone: "example.com", name: "extra", type: "CNAME", value: extra.cnameTarget });
`;

beforeAll(async () => {
  ensurePulumiCli();
  root = fs.mkdtempSync(path.join(os.tmpdir(), "paasenv-package-"));
  const packed = await run("npm", ["pack", "--pack-destination", root], {
    cwd: repoRoot,
    maxBuffer: 64 * 1024 * 1024,
  });
  tarball = path.join(root, packed.stdout.trim().split("\n").at(-1) ?? "");
  project = path.join(root, "myapp-infra");
  fs.mkdirSync(path.join(root, "backend"));
  // As a team starts: `pulumi new` with examples/ as the template, then paasenv installed from the tarball.
  const env = pulumiEnv(path.join(root, "backend"));
  const template = ["new", path.join(repoRoot, "examples"), "--dir", project, "--name", "myapp-infra"];
  await run("pulumi", [...template, "--generate-only", "--yes"], { cwd: root, env });
  expect(fs.existsSync(path.join(project, ".github", "workflows", "pull-request.yml"))).toBe(true);
  await sh("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball]);
});

afterAll(() => {
  if (root !== undefined) fs.rmSync(root, { recursive: true, force: true });
});

describe("the paasenv package", () => {
  it("holds compiled code, declarations and docs, not the tests or the TypeScript source", async () => {
    const { stdout } = await run("tar", ["-tzf", tarball]);
    const files = stdout.trim().split("\n");
    expect(files).toEqual(
      expect.arrayContaining([
        "package/dist/components/index.js",
        "package/dist/components/index.d.ts",
        "package/dist/providers/index.js",
        "package/dist/cli/main.js",
        "package/dist/emulator/index.js",
        "package/providers/package-entry.cjs",
        "package/cli/paasenv.cjs",
        "package/docs/configuration.md",
      ]),
    );
    expect(files.filter((f) => /^package\/(test|examples|scripts)\//.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
  });

  it("installs with one @pulumi/pulumi, shared by the program and paasenv (a peer dependency)", () => {
    expect(pulumiSdkCopies(project)).toEqual([path.join(project, "node_modules")]);
  });

  it("runs `npx paasenv --help`, `paasenv emulator --help` and `paasenv validate` from the install", async () => {
    const help = await sh("npx", ["--no-install", "paasenv", "--help"]);
    expect(help.stdout).toContain("Usage: paasenv [options] [command]");
    const emulator = await sh("npx", ["--no-install", "paasenv", "emulator", "--help"]);
    expect(emulator.stdout).toContain("--alwaysdata-zone <zone>");
    const validate = await sh("npx", ["--no-install", "paasenv", "validate", "staging", "production"]);
    expect(validate.stdout).toBe(
      "Pulumi.staging.yaml: valid (8 paasenv keys)\nPulumi.production.yaml: valid (8 paasenv keys)\n",
    );
  });

  it("type-checks a program using every entry point", async () => {
    fs.writeFileSync(
      path.join(project, "entries.ts"),
      [
        'import { AppEnvironment, type StackConfig, loadConfig } from "paasenv";',
        'import { startAlwaysdataEmulator, startEmulator } from "paasenv/emulator";',
        'import type { AlwaysdataRecordArgs } from "paasenv/alwaysdata";',
        'import type { AppArgs } from "paasenv/scalingo";',
        "export type Used = [typeof AppEnvironment, StackConfig, typeof loadConfig, typeof startEmulator];",
        "export type Also = [typeof startAlwaysdataEmulator, AlwaysdataRecordArgs, AppArgs];",
        'export const wrong: AppArgs = { name: "x", region: "osc-fr1", forceHttps: "yes" };',
        "",
      ].join("\n"),
    );
    const tsconfig: { files: string[] } = JSON.parse(
      fs.readFileSync(path.join(project, "tsconfig.json"), "utf8"),
    );
    tsconfig.files = [...tsconfig.files, "entries.ts"];
    fs.writeFileSync(path.join(project, "tsconfig.json"), JSON.stringify(tsconfig));
    const failed = await sh("npx", ["--no-install", "tsc", "--noEmit"]).then(
      () => "",
      (e: { stdout: string }) => e.stdout,
    );
    // The one deliberate mistake is found, so the declarations are really read; nothing else is wrong.
    expect(failed.match(/error TS\d+/g)).toEqual(["error TS2322"]);
    expect(failed).toMatch(/^entries\.ts\(7,\d+\): error TS2322/);
  });

  it("brings the example up under a plain `pulumi up` against the exported emulators", async () => {
    const load = createRequire(path.join(project, "index.ts"));
    const emulators: typeof EmulatorEntry = load("paasenv/emulator");
    const scalingo = await emulators.startEmulator({ rateLimit: 0, addonProvisionMs: 3000, operationMs: 50 });
    const dns = await emulators.startAlwaysdataEmulator({ apiKey: ALWAYSDATA_KEY, domains: ["example.com"] });
    try {
      fs.appendFileSync(path.join(project, "index.ts"), PROVIDER_ENTRIES_PROGRAM);
      const env = {
        ...pulumiEnv(path.join(root, "backend")),
        SCALINGO_AUTH_URL: scalingo.url,
        SCALINGO_API_TOKEN: "tk-package-test",
        ALWAYSDATA_API_URL: dns.url,
        ALWAYSDATA_API_KEY: ALWAYSDATA_KEY,
      };
      const pulumi = (...args: string[]) => sh("pulumi", [...args, "--stack", "staging"], env);
      await sh("pulumi", ["stack", "init", "staging"], env);
      // Offline: no Scaleway plugin, so no bucket and the Alwaysdata DNS instead of Scaleway's.
      await pulumi("config", "set", "--path", "paasenv:storage.enabled", "false");
      await pulumi("config", "set", "--path", "paasenv:dns.provider", "alwaysdata");
      const up = await pulumi("up", "--yes", "--skip-preview");
      expect(up.stdout).toMatch(/waiting for the add-on to be running \(provisioning, \d+ s so far\)/);
      const outputs: unknown = JSON.parse((await pulumi("stack", "output", "--json")).stdout);
      expect(outputs).toMatchObject({ appName: "myapp-staging", url: "https://staging.example.com" });
      const { regions } = await fetchEmulatorState(scalingo.url);
      expect(Object.keys(regions["osc-fr1"]?.apps ?? {}).sort()).toEqual(["myapp-extra", "myapp-staging"]);
      const staging = regions["osc-fr1"]?.apps["myapp-staging"];
      expect(staging?.addons.map((a) => `${a.addon_provider.id} ${a.status}`).sort()).toEqual([
        "postgresql running",
        "redis running",
      ]);
      expect(staging?.containers.map((c) => `${c.name} ${c.amount}`).sort()).toEqual(["web 1", "worker 1"]);
      expect(
        dns
          .records()
          .map((r) => [r.name, r.type, r.value])
          .sort(),
      ).toEqual([
        ["extra", "CNAME", "myapp-extra.osc-fr1.scalingo.io."],
        ["staging", "CNAME", "myapp-staging.osc-fr1.scalingo.io."],
      ]);
    } finally {
      await Promise.all([scalingo.stop(), dns.stop()]);
    }
  });

  it("stops a bad stack config with the list of problems once, and no stack trace", async () => {
    const env = pulumiEnv(path.join(root, "backend"));
    await sh("pulumi", ["stack", "init", "bad"], env);
    await sh("pulumi", ["config", "set", "paasenv:environment", "stagin", "--stack", "bad"], env);
    const failed = await sh("pulumi", ["preview", "--stack", "bad"], env).catch(
      (e: { stdout: string; stderr: string }) => e,
    );
    const output = "stdout" in failed ? `${failed.stdout}${failed.stderr}` : "";
    expect(output.match(/- `paasenv:environment` must be one of/g)).toHaveLength(1);
    expect(output).toContain("- `paasenv:app` is required");
    expect(output).not.toMatch(/unhandled exception|\n\s+at /);
  });
});
