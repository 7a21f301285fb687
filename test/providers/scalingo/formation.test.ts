import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { appProvider } from "../../../providers/scalingo/app-provider";
import { formationProvider } from "../../../providers/scalingo/formation-provider";
import { appsOf, checkAndCreate, deployApp, type Harness, rejection, startHarness } from "./harness";

let h: Harness;
let appId: string;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});
beforeEach(async () => {
  await h.reset();
  await h.configure([appProvider, formationProvider]);
  appId = (await appProvider.create({ name: "shop-staging", region: "osc-fr1" })).id;
});

type Processes = Record<string, { amount: number; size: string }>;

const declared = (processes: Processes) => ({
  appId,
  region: "osc-fr1",
  processes,
  resourceName: "shop-formation",
  __provider: "code",
});

const createFormation = (processes: Processes) => checkAndCreate(formationProvider, declared(processes));

const formation = async () =>
  Object.fromEntries(
    ((await appsOf(h))["shop-staging"]?.containers ?? []).map((c) => [c.name, `${c.amount}:${c.size}`]),
  );
const calls = async () => (await h.writes()).map((r) => `${r.method} ${r.path}`);
const scaleOperations = async () =>
  ((await appsOf(h))["shop-staging"]?.operations ?? [])
    .filter((o) => o.type === "scale")
    .map((o) => o.status);

describe("Formation check", () => {
  it("names a bad size with the allowed ones", async () => {
    const { failures } = await formationProvider.check({}, declared({ web: { amount: 1, size: "XS" } }));
    expect(failures).toEqual([
      {
        property: "processes.web.size",
        reason: 'Formation "shop-formation": `processes.web.size` must be one of S, M, L, XL, 2XL, 3XL',
      },
    ]);
  });
});

describe("Formation lifecycle against the emulator", () => {
  it("scales a never-deployed app (200, no operation), then makes no call when nothing changes", async () => {
    await h.clearRequests();
    const { id, outs, inputs } = await createFormation({ web: { amount: 1, size: "S" } });
    expect(id).toBe(`${appId}/formation`);
    expect(outs).toMatchObject({ processes: { web: { amount: 1, size: "S" } } });
    expect(await calls()).toEqual([`POST /v1/apps/${appId}/scale`]);
    expect(await formation()).toEqual({ web: "1:S" });
    expect(await scaleOperations()).toEqual([]);

    await h.clearRequests();
    const read = await formationProvider.read(id, outs);
    expect(read).toEqual({ id, props: outs, inputs });
    expect(await formationProvider.diff(id, read.props ?? {}, inputs)).toEqual({
      changes: false,
      replaces: [],
    });
    await formationProvider.update(id, outs, inputs);
    await createFormation({ web: { amount: 1, size: "S" } });
    expect(await calls()).toEqual([]);
  });

  it("waits for the scale operation of a deployed app and scales removed types to 0", async () => {
    await deployApp(h, "shop-staging", "web: node server.js\nworker: node worker.js\n");
    const { id, outs, inputs } = await createFormation({
      web: { amount: 2, size: "M" },
      worker: { amount: 1, size: "S" },
    });
    expect(await formation()).toEqual({ web: "2:M", worker: "1:S" });
    expect(await scaleOperations()).toEqual(["done"]);

    await h.clearRequests();
    const updated = await formationProvider.update(id, outs, {
      ...inputs,
      processes: { web: { amount: 3, size: "L" } },
    });
    expect(updated.outs?.processes).toEqual({ web: { amount: 3, size: "L" } });
    expect(await calls()).toEqual([`POST /v1/apps/${appId}/scale`]);
    expect(await formation()).toEqual({ web: "3:L", worker: "0:S" });
    expect(await scaleOperations()).toEqual(["done", "done"]);

    await formationProvider.delete(id, updated.outs ?? {});
    expect(await formation()).toEqual({ web: "3:L", worker: "0:S" });
  });

  it("reports a process type missing from the Procfile clearly", async () => {
    await deployApp(h, "shop-staging", "web: node server.js\n");
    h.nextRun();
    const error = await rejection(
      createFormation({ web: { amount: 1, size: "M" }, clock: { amount: 1, size: "S" } }),
    );
    expect(error.message).toBe(
      `create formation of app ${appId}: process type(s) clock are not in the app's Procfile (it has web); add ` +
        "them to the Procfile and deploy, or remove them from `processes`. Scalingo said: create formation of app " +
        `${appId}: POST /v1/apps/${appId}/scale failed: 422 (containers: process type "clock" is not in your Procfile)`,
    );
    expect(error.status).toBe(422);
  });

  it("picks up a formation changed outside Pulumi", async () => {
    const { id, outs, inputs } = await createFormation({ web: { amount: 1, size: "S" } });
    await h.drift({ app: "shop-staging", kind: "formation", key: "web", set: { amount: 4 } });
    const read = await formationProvider.read(id, outs);
    expect(read.props?.processes).toEqual({ web: { amount: 4, size: "S" } });
    expect(await formationProvider.diff(id, read.props ?? {}, inputs)).toEqual({
      changes: true,
      replaces: [],
    });
    await formationProvider.update(id, read.props ?? {}, inputs);
    expect(await formation()).toEqual({ web: "1:S" });
    await h.drift({ app: "shop-staging", kind: "app", delete: true });
    expect(await formationProvider.read(id, outs)).toEqual({});
  });

  it("treats a replayed scale answered 'no change in containers formation' as success", async () => {
    await deployApp(h, "shop-staging", "web: node server.js\n");
    await h.fault({ method: "POST", path: "/\\/scale$/", drop: true, when: "after", times: 1 });
    await createFormation({ web: { amount: 2, size: "M" } });
    expect(await formation()).toEqual({ web: "2:M" });
    const scales = (await h.requests()).filter((r) => r.path.endsWith("/scale"));
    expect(scales.map((r) => r.status)).toEqual([0, 400]);
  });
});
