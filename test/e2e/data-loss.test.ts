import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConfigJson } from "../../cli/lib/stack-config";
import { configFromValues } from "../../cli/lib/stack-config";
import { fullConfig, fullValues } from "./configs";
import {
  clearRequests,
  type E2E,
  emulatorState,
  openStack,
  pulumiCli,
  type StoredApp,
  scalingoApi,
  startE2E,
  storedApp,
  writeCalls,
} from "./harness";
import { cliFailure, permitsIn, rejectionOf } from "./refusals";

// The data-loss paths of issue 12 under the real engine, each reproduced and shown closed: a region change
// (through `pulumi up --yes --skip-preview` and the Automation API), an add-on removed from the config, an
// add-on deleted outside paasenv, a destroy, and adopting an app a failed replacement left pending deletion.
// Each refusal is then followed literally: its entries go into `paasenv:permitDataLoss` as printed, and the
// run that follows deletes exactly what they name.

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E("data-loss");
});

afterAll(async () => {
  await e2e?.stop();
});

/** The apps of a region, by name. */
async function appsIn(region: string): Promise<string[]> {
  return Object.keys((await emulatorState(e2e)).regions[region]?.apps ?? {});
}

async function stored(name: string): Promise<StoredApp> {
  const app = await storedApp(e2e, name);
  if (app === undefined) throw new Error(`the emulator has no app ${name}`);
  return app;
}

/** The add-ons of {@link fullValues}. */
const POSTGRESQL = { plan: "postgresql-starter-512", version: "16" };

/** Add-on provider → ID. */
const addonIds = (app: Pick<StoredApp, "addons">) =>
  Object.fromEntries(app.addons.map((a) => [a.addon_provider.id.replace(/^scalingo-/, ""), a.id]));

describe("an environment with data (app, PostgreSQL, Redis)", () => {
  const APP = "e2e-data";
  const STACK = "data";
  const SECNUM = "osc-secnum-fr1";
  let config: ConfigJson;
  /** The region change's refusal, as `pulumi up --yes --skip-preview` printed it. */
  let regionRefusal = "";
  const inSecnum = async () => (await emulatorState(e2e)).regions[SECNUM]?.apps[APP];
  const configure = async (changes: Record<string, unknown>) => {
    config = fullConfig(APP, changes);
    return openStack(e2e, STACK, config);
  };

  it("0. the retired paasenv:allowDataLoss fails before any API call; its advice works", async () => {
    const stack = await configure({ "paasenv:allowDataLoss": true });
    await clearRequests(e2e);
    await expect(stack.preview()).rejects.toThrow(
      /`paasenv:allowDataLoss` is no longer a setting \(got true\): remove it \(`pulumi config rm paasenv:allowDataLoss`\)/,
    );
    expect(await writeCalls(e2e)).toEqual([]);
    await pulumiCli(e2e, ["config", "rm", "paasenv:allowDataLoss", "--stack", STACK]);
    const up = await stack.up();
    expect(up.summary.result).toBe("succeeded");
  });

  it("1. a region change is refused before anything is created, with --skip-preview and the Automation API", async () => {
    const before = await stored(APP);
    await configure({ "paasenv:app": { ...(appOf(APP) as object), region: SECNUM } });
    await clearRequests(e2e);
    const cli = await cliFailure(e2e, ["up", "--yes", "--skip-preview", "--stack", STACK]);
    const refusal = new RegExp(
      `changing \`region\` from "osc-fr1" to "osc-secnum-fr1" replaces app "${APP}" \\(${before.app.id}\\), ` +
        "and with it its postgresql and redis add-ons and their data",
    );
    expect(cli).toMatch(refusal);
    expect(permitsIn(cli)).toEqual([{ resource: "app", id: before.app.id }]);
    regionRefusal = cli;
    const stack = await configure({ "paasenv:app": { ...(appOf(APP) as object), region: SECNUM } });
    expect(await rejectionOf(stack.up())).toMatch(refusal);
    expect(await writeCalls(e2e)).toEqual([]);
    expect(await appsIn(SECNUM)).toEqual([]);
    expect(addonIds(await stored(APP))).toEqual(addonIds(before));
  });

  it("2. removing an add-on from the config is refused before any delete; the printed entry allows it", async () => {
    const { app } = await stored(APP);
    const before = addonIds(await stored(APP));
    const withoutRedis = { "paasenv:addons": { postgresql: POSTGRESQL } };
    const stack = await configure(withoutRedis);
    const preview = await rejectionOf(stack.preview());
    expect(preview).toMatch(
      `removing \`paasenv:addons.redis\` from the configuration deletes the redis add-on ${before.redis} and its data`,
    );
    await clearRequests(e2e);
    const cli = await cliFailure(e2e, ["up", "--yes", "--skip-preview", "--stack", STACK]);
    expect(await writeCalls(e2e)).toEqual([]);
    expect(addonIds(await stored(APP))).toEqual(before);

    const permits = permitsIn(cli);
    expect(permits).toEqual([{ resource: "addons.redis", id: before.redis }]);
    const allowed = await configure({ ...withoutRedis, "paasenv:permitDataLoss": permits });
    await clearRequests(e2e);
    const up = await allowed.up();
    expect(up.stdout).toContain(`\`paasenv:permitDataLoss\` lets this run delete or replace`);
    expect(await writeCalls(e2e)).toEqual([`DELETE /v1/apps/${app.id}/addons/${before.redis}`]);
    expect(addonIds(await stored(APP))).toEqual({ postgresql: before.postgresql });
  });

  it("3. an add-on deleted outside paasenv is reported by the next refreshed run, not re-created empty", async () => {
    const { postgresql } = addonIds(await stored(APP));
    const withoutRedis = { "paasenv:addons": { postgresql: POSTGRESQL } };
    const stack = await configure(withoutRedis);
    await scalingoApi(e2e, "DELETE", `/v1/apps/${APP}/addons/${postgresql}`);
    await clearRequests(e2e);
    const refused = await rejectionOf(stack.up({ refresh: true }));
    expect(refused).toContain(
      `the postgresql add-on ${postgresql} was not found on Scalingo by the last refresh (deleted outside ` +
        "paasenv?), and paasenv would create a new, empty one in its place",
    );
    expect(await writeCalls(e2e)).toEqual([]);
    expect(addonIds(await stored(APP))).toEqual({});

    const allowed = await configure({ ...withoutRedis, "paasenv:permitDataLoss": permitsIn(refused) });
    await allowed.up();
    const recreated = addonIds(await stored(APP)).postgresql;
    expect(recreated).toBeDefined();
    expect(recreated).not.toBe(postgresql);
  });

  it("4. the region change's refusal, followed literally, moves the app: only what it named is deleted", async () => {
    const { app } = await stored(APP);
    const withoutRedis = { "paasenv:addons": { postgresql: POSTGRESQL } };
    const moved = { "paasenv:app": { ...(appOf(APP) as object), region: SECNUM } };
    const stack = await configure({
      ...withoutRedis,
      ...moved,
      "paasenv:permitDataLoss": permitsIn(regionRefusal),
    });
    await stack.up();
    expect(await appsIn("osc-fr1")).toEqual([]);
    const now = await inSecnum();
    expect(now?.app.id).not.toBe(app.id);
    expect(Object.keys(addonIds(now ?? { addons: [] }))).toEqual(["postgresql"]);
  });

  it("5. a destroy is refused before anything is deleted; the printed entries and command destroy it", async () => {
    const moved = { "paasenv:app": { ...(appOf(APP) as object), region: SECNUM } };
    const stack = await configure({ "paasenv:addons": { postgresql: POSTGRESQL }, ...moved });
    const before = await inSecnum();
    await clearRequests(e2e);
    const cli = await cliFailure(e2e, ["destroy", "--yes", "--skip-preview", "--stack", STACK]);
    expect(cli).toContain(
      `destroying this environment deletes the postgresql add-on ${addonIds(before ?? { addons: [] }).postgresql} and the data in it`,
    );
    expect(cli).toContain("run `pulumi destroy --run-program`");
    expect(await writeCalls(e2e)).toEqual([]);
    expect(await inSecnum()).toEqual(before);

    await configure({
      "paasenv:addons": { postgresql: POSTGRESQL },
      ...moved,
      "paasenv:permitDataLoss": permitsIn(cli),
    });
    expect((await stack.destroy({ runProgram: true })).summary.result).toBe("succeeded");
    expect(await inSecnum()).toBeUndefined();
  });
});

