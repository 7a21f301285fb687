import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configFromValues } from "../../cli/lib/stack-config";
import { type CliRun, describeRun, runPaasenv } from "../cli/run-cli";
import { viewOfApp, viewOfConfig } from "./expect-state";
import { type E2E, emulatorState, openStack, pulumiCli, startE2E, storedApp } from "./harness";
import { type HoldSpec, killUpAt } from "./interrupt";

// `kill -9` of a real `pulumi up` (its whole process group) before, during and after the app's create and the
// add-on's create; after each kill, the one documented command (`paasenv recover <stack>`) and the next
// `pulumi up` converge: one app, one add-on per provider, every object on Scalingo in the state.

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E("interrupted");
  // A parked request must not time out in the provider (which would send its PATCH or GET again) while the
  // test runs `paasenv recover` against the live run.
  e2e.env.SCALINGO_HTTP_TIMEOUT_MS = "600000";
});

afterAll(async () => {
  await e2e?.stop();
});

const configOf = (app: string) =>
  configFromValues({
    "paasenv:environment": "staging",
    "paasenv:app": { name: app, region: "osc-fr1", forceHttps: true, routerLogs: true },
    "paasenv:processes": { web: { amount: 1, size: "S" } },
    "paasenv:addons": { postgresql: { plan: "postgresql-starter-512" } },
    "paasenv:env": { DJANGO_SETTINGS_MODULE: "app.settings" },
    "paasenv:dns": { provider: "none" },
  });

/** `paasenv --cwd <project> -q recover <stack> [args]`. */
const recover = (stack: string, ...args: string[]): Promise<CliRun> =>
  runPaasenv(["--cwd", e2e.project.dir, "-q", "recover", stack, ...args], e2e.env);

/** Runs recover, expects exit 0, returns the report lines as `"<action> <type>"`. */
async function recovered(stack: string): Promise<string[]> {
  const run = await recover(stack, "--json");
  expect(run.code, describeRun(run)).toBe(0);
  const lines = JSON.parse(run.stdout.split("\n")[0] ?? "[]") as Array<{ action: string; name: string }>;
  return lines.map((line) =>
    line.action === "lock-removed"
      ? line.action
      : `${line.action} ${line.name.replace(/^.*\((.+)\)$/, "$1")}`,
  );
}

const APP_POST: HoldSpec = { method: "POST", path: "/v1/apps", when: "before" };
const ADDON_POST: HoldSpec = { method: "POST", path: "/\\/v1\\/apps\\/[^/]+\\/addons$/", when: "before" };

/** The stack's state: IDs by resource type, and its pending operations. */
async function stateOf(stack: string) {
  const exported = JSON.parse(await pulumiCli(e2e, ["stack", "export", "--stack", stack])) as {
    deployment: { resources: Array<{ type: string; id?: string }>; pending_operations?: unknown[] };
  };
  const ids = (type: string) =>
    exported.deployment.resources.filter((r) => r.type.endsWith(type)).map((r) => r.id);
  return {
    apps: ids("scalingo:App"),
    addons: ids("scalingo:Addon"),
    pending: exported.deployment.pending_operations ?? [],
  };
}

/**
 * The final `up`, then: converged, no duplicate, no orphan; with `preview`, also a preview with nothing to do
 * (the imported resources' initialization errors are gone). One test previews, to keep the file short.
 */
async function expectConverged(stack: string, app: string, preview = false): Promise<void> {
  const up = await (await openStack(e2e, stack, configOf(app))).up();
  expect(up.summary.result).toBe("succeeded");
  const stored = await storedApp(e2e, app);
  if (stored === undefined) throw new Error(`no app ${app} on the emulator`);
  expect(viewOfApp(stored)).toEqual(viewOfConfig(configOf(app)));
  const names = Object.keys((await emulatorState(e2e)).regions["osc-fr1"]?.apps ?? {});
  expect(names.filter((name) => name.startsWith(app))).toEqual([app]);
  const state = await stateOf(stack);
  expect(state).toEqual({ apps: [stored.app.id], addons: stored.addons.map((a) => a.id), pending: [] });
  if (!preview) return;
  const previewed = await (await openStack(e2e, stack, configOf(app))).preview();
  expect(Object.keys(previewed.changeSummary)).toEqual(["same"]);
}

describe("paasenv recover after a killed pulumi up", () => {
  it("killed before the app's create and before the add-on's create reached Scalingo", async () => {
    await openStack(e2e, "cut-before", configOf("e2e-cut-before"));
    await killUpAt(e2e, "cut-before", APP_POST, "drop");
    expect((await stateOf("cut-before")).pending).toHaveLength(1);
    expect(await recovered("cut-before")).toEqual(["lock-removed", "cleared scalingo:App"]);
    await killUpAt(e2e, "cut-before", ADDON_POST, "drop");
    expect(await recovered("cut-before")).toContain("cleared scalingo:Addon");
    await expectConverged("cut-before", "e2e-cut-before");
    const again = await recover("cut-before");
    expect(again.code, describeRun(again)).toBe(0);
    expect(again.stdout).toBe(
      "nothing to do\ncut-before: no lock and no pending operation; nothing to recover\n",
    );
  });

  it("killed while the app's and the add-on's creates were in flight (applied, answers lost)", async () => {
    await openStack(e2e, "cut-during", configOf("e2e-cut-during"));
    await killUpAt(e2e, "cut-during", { ...APP_POST, when: "after" }, "drop");
    expect(await recovered("cut-during")).toContain("imported scalingo:App");
    await killUpAt(e2e, "cut-during", ADDON_POST, "go");
    expect(await recovered("cut-during")).toContain("imported scalingo:Addon");
    await expectConverged("cut-during", "e2e-cut-during");
  });

  it("killed after the creates (settings and provisioning unfinished); a live run is never cleared", async () => {
    const app = "e2e-cut-after";
    await openStack(e2e, "cut-after", configOf(app));
    const settings: HoldSpec = { method: "PATCH", path: "/\\/v1\\/apps\\/[^/]+$/", when: "before" };
    const refused = async (reason: string) => {
      const live = await recover("cut-after");
      expect(live.code, describeRun(live)).toBe(1);
      expect(live.stderr).toContain("locked by a run that may still be alive");
      expect(live.stderr).toContain(reason);
      expect((await stateOf("cut-after")).pending).toHaveLength(1);
    };
    await killUpAt(e2e, "cut-after", settings, "drop", {
      whileParked: () => refused("is still running on this machine"),
      afterCliKilled: () =>
        refused("Pulumi plugin processes of this project started since the lock still run"),
    });
    expect((await storedApp(e2e, app))?.app.force_https).toBe(false);
    expect(await recovered("cut-after")).toContain("imported scalingo:App");
    // The add-on's create applied, the run killed while the add-on provisions (its wait polls the app's add-on
    // list, which its lookup before creating reads too: the hold is on the create's answer instead).
    const provisioning: HoldSpec = { method: "POST", path: "/\\/addons$/", when: "after" };
    await killUpAt(e2e, "cut-after", provisioning, "go");
    expect(await recovered("cut-after")).toContain("imported scalingo:Addon");
    await expectConverged("cut-after", app, true);
  });
});
