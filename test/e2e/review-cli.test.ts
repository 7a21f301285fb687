import * as fs from "node:fs";
import * as path from "node:path";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configFromValues } from "../../cli/lib/stack-config";
import { type CliRun, describeRun, runPaasenv } from "../cli/run-cli";
import {
  clearRequests,
  type E2E,
  emulatorState,
  loggedRequests,
  openStack,
  scalingoApi,
  startE2E,
  writeCalls,
} from "./harness";

// The review commands of the real `paasenv` bin, against the real Pulumi CLI (file backend) and the
// emulator. The source is the committed Pulumi.staging.yaml (app myapp-staging); storage and DNS are
// switched off with --set because the Scaleway plugin is not available offline.

const OFFLINE = ["--set", "storage.enabled=false", "--set", "dns.provider=none"];

let e2e: E2E;

/** A `preprod` stack of the same project, whose app name happens to be staging's review app 77. */
const preprodConfig = () =>
  configFromValues({
    "paasenv:environment": "staging",
    "paasenv:app": { name: "myapp-staging-review-77", region: "osc-fr1" },
    "paasenv:processes": { web: { amount: 1, size: "S" } },
    "paasenv:addons": { postgresql: { plan: "postgresql-starter-512" } },
    "paasenv:dns": { provider: "none" },
  });

/** `paasenv --cwd <project copy> -q <args>`. */
function paasenv(...args: string[]): Promise<CliRun> {
  return runPaasenv(["--cwd", e2e.project.dir, "-q", ...args], e2e.env);
}

/** Runs and expects exit code 0, with the output in the failure message. */
async function ok(...args: string[]): Promise<CliRun> {
  const run = await paasenv(...args);
  expect(run.code, describeRun(run)).toBe(0);
  return run;
}

async function appNamesInEmulator(): Promise<string[]> {
  const state = await emulatorState(e2e);
  return Object.keys(state.regions["osc-fr1"]?.apps ?? {}).sort();
}

interface ListedStack {
  stack: string;
  lastUpdate: string | null;
  url: string | null;
  apps: string[];
}

async function listed(): Promise<ListedStack[]> {
  return JSON.parse((await ok("review", "list", "--json")).stdout) as ListedStack[];
}

beforeAll(async () => {
  e2e = await startE2E("review-cli");
  fs.copyFileSync(
    path.join(__dirname, "..", "..", "Pulumi.staging.yaml"),
    path.join(e2e.project.dir, "Pulumi.staging.yaml"),
  );
  // The source stack only needs to exist with its configuration; it is never deployed here.
  await LocalWorkspace.createOrSelectStack(
    { stackName: "staging", workDir: e2e.project.dir },
    { pulumiCommand: e2e.command, envVars: e2e.env },
  );
});

afterAll(async () => {
  await e2e?.stop();
});

/** The API calls of review-7's first `up` and of its `down`. */
const reviewCalls: { up: string[]; down: string[] } = { up: [], down: [] };