describe("adopting an app a failed replacement left pending deletion", () => {
  const APP = "e2e-adopt-back";
  const STACK = "adopt-back";
  const values = (region: string, extra: Record<string, unknown> = {}) => ({
    "paasenv:environment": "staging",
    "paasenv:app": { name: APP, region },
    "paasenv:env": { KEPT: "yes" },
    "paasenv:dns": { provider: "none" },
    ...extra,
  });

  it("6. region there and back, 'already exists', then adoptExisting: nothing is deleted but the empty replacement", async () => {
    const stack = await openStack(e2e, STACK, configFromValues(values("osc-fr1")));
    await stack.up();
    const original = (await stored(APP)).app.id;
    // The app holds no add-on, so the region change is allowed; its formation then fails in the new region.
    await addFault({ method: "POST", path: "/\\/osc-secnum-fr1\\/v1\\/apps\\/[^/]+\\/scale/", status: 422 });
    await openStack(e2e, STACK, configFromValues(values("osc-secnum-fr1")));
    await cliFailure(e2e, ["up", "--yes", "--skip-preview", "--stack", STACK]);
    expect(await appsIn("osc-secnum-fr1")).toEqual([APP]);

    await openStack(e2e, STACK, configFromValues(values("osc-fr1")));
    const clash = await cliFailure(e2e, ["up", "--yes", "--skip-preview", "--stack", STACK]);
    expect(clash).toContain(`an app named "${APP}" already exists in osc-fr1`);
    expect(clash).toContain("`pulumi config set scalingo:adoptExisting true`");

    await pulumiCli(e2e, ["config", "set", "scalingo:adoptExisting", "true", "--stack", STACK]);
    await pulumiCli(e2e, ["up", "--yes", "--skip-preview", "--stack", STACK]);
    const kept = await stored(APP);
    expect(kept.app.id).toBe(original);
    expect(kept.variables.find((v) => v.name === "KEPT")?.value).toBe("yes");
    expect(await appsIn("osc-secnum-fr1")).toEqual([]);
    // The stale record is gone from state: nothing is left pending deletion.
    const resources = (await stack.exportStack()).deployment.resources as { delete?: boolean }[];
    expect(resources.filter((resource) => resource.delete === true)).toEqual([]);
  });
});

/** `paasenv:app` of {@link fullValues}. */
function appOf(name: string): unknown {
  return fullValues(name)["paasenv:app"];
}

async function addFault(fault: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${e2e.emulator.url}/__emulator/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(fault),
  });
  if (!response.ok) throw new Error(`POST /__emulator/faults failed: ${response.status}`);
}
