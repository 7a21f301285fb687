/**
 * How provider code reaches the engine, proven as the `pulumi-nodejs` host runs it: the loader text every
 * resource stores in `__provider` is loaded with require-from-string in a plain Node process and its provider
 * runs every resource type against the emulators — from this checkout (the TypeScript source, through tsx), from
 * a consuming project (an installed `paasenv` package of compiled JavaScript), and from a directory that has
 * neither (a clear error).
 */
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AlwaysdataEmulator, startAlwaysdataEmulator } from "../../emulator/alwaysdata";
import { startEmulator } from "../../emulator/scalingo";
import { PROVIDER_LOADER } from "../../providers/base/by-reference";

const run = promisify(execFile);
const ROOT = resolve(__dirname, "../..");
const DIST = join(ROOT, "dist", `serialization-${process.pid}`);
const TEXT = join(DIST, "provider.js");
const TOKEN = "tk-us-serialization-secret-4f1c9e";
const API_KEY = "cfg-secret-key-91b2";
const NAMES = [
  "app",
  "addon",
  "variables",
  "formation",
  "domain",
  "pg",
  "notifier",
  "alert",
  "logDrain",
  "settings",
  "dbUser",
  "autoscaler",
  "collaborator",
] as const;

let scalingo: Awaited<ReturnType<typeof startEmulator>>;
let alwaysdata: AlwaysdataEmulator;
let text = "";
let consumer = "";

/** Run the compiled driver with plain Node from `cwd` (the program directory the engine would use). */
const runProviders = (cwd: string) =>
  run(
    process.execPath,
    [join(DIST, "test", "serialization", "run-providers.js"), TEXT, scalingo.url, alwaysdata.url],
    {
      cwd,
      env: { PATH: process.env.PATH ?? "", SCALINGO_TEST_TOKEN: TOKEN, ALWAYSDATA_TEST_KEY: API_KEY },
      maxBuffer: 16 * 1024 * 1024,
    },
  );

/** A consuming project: `node_modules/paasenv` holds the compiled providers, the rest links to ours. */
async function consumerProject(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "paasenv-consumer-"));
  const pkg = join(dir, "node_modules", "paasenv");
  await mkdir(pkg, { recursive: true });
  for (const entry of await readdir(join(ROOT, "node_modules"))) {
    if (entry !== ".bin") await symlink(join(ROOT, "node_modules", entry), join(dir, "node_modules", entry));
  }
  await cp(join(DIST, "providers"), join(pkg, "dist", "providers"), { recursive: true });
  const manifest = { name: "paasenv", exports: { "./providers": "./dist/providers/index.js" } };
  await writeFile(join(pkg, "package.json"), JSON.stringify(manifest));
  return dir;
}

beforeAll(async () => {
  const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
  await run(process.execPath, [tsc, "-p", join(__dirname, "tsconfig.providers.json"), "--outDir", DIST], {
    cwd: ROOT,
  });
  await writeFile(TEXT, PROVIDER_LOADER);
  text = await readFile(TEXT, "utf8");
  consumer = await consumerProject();
  scalingo = await startEmulator({ rateLimit: 0, addonProvisionMs: 50, operationMs: 50 });
  alwaysdata = await startAlwaysdataEmulator({ apiKey: API_KEY, domains: ["example.com"] });
});

afterAll(async () => {
  await scalingo?.stop();
  await alwaysdata?.stop();
  await rm(DIST, { recursive: true, force: true });
  if (consumer) await rm(consumer, { recursive: true, force: true });
});

describe("the loader text every resource stores", () => {
  it("is under a kilobyte that finds the implementation by reference", () => {
    expect(text.length).toBeLessThan(1_100);
    expect(text).toContain('require.resolve("paasenv/providers", { paths: [cwd] })');
    expect(text).toContain('require.resolve("tsx/cjs/api", { paths: [cwd] })');
    for (const inlined of [
      "AxiosHeaders",
      "interceptors",
      "ZodError",
      "_zod",
      "$ZodType",
      "__vite_ssr",
      "z.object",
    ]) {
      expect(text, `the loader text contains ${inlined}`).not.toContain(inlined);
    }
  });

  it("holds no token and no key", () => {
    for (const secret of ["tk-us-", API_KEY]) expect(text).not.toContain(secret);
  });
});

interface Report {
  scalingo: {
    steps: Record<
      (typeof NAMES)[number],
      {
        id: string;
        outs: Record<string, unknown>;
        failures: unknown[];
        read: { id?: string; props?: Record<string, unknown> };
      }
    >;
    clash: { isError: boolean; name: string; message: string };
    afterDelete: Record<string, unknown>;
    guard: { outs: Record<string, unknown>; refused: { isError: boolean; name: string; message: string } };
  };
  alwaysdata: {
    record: { outs: Record<string, unknown>; failures: unknown[] };
    error: { isError: boolean; name: string; message: string; status: number };
  };
}

