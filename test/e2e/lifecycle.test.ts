import type { Stack } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { withDestroyPermission } from "../../cli/lib/data-loss";
import type { ConfigJson } from "../../cli/lib/stack-config";
import { fullConfig, PLAIN_VALUE, SECRET_VALUE } from "./configs";
import { viewOfApp, viewOfConfig } from "./expect-state";
import {
  changes,
  clearRequests,
  drift,
  type E2E,
  E2E_TOKEN,
  failRequests,
  loggedRequests,
  openStack,
  pulumiCli,
  type StoredApp,
  startE2E,
  stepRecorder,
  storedApp,
  writeCalls,
} from "./harness";
import { permitsIn, rejectionOf } from "./refusals";

// One full environment through its life under the real engine, against the emulator: create, no-op,
// update, drift and repair, a refused then permitted database replacement, the state export, destroy.
// The steps share one stack and run in order (each starts from the state the previous one left).

const APP = "e2e-full";

/** The resources of a `pulumi stack export`. */
function deploymentResources(exported: string): { urn: string; type: string }[] {
  return z
    .object({
      deployment: z.object({ resources: z.array(z.looseObject({ urn: z.string(), type: z.string() })) }),
    })
    .parse(JSON.parse(exported)).deployment.resources;
}
const DOMAIN = `${APP}.example.com`;

let e2e: E2E;
let stack: Stack;
let config: ConfigJson;

async function stored(): Promise<StoredApp> {
  const app = await storedApp(e2e, APP);
  if (app === undefined) throw new Error(`the emulator has no app ${APP}`);
  return app;
}

/** Re-writes the stack config with `changes` on top of the full environment. */
async function configure(changesToFull: Record<string, unknown>): Promise<void> {
  config = fullConfig(APP, changesToFull);
  stack = await openStack(e2e, "full", config);
}

beforeAll(async () => {
  e2e = await startE2E("lifecycle");
  await configure({});
});

afterAll(async () => {
  await e2e?.stop();
});

