import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emulatorStateSchema } from "../../cli/demo/summary";
import { ensurePulumiCli } from "../helpers/pulumi";

// `npm run demo` then `npm run demo -- --destroy`, as a user runs them, with the demo folder moved to a
// temporary one (PAASENV_DEMO_DIR) so the test never touches a real `.paasenv-demo/`.

const run = promisify(execFile);
const repoRoot = path.resolve(__dirname, "..", "..");
const REVIEW_APP = "myapp-staging-review-1";

let demoDir: string;

function demo(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, PAASENV_DEMO_DIR: demoDir };
  for (const name of [
    "SCALINGO_AUTH_URL",
    "SCALINGO_API_URL",
    "SCALINGO_DB_API_URL",
    "SCALINGO_API_TOKEN",
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
  it("creates the review environment on the emulator, prints outputs and a summary without values", async () => {
    const { stdout } = await demo([]);
    expect(stdout).toContain('the fixed demo passphrase "paasenv-demo"');
    expect(stdout).toContain("not available offline");
    expect(stdout).toMatch(/Stack outputs\n(.*\n)*\s+appName\s+"myapp-staging-review-1"/);
    expect(stdout).toContain(`app        ${REVIEW_APP} in osc-fr1`);
    expect(stdout).toContain("formation  web 1×S");
    expect(stdout).toMatch(/add-ons {4}postgresql postgresql-sandbox .*redis redis-sandbox/);
    expect(stdout).toMatch(/variables {2}\d+ \(.*APP_URL.*DJANGO_SETTINGS_MODULE.*; values not shown\)/);
    expect(stdout).not.toContain("myapp.settings.staging");
    expect(stdout).not.toMatch(/postgres(ql)?:\/\//);
    expect(emulatorApps()).toEqual([REVIEW_APP]);
    expect(fs.readdirSync(path.join(demoDir, "project")).filter((f) => f.startsWith("Pulumi."))).toEqual([
      "Pulumi.demo-review-1.yaml",
      "Pulumi.yaml",
    ]);
  });

  it("--destroy restarts the emulator from its state file, destroys and removes the stack", async () => {
    const { stdout } = await demo(["--destroy"]);
    expect(stdout).toContain("state reloaded from");
    expect(stdout).toMatch(
      /demo-review-1: destroying it deletes what it holds; granting PAASENV_PERMIT_DATA_LOSS for this destroy only: app "\w+", addons\.\w+ "\w+", addons\.\w+ "\w+"/,
    );
    expect(stdout).toContain('Stack "demo-review-1" destroyed and removed');
    expect(emulatorApps()).toEqual([]);
    const again = await demo(["--destroy"]);
    expect(again.stdout).toContain('No stack "demo-review-1" in this backend: nothing to destroy');
  });
});