async function expectWholeLifecycle(report: Report): Promise<void> {
  const { steps } = report.scalingo;
  expect(steps.app.outs).toMatchObject({
    name: "serialized-app",
    cnameTarget: "serialized-app.osc-fr1.scalingo.io.",
    resourceType: "scalingo:App",
  });
  expect(steps.app.read.id).toBe(steps.app.id);
  expect(steps.addon.outs).toMatchObject({
    provider: "redis",
    status: "running",
    resourceType: "scalingo:Addon",
  });
  expect(steps.addon.outs.connectionUrl).toMatch(/^redis:\/\//);
  expect(steps.variables.read.props).toMatchObject({ variables: { GREETING: "hello" }, names: ["GREETING"] });
  expect(steps.formation.read.props).toMatchObject({
    processes: { web: { amount: 2, size: "S" } },
    autoscaled: { web: { min: 2, max: 4 } },
    resourceType: "scalingo:Formation",
  });
  expect(steps.domain.outs).toMatchObject({ name: "www.serialized.example", letsEncrypt: true });
  expect(steps.notifier.read.props).toMatchObject({ events: ["crash"], resourceType: "scalingo:Notifier" });
  expect(steps.alert.read.props).toMatchObject({
    notifiers: [steps.notifier.id],
    durationBeforeTrigger: "2m",
  });
  expect(steps.logDrain.outs).toMatchObject({ drainUrl: "syslog://logs.example.com:6514" });
  expect(steps.settings.read.props).toMatchObject({
    periodicBackups: { enabled: true, hours: [3] },
    features: ["force-ssl"],
  });
  expect(steps.dbUser.outs.connectionUrl).toMatch(/^postgresql:\/\/metabase:/);
  expect(steps.autoscaler.read.props).toMatchObject({ minContainers: 2, maxContainers: 4, disabled: false });
  expect(steps.collaborator.read.props).toMatchObject({ email: "dev@example.com", limited: false });
  for (const name of NAMES) {
    expect(steps[name].read.id, name).toBe(steps[name].id);
    expect(steps[name].failures).toEqual([]);
    expect(steps[name].outs).not.toHaveProperty("__provider");
  }
  expect(report.scalingo.clash).toMatchObject({ isError: true, name: "ScalingoError" });
  expect(report.scalingo.clash.message).toContain('an app named "serialized-app" already exists');
  expect(report.scalingo.afterDelete).toEqual({});
  // The guard refuses a destroy until the stack config's permission names the app (given to the later run).
  expect(report.scalingo.guard.outs).toMatchObject({
    held: ["app", "addons.redis"],
    resourceType: "paasenv:Guard",
  });
  expect(report.scalingo.guard.refused).toMatchObject({ isError: true, name: "PaasenvError" });
  expect(report.scalingo.guard.refused.message).toContain(
    `destroying this environment deletes the redis add-on ${steps.addon.id} and the data in it`,
  );
  const state = (await (await fetch(`${scalingo.url}/__emulator/state`)).json()) as {
    regions: Record<string, { apps: Record<string, unknown> }>;
  };
  expect(state.regions["osc-fr1"]?.apps).toEqual({});

  const { record, error } = report.alwaysdata;
  expect(record.failures).toEqual([]);
  expect(record.outs).toMatchObject({ fqdn: "www.example.com", domainId: 100, adopt: false });
  expect(JSON.stringify(record)).not.toContain(API_KEY);
  expect(error).toEqual({
    message: expect.stringMatching(
      /^create record "www\.example\.com" \(CNAME\): GET \/v1\/domain\/ failed: 401 \(Invalid token\.\)\. Check the API key/,
    ),
    name: "AlwaysdataApiError",
    status: 401,
    isError: true,
  });
  expect(alwaysdata.records()).toEqual([]);
  // create (zone, records, POST), read, the wrong key's create, delete: nothing else, nothing twice.
  expect(
    alwaysdata
      .requests()
      .slice(-6)
      .map((r) => `${r.method} ${r.status}`),
  ).toEqual(["GET 200", "GET 200", "POST 201", "GET 200", "GET 401", "DELETE 204"]);
}

describe("the shim loaded back in a plain Node process", () => {
  it("runs this checkout's TypeScript source for every resource type", async () => {
    const { stdout } = await runProviders(ROOT);
    await expectWholeLifecycle(JSON.parse(stdout));
  });

  it("runs the installed package's compiled JavaScript in a consuming project", async () => {
    const { stdout } = await runProviders(consumer);
    await expectWholeLifecycle(JSON.parse(stdout));
  });

  it("says what to install where neither exists", async () => {
    const bare = await mkdtemp(join(tmpdir(), "paasenv-bare-"));
    try {
      const failed = await runProviders(bare).then(
        () => "succeeded",
        (error: { stderr: string }) => error.stderr,
      );
      expect(failed).toContain(`paasenv's provider code was not found from ${bare}`);
      expect(failed).toContain("install paasenv in this program's directory (`npm install paasenv`)");
    } finally {
      await rm(bare, { recursive: true, force: true });
    }
  });
});
