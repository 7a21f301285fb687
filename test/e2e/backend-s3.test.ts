import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LocalWorkspace, type PulumiCommand, type Stack } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliRun, describeRun, runPaasenv } from "../cli/run-cli";
import { type S3Server, startS3Server } from "../cli/s3-server";
import { pulumiCommand, pulumiEnv } from "../helpers/pulumi";
import { type E2E, emulatorState, startE2E } from "./harness";
import { killAt, startDetached } from "./interrupt";

// The DIY backend on a real S3-compatible server (versitygw, built from Go modules), the way a team
// shares state in an S3 bucket (e.g. Scaleway Object Storage): two concurrent `up`s on one stack never
// corrupt the state; the second fails on the lock with a clear message; and a killed `review up` leaves a lock
// on S3 that `paasenv recover` proves dead and clears, bringing the app it had created into the state.

const REPO_ROOT = path.resolve(__dirname, "..", "..");
const PAASENV = path.join(REPO_ROOT, "cli", "paasenv.cjs");
const LOCKED = /the stack is currently locked by 1 lock\(s\)/;

let tmp: string;
let s3: S3Server;
let command: PulumiCommand;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "paasenv-backend-s3-"));
  s3 = await startS3Server(path.join(tmp, "s3"));
  s3.createBucket("paasenv-state");
  command = await pulumiCommand();
});

afterAll(async () => {
  await s3?.stop();
  if (tmp !== undefined) fs.rmSync(tmp, { recursive: true, force: true });
});

describe("a trivial project on the S3 backend", () => {
  let workDir: string;
  let gateDir: string;
  let env: Record<string, string>;

  const open = (): Promise<Stack> =>
    LocalWorkspace.createOrSelectStack(
      { stackName: "dev", workDir },
      { pulumiCommand: command, envVars: env },
    );

  beforeAll(() => {
    workDir = path.join(tmp, "gated");
    gateDir = path.join(tmp, "gate");
    fs.cpSync(path.join(REPO_ROOT, "test", "cli", "fixtures", "gated-project"), workDir, { recursive: true });
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(workDir, "node_modules"), "dir");
    fs.mkdirSync(gateDir);
    env = {
      ...pulumiEnv(path.join(tmp, "home-gated")),
      ...s3.env(),
      PULUMI_BACKEND_URL: s3.backendUrl("paasenv-state"),
    };
  });

  it("keeps a second up out while the first holds the lock, then the state is whole", async () => {
    const first = await open();
    await first.setConfig("gateDir", { value: gateDir });

    // The first `up` takes the lock, then blocks in the resource's create until the release file exists.
    let inside: () => void = () => {};
    const firstInside = new Promise<void>((resolve) => {
      inside = resolve;
    });
    const firstUp = first.up({
      onEvent: (event) => {
        if (event.resourcePreEvent?.metadata.type.endsWith(":Resource")) inside();
      },
    });
    await firstInside;

    const second = await open();
    const secondError = await second.up().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(String(secondError)).toMatch(LOCKED);
    expect(String(secondError)).toMatch(
      /s3:\/\/paasenv-state\/\.pulumi\/locks\/organization\/gated\/dev\/.*\.json/,
    );

    fs.writeFileSync(path.join(gateDir, "release"), "");
    const result = await firstUp;
    expect(result.summary.resourceChanges).toEqual({ create: 2 });

    // Exactly one resource was created, the state holds it, and the lock is gone: a later `up` runs.
    expect(fs.readdirSync(gateDir).filter((file) => file.endsWith(".created"))).toHaveLength(1);
    const exported = await second.exportStack();
    const types = (exported.deployment.resources ?? []).map((resource: { type: string }) => resource.type);
    expect(types.filter((type: string) => type === "pulumi-nodejs:dynamic:Resource")).toHaveLength(1);
    const again = await second.up();
    expect(again.summary.resourceChanges).toEqual({ same: 2 });
    expect(again.outputs.value?.value).toBe("one");

    await second.destroy();
    expect(fs.readdirSync(gateDir).filter((file) => file.endsWith(".created"))).toEqual([]);
  });
});

