/**
 * The Scalingo providers survive Pulumi's closure serialization: compiled by tsc, serialized under plain Node
 * (vitest rewrites imports, so serializing here would prove nothing), loaded back with require-from-string in
 * another plain Node process, and run against the emulator.
 */
import { execFile } from "node:child_process";
import { mkdir, readFile, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator/scalingo";

const run = promisify(execFile);
const ROOT = resolve(__dirname, "../..");
const DIST = join(ROOT, "dist", `serialization-${process.pid}`);
const TEXTS = join(DIST, "texts");
const TOKEN = "tk-us-serialization-secret-4f1c9e";
const NAMES = ["app", "addon", "variables", "formation", "domain"] as const;

let emulator: Awaited<ReturnType<typeof startEmulator>>;
const texts: Record<string, string> = {};

/** Run a compiled script with plain Node from the repository root (where the engine would find node_modules). */
const node = (script: string, args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, [join(DIST, "test", "serialization", script), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", ...env },
    maxBuffer: 16 * 1024 * 1024,
  });

beforeAll(async () => {
  const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
  await run(process.execPath, [tsc, "-p", join(__dirname, "tsconfig.providers.json"), "--outDir", DIST], {
    cwd: ROOT,
  });
  await mkdir(TEXTS, { recursive: true });
  await node("serialize-providers.js", [TEXTS]);
  for (const name of NAMES) texts[name] = await readFile(join(TEXTS, `${name}.js`), "utf8");
  emulator = await startEmulator({ rateLimit: 0, addonProvisionMs: 50, operationMs: 50 });
});

afterAll(async () => {
  await emulator?.stop();
  await rm(DIST, { recursive: true, force: true });
});

describe.each(NAMES)("serialized %s provider", (name) => {
  it("requires axios and zod at run time instead of inlining them", () => {
    const text = texts[name] ?? "";
    expect(text).toContain('require("axios")');
    expect(text).toContain('require("axios-retry")');
    expect(text).toContain('require("zod")');
    expect(text.length).toBeLessThan(100_000);
    for (const inlined of ["AxiosHeaders", "interceptors", "ZodError", "_zod", "$ZodType", "__vite_ssr"]) {
      expect(text, `serialized ${name} provider contains ${inlined}`).not.toContain(inlined);
    }
  });

  it("holds no token, no session and no module-level schema or client", () => {
    const text = texts[name] ?? "";
    expect(text).not.toContain("tk-us-");
    // The provider object itself: methods only; `configure` hangs the session settings on it at run time, in the host.
    const providerObject = text.split("\n").find((line) => /^var __\w+ = \{configure: /.test(line));
    expect(providerObject).toMatch(
      /^var __\w+ = \{configure: __f\d+, check: __f\d+, diff: __f\d+, create: __f\d+, read: __f\d+, update: __f\d+, delete: __f\d+\};$/,
    );
    // Schemas are factories (`(z) => z.object(…)`), never values built at load time. A captured RegExp (the
    // app-name rule of `limits.ts`) is plain data and allowed.
    expect(text).not.toMatch(/^var __\w+ = [^;\n]*(z\.object|\.create\(|new (?!RegExp\())/m);
  });
});

describe("serialized providers loaded back in a plain Node process", () => {
  it("create, read and delete every resource against the emulator", async () => {
    const { stdout } = await node("run-providers.js", [TEXTS, emulator.url], { SCALINGO_TEST_TOKEN: TOKEN });
    const report = JSON.parse(stdout);
    expect(report.steps.app.outs).toMatchObject({
      name: "serialized-app",
      cnameTarget: "serialized-app.osc-fr1.scalingo.io.",
    });
    expect(report.steps.app.read.id).toBe(report.steps.app.id);
    expect(report.steps.addon.outs).toMatchObject({ provider: "redis", status: "running" });
    expect(report.steps.addon.outs.connectionUrl).toMatch(/^redis:\/\//);
    expect(report.steps.variables.read.props).toMatchObject({
      variables: { GREETING: "hello" },
      names: ["GREETING"],
    });
    expect(report.steps.formation.read.props).toMatchObject({ processes: { web: { amount: 1, size: "S" } } });
    expect(report.steps.domain.outs).toMatchObject({ name: "www.serialized.example", letsEncrypt: true });
    for (const n of NAMES) expect(report.steps[n].failures).toEqual([]);
    expect(report.clash).toMatchObject({ isError: true, name: "ScalingoError" });
    expect(report.clash.message).toContain('an app named "serialized-app" already exists');
    expect(report.afterDelete).toEqual({});
    const state = (await (await fetch(`${emulator.url}/__emulator/state`)).json()) as {
      regions: Record<string, { apps: Record<string, unknown> }>;
    };
    expect(state.regions["osc-fr1"]?.apps).toEqual({});
  });
});
