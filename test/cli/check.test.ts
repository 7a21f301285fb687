import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../emulator/scalingo";
import { describeRun, runPaasenv } from "./run-cli";

// `paasenv check` as a pull request runs it: the real bin in a child process, on the committed example stacks
// and variants, with no Scalingo token, no passphrase and no backend. Scalingo's public catalog (the only
// thing it reads) is the emulator's.

const REPO_ROOT = path.resolve(__dirname, "..", "..");
let emulator: RunningEmulator;
let dir: string;

/** The environment of a pull-request job: no credential, Scalingo's URLs pointing at the emulator. */
function jobEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of ["PATH", "HOME", "TMPDIR"]) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return {
    ...env,
    SCALINGO_AUTH_URL: emulator.url,
    SCALINGO_API_URL: emulator.url,
    SCALINGO_DB_API_URL: emulator.url,
  };
}

beforeAll(async () => {
  emulator = await startEmulator();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "paasenv-check-"));
  const production = fs.readFileSync(path.join(REPO_ROOT, "Pulumi.production.yaml"), "utf8");
  // One web container and no autoscaler: the redundancy the gate asks for is gone.
  const oneWeb = production
    .replace("web:\n      amount: 2", "web:\n      amount: 1")
    .replace(/ {2}paasenv:autoscaler:\n(?: {4}.*\n)+/, "");
  fs.writeFileSync(path.join(dir, "Pulumi.oneweb.yaml"), oneWeb);
  fs.writeFileSync(
    path.join(dir, "Pulumi.broken.yaml"),
    production.replace("forceHttps: true", "forceHttps: false"),
  );
});

afterAll(async () => {
  await emulator?.stop();
  if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
});

describe("paasenv check", { timeout: 120_000 }, () => {
  it("passes the example stacks (exit 0): production on every item, staging with advisories", async () => {
    const before = emulator.runtime.requests.length;
    const run = await runPaasenv(["--cwd", REPO_ROOT, "check", "production", "staging"], jobEnv());
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toContain("Pulumi.production.yaml (production):");
    expect(run.stdout).toContain("  15 passed, 0 failed, 0 advisory, 0 not applicable");
    expect(run.stdout).toContain("Pulumi.staging.yaml (staging):");
    expect(run.stdout).toContain(
      "  ! advisory web-redundancy: The web process runs on at least 2 containers (or an autoscaler's minimum).",
    );
    expect(run.stdout).not.toContain("✗ fail");
    // Only the public catalog, once per stack file, and never with a bearer.
    const calls = emulator.runtime.requests.slice(before).map((r) => `${r.method} ${r.path}`);
    expect(calls).toEqual(["GET /v1/features/stacks", "GET /v1/features/stacks"]);
  });

  it("fails (exit 1) a production stack with one web container, printing the fix", async () => {
    const run = await runPaasenv(["--cwd", dir, "check", "oneweb"], jobEnv());
    expect(run.code, describeRun(run)).toBe(1);
    expect(run.stdout).toContain(
      "  ✗ fail     web-redundancy: The web process runs on at least 2 containers (or an autoscaler's minimum).\n" +
        "      `web` runs on 1 container, so a crash, a restart or a deployment takes the site down: set " +
        "`paasenv:processes.web.amount` to 2 or more, or autoscale web with `paasenv:autoscaler.web` (`min` 2 or more)\n",
    );
    expect(run.stdout).toContain("  14 passed, 1 failed, 0 advisory, 0 not applicable");
    expect(run.stderr).toContain("paasenv: check: a mandatory item fails in oneweb");
  });

  it("fails (exit 1) a configuration the program refuses, naming the key, before any rule", async () => {
    const run = await runPaasenv(["--cwd", dir, "check", "broken"], jobEnv());
    expect(run.code, describeRun(run)).toBe(1);
    expect(run.stdout).toContain("  ✗ fail     config:");
    expect(run.stdout).toContain("`paasenv:app.forceHttps` must be true in production");
    expect(run.stdout).toContain("  0 passed, 1 failed, 0 advisory, 0 not applicable");
  });
});