describe("paasenv review up on the S3 backend", () => {
  let e2e: E2E;
  let env: Record<string, string>;
  const OFFLINE = ["--set", "storage.enabled=false", "--set", "dns.provider=none"];
  const paasenv = (...args: string[]): Promise<CliRun> =>
    runPaasenv(["--cwd", e2e.project.dir, "-q", ...args], env);

  beforeAll(async () => {
    e2e = await startE2E("backend-s3");
    s3.createBucket("paasenv-review-state");
    env = { ...e2e.env, ...s3.env(), PULUMI_BACKEND_URL: s3.backendUrl("paasenv-review-state") };
    fs.copyFileSync(
      path.join(REPO_ROOT, "Pulumi.staging.yaml"),
      path.join(e2e.project.dir, "Pulumi.staging.yaml"),
    );
    await LocalWorkspace.createOrSelectStack(
      { stackName: "staging", workDir: e2e.project.dir },
      { pulumiCommand: command, envVars: env },
    );
  });

  afterAll(async () => {
    await e2e?.stop();
  });

  it("runs two concurrent review up on one stack without corrupting it", async () => {
    const created = await paasenv("review", "up", "5", ...OFFLINE);
    expect(created.code, describeRun(created)).toBe(0);

    const runs = await Promise.all([
      paasenv("review", "up", "5", ...OFFLINE),
      paasenv("review", "up", "5", ...OFFLINE),
    ]);
    // Each run either succeeded or stopped on the lock with the CLI's own message. Both may stop: Pulumi's DIY
    // backend writes its lock and then lists the locks, so two runs that start together can each see the other's
    // (seen on a loaded machine). What matters is that neither corrupts the state: the next run goes through.
    for (const run of runs) {
      if (run.code === 0) continue;
      expect(run.code, describeRun(run)).toBe(1);
      expect(run.stderr).toContain("up review-5: the stack is locked by another update");
      expect(run.stderr).toContain("`paasenv recover review-5` clears its lock");
    }

    // The state is whole: a further up changes nothing, and the emulator holds one app, not two.
    const after = await paasenv("review", "up", "5", "--json", ...OFFLINE);
    expect(after.code, describeRun(after)).toBe(0);
    expect(Object.keys((JSON.parse(after.stdout) as { changes: object }).changes)).toEqual(["same"]);
    const apps = Object.keys((await emulatorState(e2e)).regions["osc-fr1"]?.apps ?? {});
    expect(apps).toEqual(["myapp-staging-review-5"]);

    const down = await paasenv("review", "down", "5");
    expect(down.code, describeRun(down)).toBe(0);
    expect(Object.keys((await emulatorState(e2e)).regions["osc-fr1"]?.apps ?? {})).toEqual([]);
  });

  it("recovers a review up killed while its app was being created: the lock on S3, then one app", async () => {
    const args = ["--cwd", e2e.project.dir, "-q", "review", "up", "6", ...OFFLINE];
    const start = () => startDetached(process.execPath, [PAASENV, ...args], e2e.project.dir, env);
    await killAt({ ...e2e, env }, { method: "POST", path: "/v1/apps", when: "before" }, "go", start);

    const recovered = await paasenv("recover", "review-6", "--json");
    expect(recovered.code, describeRun(recovered)).toBe(0);
    const report = JSON.parse(recovered.stdout.split("\n")[0] ?? "[]") as Array<{
      action: string;
      name: string;
    }>;
    expect(report.map((line) => line.action)).toEqual(["lock-removed", "imported"]);
    expect(report[1]?.name).toBe("paasenv-app (scalingo:App)");

    const up = await paasenv("review", "up", "6", ...OFFLINE);
    expect(up.code, describeRun(up)).toBe(0);
    expect(Object.keys((await emulatorState(e2e)).regions["osc-fr1"]?.apps ?? {})).toEqual([
      "myapp-staging-review-6",
    ]);
  });
});
