/**
 * Round trip of the AlwaysdataRecord provider as Pulumi runs it: compile with `tsc` (CommonJS), then in a
 * plain Node process serialize the provider with `serializeFunction`, load the text back with
 * `require-from-string` and call it against the emulator. Under vitest serialization proves nothing
 * (`shared/reference/pulumi-dynamic-providers.md` §5), hence the child process.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AlwaysdataEmulator, startAlwaysdataEmulator } from "../../../emulator/alwaysdata";

const run = promisify(execFile);
const ROOT = resolve(__dirname, "../../..");
const API_KEY = "cfg-secret-key-91b2";
const ENV_KEY = "env-secret-key-5c7d";

/** The plain-Node driver: serialize, load back, create, fail with a wrong key, delete. */
const DRIVER = `
const { createRecordProvider } = require("./out/providers/alwaysdata");
const { serializeFunction } = require("@pulumi/pulumi/runtime");
const requireFromString = require("require-from-string");
const configured = async (text, apiKey) => {
  const provider = requireFromString(text).handler();
  const values = { "alwaysdata:apiKey": apiKey, "alwaysdata:apiUrl": process.env.EMULATOR_URL };
  await provider.configure({ config: { get: (k) => values[k], require: (k) => values[k] } });
  return provider;
};
(async () => {
  const provider = createRecordProvider();
  const { text } = await serializeFunction(() => provider);
  const good = await configured(text, process.argv[2]);
  const checked = await good.check({}, { zone: "example.com", name: "www.example.com.", type: "CNAME",
    value: "my-app.osc-fr1.scalingo.io.", providerVersion: "1", __provider: text });
  const created = await good.create({ ...checked.inputs, __provider: text });
  const bad = await configured(text, "wrong-key");
  let error;
  try { await bad.create(checked.inputs); } catch (e) {
    error = { message: e.message, name: e.name, status: e.status, isError: e instanceof Error };
  }
  await good.delete(created.id, created.outs);
  process.stdout.write(JSON.stringify({ text, checked, created, error }));
})().catch((e) => { console.error(e); process.exit(1); });
`;

interface DriverResult {
  text: string;
  checked: { inputs: Record<string, unknown> };
  created: { id: string; outs: Record<string, unknown> };
  error: { message: string; name: string; status: number; isError: boolean };
}

let dir = "";
let emulator: AlwaysdataEmulator | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "alwaysdata-roundtrip-"));
  await symlink(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  const tsconfig = {
    extends: join(ROOT, "tsconfig.json"),
    compilerOptions: { outDir: join(dir, "out"), rootDir: ROOT, sourceMap: false, noEmit: false },
    files: [join(ROOT, "providers/alwaysdata/index.ts")],
    include: [],
  };
  await writeFile(join(dir, "tsconfig.json"), JSON.stringify(tsconfig));
  await writeFile(join(dir, "driver.cjs"), DRIVER);
  await run(process.execPath, [
    join(ROOT, "node_modules/typescript/bin/tsc"),
    "-p",
    join(dir, "tsconfig.json"),
  ]);
}, 120_000);

afterAll(async () => {
  await emulator?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("serialized provider (tsc output under plain Node)", () => {
  it("keeps libraries and credentials out of __provider and still works when loaded back", async () => {
    emulator = await startAlwaysdataEmulator({ apiKey: API_KEY, domains: ["example.com"] });
    const { stdout } = await run(process.execPath, [join(dir, "driver.cjs"), API_KEY], {
      cwd: dir,
      env: { ...process.env, EMULATOR_URL: emulator.url, ALWAYSDATA_API_KEY: ENV_KEY },
      maxBuffer: 16 * 1024 * 1024,
    });
    const result = JSON.parse(stdout) as DriverResult;

    expect(result.text).toContain('require("zod")');
    expect(result.text).toContain('require("axios")');
    expect(result.text).toContain('require("axios-retry")');
    expect(result.text.length).toBeLessThan(100_000);
    expect(result.text).not.toContain(API_KEY);
    expect(result.text).not.toContain(ENV_KEY);

    expect(result.checked.inputs).not.toHaveProperty("__provider");
    expect(result.created.outs).toMatchObject({ fqdn: "www.example.com", domainId: 100, adopt: false });
    expect(result.created.outs).not.toHaveProperty("__provider");
    expect(JSON.stringify(result.created)).not.toContain(API_KEY);

    expect(result.error).toEqual({
      message: expect.stringMatching(
        /^create record "www\.example\.com" \(CNAME\): GET \/v1\/domain\/ failed: 401 \(Invalid token\.\)\. Check the API key/,
      ),
      name: "AlwaysdataApiError",
      status: 401,
      isError: true,
    });
    expect(emulator.records()).toEqual([]);
    expect(emulator.requests().map((r) => `${r.method} ${r.status}`)).toEqual([
      "GET 200",
      "GET 200",
      "POST 201",
      "GET 401",
      "DELETE 204",
    ]);
  }, 60_000);
});
