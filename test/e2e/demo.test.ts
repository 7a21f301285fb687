import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { emulatorStateSchema } from "../../cli/demo/summary";
import { ensurePulumiCli } from "../helpers/pulumi";

// `npm run demo`, `npm run demo -- --review` then `npm run demo -- --destroy`, as a user runs them, with the
// demo folder moved to a temporary one (PAASENV_DEMO_DIR) so the test never touches a real `.paasenv-demo/`.

const run = promisify(execFile);
const repoRoot = path.resolve(__dirname, "..", "..");
const STAGING_APP = "myapp-staging";
const REVIEW_APP = "myapp-staging-review-1";

let demoDir: string;

function demo(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, PAASENV_DEMO_DIR: demoDir };
  for (const name of [
    "SCALINGO_AUTH_URL",
    "SCALINGO_API_URL",
    "SCALINGO_DB_API_URL",
    "SCALINGO_API_TOKEN",
    "ALWAYSDATA_API_URL",
    "ALWAYSDATA_API_KEY",
    "PULUMI_BACKEND_URL",
    "PULUMI_CONFIG_PASSPHRASE",
    "PULUMI_CONFIG_PASSPHRASE_FILE",
  ]) {
    delete env[name];
  }
  const script = path.join(repoRoot, "cli", "demo", "index.ts");
  return run(process.execPath, [require.resolve("tsx/cli"), script, ...args], {
    cwd: repoRoot,
    env,
    maxBuffer: 64 * 1024 * 1024,
  });
}

function dnsRecords(): string[] {
  const file = path.join(demoDir, "dns-state.json");
  const { records } = z
    .object({ records: z.array(z.object({ name: z.string(), value: z.string() })) })
    .parse(JSON.parse(fs.readFileSync(file, "utf8")));
  return records.map((r) => `${r.name} ${r.value}`);
}

function emulatorApps(): string[] {
  const file = path.join(demoDir, "emulator-state.json");
  const state = emulatorStateSchema.parse(JSON.parse(fs.readFileSync(file, "utf8")));
  return Object.values(state.regions).flatMap((region) => Object.keys(region.apps));
}

beforeAll(() => {
  ensurePulumiCli();
  demoDir = fs.mkdtempSync(path.join(os.tmpdir(), "paasenv-demo-e2e-"));
});

afterAll(() => {
  if (demoDir !== undefined) fs.rmSync(demoDir, { recursive: true, force: true });
});

describe("npm run demo", () => {
  it("creates the staging-like environment on the emulators, prints outputs and a summary without values", async () => {
    const { stdout } = await demo([]);
    expect(stdout).toContain('the fixed demo passphrase "paasenv-demo"');
    expect(stdout).toContain("needs the Scaleway provider plugin");
    expect(stdout).toContain("not available offline");
    expect(stdout).toMatch(/Stack outputs\n(.*\n)*\s+appName\s+"myapp-staging"/);
    expect(stdout).toContain(`app        ${STAGING_APP} in osc-fr1`);
    expect(stdout).toContain("force HTTPS on");
    expect(stdout).toContain("formation  web 2×M, worker 1×M");
    expect(stdout).toMatch(
      /add-ons {4}postgresql postgresql-starter-512 \(running\), redis redis-starter-256/,
    );
    expect(stdout).toMatch(/variables {2}\d+ \(.*DJANGO_SETTINGS_MODULE.*; values not shown\)/);
    expect(stdout).toContain(
      "domains    staging.example.com (canonical), TLS success (Let's Encrypt: created)",
    );
    expect(stdout).toContain("dns        staging.example.com CNAME myapp-staging.osc-fr1.scalingo.io.");
    expect(stdout).toMatch(/waiting for the add-on to be running \(provisioning, \d+ s so far\)/);
    expect(stdout).not.toContain("myapp.settings.staging");
    expect(stdout).not.toMatch(/postgres(ql)?:\/\//);
    expect(emulatorApps()).toEqual([STAGING_APP]);
    expect(dnsRecords()).toEqual(["staging myapp-staging.osc-fr1.scalingo.io."]);
  });

  it("--review creates a review environment beside it", async () => {
    const { stdout } = await demo(["--review"]);
    expect(stdout).toContain(`app        ${REVIEW_APP} in osc-fr1`);
    expect(stdout).toContain("formation  web 1×S");
    expect(stdout).toMatch(/add-ons {4}postgresql postgresql-sandbox .*redis redis-sandbox/);
    expect(emulatorApps().sort()).toEqual([STAGING_APP, REVIEW_APP]);
    expect(fs.readdirSync(path.join(demoDir, "project")).filter((f) => f.startsWith("Pulumi."))).toEqual([
      "Pulumi.demo-review-1.yaml",
      "Pulumi.demo-staging.yaml",
      "Pulumi.yaml",
    ]);
  });

  it("--destroy restarts the emulators from their state files, destroys and removes every demo stack", async () => {
    const { stdout } = await demo(["--destroy"]);
    expect(stdout).toContain("state reloaded from");
    for (const stack of ["demo-review-1", "demo-staging"]) {
      expect(stdout).toMatch(
        new RegExp(
          `${stack}: destroying it deletes what it holds; granting PAASENV_PERMIT_DATA_LOSS for this destroy only: app "\\w+", addons\\.\\w+ "[\\w-]+", addons\\.\\w+ "[\\w-]+"`,
        ),
      );
      expect(stdout).toContain(`Stack "${stack}" destroyed and removed`);
    }
    expect(emulatorApps()).toEqual([]);
    expect(dnsRecords()).toEqual([]);
    const again = await demo(["--destroy"]);
    expect(again.stdout).toContain("No demo stack in this backend: nothing to destroy");
  });
});