describe("paasenv review", () => {
  it("review up 7 creates the review environment and prints its URL; again, it changes nothing", async () => {
    await clearRequests(e2e);
    const first = await ok("review", "up", "7", ...OFFLINE);
    reviewCalls.up = (await loggedRequests(e2e)).map((r) => `${r.method} ${r.path}`);
    expect(first.stdout.trim()).toMatch(/^https:\/\/myapp-staging-review-7\./);
    const app = (await emulatorState(e2e)).regions["osc-fr1"]?.apps["myapp-staging-review-7"];
    expect(app?.containers).toEqual([{ name: "web", amount: 1, size: "S" }]);
    expect(app?.addons.map((addon) => addon.addon_provider.id).sort()).toEqual(["postgresql", "redis"]);

    // A fresh CI runner has no Pulumi.review-7.yaml: the CLI restores it from the backend.
    fs.rmSync(path.join(e2e.project.dir, "Pulumi.review-7.yaml"));
    await clearRequests(e2e);
    const second = await ok("review", "up", "7", "--json", ...OFFLINE);
    const result = JSON.parse(second.stdout) as {
      stack: string;
      appName: string;
      changes: Record<string, number>;
    };
    expect(result.stack).toBe("review-7");
    expect(result.appName).toBe("myapp-staging-review-7");
    expect(Object.keys(result.changes)).toEqual(["same"]);
    expect(second.stderr).toContain("restoring it from the last deployment");
    expect(await writeCalls(e2e)).toEqual([]);
  });

  it("creates two review stacks concurrently", async () => {
    const [eight, nine] = await Promise.all([
      paasenv("review", "up", "8", ...OFFLINE),
      paasenv("review", "up", "9", ...OFFLINE),
    ]);
    expect(eight.code, describeRun(eight)).toBe(0);
    expect(nine.code, describeRun(nine)).toBe(0);
    expect(await appNamesInEmulator()).toEqual([
      "myapp-staging-review-7",
      "myapp-staging-review-8",
      "myapp-staging-review-9",
    ]);
    const stacks = await listed();
    expect(stacks.map((s) => [s.stack, s.apps])).toEqual([
      ["review-7", ["myapp-staging-review-7"]],
      ["review-8", ["myapp-staging-review-8"]],
      ["review-9", ["myapp-staging-review-9"]],
    ]);
    expect(stacks.every((s) => s.url?.startsWith("https://") && s.lastUpdate !== null)).toBe(true);
    const table = (await ok("review", "list")).stdout;
    expect(table.split("\n")[0]).toMatch(/^STACK\s+AGE\s+LAST UPDATE\s+URL$/);
  });

  it("review down 7 destroys and removes the stack; a second run succeeds with nothing to do", async () => {
    // As on the CI runner of the "closed" event, which never saw this stack: no Pulumi.review-7.yaml.
    fs.rmSync(path.join(e2e.project.dir, "Pulumi.review-7.yaml"));
    await clearRequests(e2e);
    const first = await ok("review", "down", "7");
    reviewCalls.down = (await loggedRequests(e2e)).map((r) => `${r.method} ${r.path}`);
    // What one review environment costs against Scalingo's 60 calls a minute (docs/benchmarks.md): its
    // `up` (the catalog once, a lookup of the app before creating it, none inside the app it just created
    // (providers/scalingo/new-apps.ts), the add-on list polled while they provision at once) and its `down`
    // (the app's single DELETE, which the permission it grants names: everything inside the app goes with it).
    // 17 here (14 + 3): the two add-ons poll their list at the same instants and read their URLs together, one
    // request each (base/polling.ts, base/single-flight.ts). The goal is 20.
    console.info(`review up: ${reviewCalls.up.length} calls; review down: ${reviewCalls.down.join(", ")}`);
    expect(reviewCalls.up.length + reviewCalls.down.length).toBeLessThanOrEqual(20);
    expect(
      reviewCalls.down.filter((call) => !call.startsWith("GET ") && !call.includes("/tokens/exchange")),
    ).toEqual([expect.stringMatching(/^DELETE \/v1\/apps\/[^/]+$/)]);
    expect(first.stdout).toBe("review-7 removed\n");
    // The data-loss permission it grants itself, said on the terminal: the review app and its two add-ons.
    expect(first.stderr).toMatch(
      /review-7: destroying it deletes what it holds; granting PAASENV_PERMIT_DATA_LOSS for this destroy only: app "\w+", addons\.(postgresql|redis) "[\w-]+", addons\.(postgresql|redis) "[\w-]+"\n/,
    );
    expect(await appNamesInEmulator()).not.toContain("myapp-staging-review-7");
    expect(fs.existsSync(path.join(e2e.project.dir, "Pulumi.review-7.yaml"))).toBe(false);
    const second = await ok("review", "down", "7");
    expect(second.stdout).toBe("review-7 absent\n");
    expect((await listed()).map((s) => s.stack)).toEqual(["review-8", "review-9"]);
  });

  it("gc removes the stale stack, keeps the fresh one, reports the orphan and ignores the -pr app", async () => {
    // Another stack of the backend whose app is named like review app 77 of staging: never an orphan.
    const preprod = await openStack(e2e, "preprod", preprodConfig());
    expect((await preprod.up()).summary.result).toBe("succeeded");
    // review-9 is updated again now, so its last update is later than review-8's by this run's length.
    await ok("review", "up", "9", ...OFFLINE);
    for (const name of ["myapp-staging-review-99", "myapp-staging-pr12", "otherteam-review-5"]) {
      await scalingoApi(e2e, "POST", "/v1/apps", { app: { name } });
    }
    const before = await listed();
    const updated = (name: string) => Date.parse(before.find((s) => s.stack === name)?.lastUpdate ?? "");
    const gap = updated("review-9") - updated("review-8");
    expect(gap).toBeGreaterThanOrEqual(2_000);
    // A limit between the two last updates: review-8 is older than it, review-9 is not.
    const limitS = Math.floor((Date.now() - updated("review-8") - gap / 2) / 1000);

    const gc = await ok("review", "gc", "--older-than", `${limitS}s`);
    const lines = gc.stdout.trim().split("\n");
    expect(lines.find((l) => l.startsWith("removed"))).toMatch(/^removed\s+review-8\s+stale/);
    expect(lines.find((l) => l.startsWith("kept"))).toMatch(/^kept\s+review-9\s+last update/);
    expect(lines.filter((l) => l.startsWith("orphan"))).toEqual([
      expect.stringMatching(
        /^orphan\s+myapp-staging-review-99\s+osc-fr1: no stack owns it; --delete-orphans/,
      ),
    ]);
    expect(lines.find((l) => l.startsWith("ignored"))).toMatch(/^ignored\s+myapp-staging-pr12\s/);
    expect(gc.stdout).not.toContain("otherteam");
    expect(await appNamesInEmulator()).toEqual([
      "myapp-staging-pr12",
      "myapp-staging-review-77",
      "myapp-staging-review-9",
      "myapp-staging-review-99",
      "otherteam-review-5",
    ]);

    const sweep = await ok("review", "gc", "--older-than", "72h", "--delete-orphans", "--json");
    const report = JSON.parse(sweep.stdout) as Array<{ action: string; name: string }>;
    expect(report.map((line) => `${line.action} ${line.name}`).sort()).toEqual([
      "ignored myapp-staging-pr12",
      "kept review-9",
      "orphan-deleted myapp-staging-review-99",
    ]);
    expect(await appNamesInEmulator()).toEqual([
      "myapp-staging-pr12",
      "myapp-staging-review-77",
      "myapp-staging-review-9",
      "otherteam-review-5",
    ]);
    const kept = (await emulatorState(e2e)).regions["osc-fr1"]?.apps["myapp-staging-review-77"];
    expect(kept?.addons.map((addon) => addon.addon_provider.id)).toEqual(["postgresql"]);

    await ok("review", "down", "9");
    expect(await appNamesInEmulator()).toEqual([
      "myapp-staging-pr12",
      "myapp-staging-review-77",
      "otherteam-review-5",
    ]);
  });

  it("fails with exit code 1 and a clear message when the source stack does not exist", async () => {
    const run = await paasenv("review", "up", "3", "--from", "nosuchstack");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the source stack "nosuchstack" does not exist in this backend');
  });
});