describe("a full environment under the real engine", () => {
  it("1. up creates app, web+worker formation, both add-ons, variables and the domain, exactly as configured", async () => {
    const up = await stack.up();
    expect(up.summary.result).toBe("succeeded");
    expect(viewOfApp(await stored())).toEqual(viewOfConfig(config));
    expect(up.outputs.appName?.value).toBe(APP);
    expect(up.outputs.url?.value).toBe(`https://${DOMAIN}`);
    expect(up.outputs.dnsRecords?.value).toEqual([
      expect.objectContaining({ name: DOMAIN, type: "CNAME", value: `${APP}.osc-fr1.scalingo.io.` }),
    ]);
  });

  it("9. the stack export holds no Scalingo token, no plaintext variable value, no add-on URL", async () => {
    // The CLI itself, not `Stack.exportStack()`: the Automation API exports with --show-secrets.
    const stdout = await pulumiCli(e2e, ["stack", "export", "--stack", "full"]);
    const urls = (await stored()).variables.filter((v) => v.name.endsWith("_URL") && v.name !== "APP_URL");
    expect(urls.map((v) => v.name).sort()).toEqual([
      "DATABASE_URL",
      "REDIS_URL",
      "SCALINGO_POSTGRESQL_URL",
      "SCALINGO_REDIS_URL",
    ]);
    const forbidden = [E2E_TOKEN, SECRET_VALUE, ...urls.map((v) => v.value)];
    expect(forbidden.filter((text) => stdout.includes(text))).toEqual([]);
    // A plain `paasenv:env` value is plaintext config (committed in Pulumi.<stack>.yaml), which the engine
    // copies into the default provider's inputs; every Scalingo resource keeps it encrypted.
    const resources = deploymentResources(stdout).filter((r) => !r.type.startsWith("pulumi:providers:"));
    expect(resources.filter((r) => JSON.stringify(r).includes(PLAIN_VALUE)).map((r) => r.urn)).toEqual([]);
    expect(resources.some((r) => JSON.stringify(r).includes("ciphertext"))).toBe(true);
  });

  it("2. with nothing changed, preview and up report no change and make no API call at all", async () => {
    await clearRequests(e2e);
    const preview = await stack.preview();
    expect(Object.keys(preview.changeSummary)).toEqual(["same"]);
    const up = await stack.up();
    expect(Object.keys(up.summary.resourceChanges ?? {})).toEqual(["same"]);
    // Not even a token exchange: diff compares stored outputs with the new inputs.
    expect(await loggedRequests(e2e)).toEqual([]);
  });

  it("2b. a refresh makes one token exchange, and with its region lookup at most one read per Scalingo resource", async () => {
    const exported = await stack.exportStack();
    const resources = z
      .array(z.object({ inputs: z.object({ resourceType: z.string() }).partial().optional() }))
      .parse(exported.deployment.resources);
    const scalingo = resources.filter((r) => r.inputs?.resourceType?.startsWith("scalingo:")).length;
    await clearRequests(e2e);
    const refresh = await stack.refresh();
    expect(Object.keys(refresh.summary.resourceChanges ?? {})).toEqual(["same"]);
    const calls = (await loggedRequests(e2e)).map((r) => `${r.method} ${r.path}`);
    expect(calls.filter((c) => c.endsWith("/tokens/exchange"))).toHaveLength(1);
    expect(calls.filter((c) => c.endsWith("/v1/regions"))).toHaveLength(1);
    expect(calls.filter((c) => !c.startsWith("GET ") && !c.endsWith("/tokens/exchange"))).toEqual([]);
    const reads = calls.filter((c) => c.startsWith("GET ") && !c.endsWith("/v1/regions"));
    console.info(`refresh: ${reads.length} reads for ${scalingo} Scalingo resources: ${reads.join(", ")}`);
    // Each URL once: a refresh's reads share their answers (base/single-flight.ts), so the app (read by the App
    // and the Domain), its add-on list (by each add-on) and its variables (by the Variables resource and each
    // add-on, for its connection URL) are one request each, whatever the timing (nothing here writes).
    expect(new Set(reads).size).toBe(reads.length);
    expect(reads.length + 1).toBeLessThanOrEqual(scalingo);
  });

  it("3. a plan upgrade, one more web container and a variable are previewed as exactly three updates, then applied", async () => {
    const before = await stored();
    await configure({
      "paasenv:addons": {
        postgresql: { plan: "postgresql-starter-1024", version: "16" },
        redis: { plan: "redis-starter-256" },
      },
      "paasenv:processes": { web: { amount: 2, size: "M" }, worker: { amount: 1, size: "M" } },
      "paasenv:env": { DJANGO_SETTINGS_MODULE: PLAIN_VALUE, WEB_CONCURRENCY: "3" },
    });
    const recorder = stepRecorder();
    const preview = await stack.preview({ onEvent: recorder.onEvent });
    expect(changes(recorder.steps)).toEqual([
      "update paasenv-formation",
      "update paasenv-postgresql",
      "update paasenv-variables",
    ]);
    expect(preview.changeSummary.update).toBe(3);
    const up = await stack.up();
    expect(up.summary.resourceChanges?.update).toBe(3);
    const after = await stored();
    expect(viewOfApp(after)).toEqual(viewOfConfig(config));
    const postgresId = (app: StoredApp) =>
      app.addons.find((a) => a.addon_provider.id.endsWith("postgresql"))?.id;
    expect(postgresId(after)).toBe(postgresId(before));
  });

  let domainId: string | undefined;

  it("5a. drift made out of band (app, formation, variable, a deleted domain) is seen by refresh", async () => {
    domainId = (await stored()).domains[0]?.id;
    await drift(e2e, { app: APP, kind: "app", set: { force_https: false } });
    await drift(e2e, { app: APP, kind: "formation", key: "web", set: { amount: 5 } });
    await drift(e2e, { app: APP, kind: "variable", key: "WEB_CONCURRENCY", set: { value: "99" } });
    await drift(e2e, { app: APP, kind: "domain", key: DOMAIN, delete: true });
    await clearRequests(e2e);
    const refresh = await stack.refresh();
    expect(refresh.summary.resourceChanges).toMatchObject({ update: 3, delete: 1 });
    // One token exchange and one region lookup for the run, no write, and each URL read once: the add-ons' from
    // the app's add-on list, the app's stack name from state while its ID is the recorded one (no catalog), each
    // add-on's connection URL from the app's variables, which the Variables resource reads too (a refresh's
    // reads share their answers, base/single-flight.ts).
    const requests = await loggedRequests(e2e);
    expect(requests.filter((r) => r.path === "/v1/tokens/exchange")).toHaveLength(1);
    expect(await writeCalls(e2e)).toEqual([]);
    const shape = (path: string) =>
      path.replace(/\/v1\/apps\/[^/]+/, "/v1/apps/:app").replace(/\/domains\/[^/]+/, "/domains/:id");
    const shapes = requests.map((r) => `${r.method} ${shape(r.path)}`);
    const count = (call: string) => shapes.filter((c) => c === call).length;
    expect([...new Set(shapes)].sort()).toEqual([
      "GET /v1/apps/:app",
      "GET /v1/apps/:app/addons",
      "GET /v1/apps/:app/containers",
      "GET /v1/apps/:app/domains/:id",
      "GET /v1/apps/:app/variables",
      "GET /v1/regions",
      "POST /v1/tokens/exchange",
    ]);
    expect(count("GET /v1/apps/:app/addons")).toBe(1);
    expect(count("GET /v1/apps/:app/variables")).toBe(1);
    expect(shapes).toHaveLength(7);
  });

  it("5b. the repair is previewed without any replacement", async () => {
    const recorder = stepRecorder();
    await stack.preview({ onEvent: recorder.onEvent });
    const planned = changes(recorder.steps);
    expect(planned).toEqual(
      expect.arrayContaining([
        `create paasenv-${DOMAIN}-scalingo`,
        "update paasenv-app",
        "update paasenv-formation",
        "update paasenv-variables",
      ]),
    );
    // A preview cannot know the outputs of an App being updated (the engine does not preview dynamic
    // updates), so the add-ons, which take its `appId`, may show as updates; `up` then leaves them alone.
    expect(planned.filter((step) => !/^(create|update) /.test(step))).toEqual([]);
    expect(planned.filter((step) => step.startsWith("create ")).length).toBe(1);
  });

  it("5c. up repairs the drift and recreates the deleted domain", async () => {
    const up = await stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ update: 3, create: 1 });
    const repaired = await stored();
    expect(viewOfApp(repaired)).toEqual(viewOfConfig(config));
    expect(repaired.domains[0]?.id).not.toBe(domainId);
    expect(Object.keys((await stack.preview()).changeSummary)).toEqual(["same"]);
  });

  it("4. a change that replaces the database is refused until paasenv:permitDataLoss names it", async () => {
    const addons = (version: string) => ({
      postgresql: { plan: "postgresql-starter-1024", version },
      redis: { plan: "redis-starter-256" },
    });
    const postgres = (app: StoredApp) => app.addons.filter((a) => a.addon_provider.id.endsWith("postgresql"));
    const before = postgres(await stored());
    const base = {
      "paasenv:processes": { web: { amount: 2, size: "M" }, worker: { amount: 1, size: "M" } },
      "paasenv:env": { DJANGO_SETTINGS_MODULE: PLAIN_VALUE, WEB_CONCURRENCY: "3" },
    };
    await configure({ ...base, "paasenv:addons": addons("17") });
    const refusal = new RegExp(
      `changing \`version\` from "16" to "17" replaces the add-on ${before[0]?.id} and destroys its data.*` +
        "paasenv:permitDataLoss",
      "s",
    );
    await expect(stack.preview()).rejects.toThrow(refusal);
    await clearRequests(e2e);
    const refused = await rejectionOf(stack.up());
    expect(refused).toMatch(refusal);
    expect(await writeCalls(e2e)).toEqual([]);
    expect(postgres(await stored())).toEqual(before);

    await configure({
      ...base,
      "paasenv:addons": addons("17"),
      "paasenv:permitDataLoss": permitsIn(refused),
    });
    const recorder = stepRecorder();
    const up = await stack.up({ onEvent: recorder.onEvent });
    expect(up.summary.resourceChanges).toMatchObject({ replace: 1 });
    expect(changes(recorder.steps).filter((step) => step.endsWith("paasenv-postgresql"))).toEqual(
      expect.arrayContaining(["replace paasenv-postgresql"]),
    );
    const after = postgres(await stored());
    expect(after).toHaveLength(1);
    expect(after[0]?.id).not.toBe(before[0]?.id);
    expect(viewOfApp(await stored())).toEqual(viewOfConfig(config));
  });

  it("8. destroy is one write, the app's delete; one that fails there is finished by the next, leaving nothing", async () => {
    const { id } = (await stored()).app;
    // The app's delete fails (a 400, which is not retried): the engine has already skipped the resources
    // inside the app (`deletedWith`), so the state keeps the app alone, still holding its data.
    await failRequests(e2e, { method: "DELETE", path: `/v1/apps/${id}`, status: 400, times: 1 });
    const failed = withDestroyPermission(stack, console.info, () => stack.destroy());
    await expect(failed).rejects.toThrow(/400/);
    await failRequests(e2e, { method: "DELETE", path: "/", status: 400, times: 0 });
    expect((await stored()).app.id).toBe(id);

    // As `paasenv review down` does: the permission for the stack's own data, for this destroy only.
    await clearRequests(e2e);
    const destroy = await withDestroyPermission(stack, console.info, () => stack.destroy());
    expect(destroy.summary.result).toBe("succeeded");
    expect(await writeCalls(e2e)).toEqual([`DELETE /v1/apps/${id}`]);
    expect(await storedApp(e2e, APP)).toBeUndefined();
    await stack.workspace.removeStack("full");
  });
});
