import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { addonProvider } from "../../../providers/scalingo/addon-provider";
import { appProvider } from "../../../providers/scalingo/app-provider";
import { variablesProvider } from "../../../providers/scalingo/variables-provider";
import { appsOf, checkAndCreate, deployApp, type Harness, startHarness } from "./harness";

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
  await h.configure([appProvider, addonProvider, variablesProvider]);
  appId = (await appProvider.create({ name: "shop-staging", region: "osc-fr1" })).id;
});

const declared = (variables: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  appId,
  region: "osc-fr1",
  variables,
  resourceName: "shop-env",
  __provider: "code",
  ...extra,
});

const createVariables = (news: Record<string, unknown>) => checkAndCreate(variablesProvider, news);

const remote = async () =>
  Object.fromEntries(((await appsOf(h))["shop-staging"]?.variables ?? []).map((v) => [v.name, v.value]));
const calls = async () => (await h.writes()).map((r) => `${r.method} ${r.path}`);

describe("Variables check", () => {
  it("names the bad key and the rule", async () => {
    const { failures } = await variablesProvider.check({}, declared({ _HIDDEN: "x" }));
    expect(failures).toEqual([
      {
        property: "variables._HIDDEN",
        reason:
          'Variables "shop-env": `variables._HIDDEN` variable names contain only letters, digits and underscores, ' +
          "and do not start with an underscore",
      },
    ]);
  });
});

describe("Variables lifecycle against the emulator", () => {
  it("manages only its declared keys: add-on and hand-set variables are never touched", async () => {
    await addonProvider.create({
      appId,
      region: "osc-fr1",
      provider: "postgresql",
      plan: "postgresql-sandbox",
    });
    await h.drift({ app: "shop-staging", kind: "variable", key: "HAND_SET", set: { value: "by hand" } });
    const before = await remote();
    await h.clearRequests();

    const { id, outs, inputs } = await createVariables(declared({ NODE_ENV: "production", POOL: "5" }));
    expect(id).toBe(`${appId}/variables`);
    expect(outs).toMatchObject({
      names: ["NODE_ENV", "POOL"],
      variables: { NODE_ENV: "production", POOL: "5" },
    });
    expect(await calls()).toEqual([`PUT /v1/apps/${appId}/variables`]);
    expect(await remote()).toEqual({ ...before, NODE_ENV: "production", POOL: "5" });

    await h.clearRequests();
    const read = await variablesProvider.read(id, outs);
    expect(read).toEqual({ id, props: outs, inputs });
    expect(await variablesProvider.diff(id, read.props ?? {}, inputs)).toEqual({
      changes: false,
      replaces: [],
    });
    expect(await calls()).toEqual([]);

    const next =
      (await variablesProvider.check(inputs, declared({ NODE_ENV: "staging", WORKERS: "2" }))).inputs ?? {};
    const updated = await variablesProvider.update(id, outs, next);
    expect(updated.outs).toMatchObject({ names: ["NODE_ENV", "WORKERS"] });
    expect(await calls()).toEqual([
      `PUT /v1/apps/${appId}/variables`,
      expect.stringMatching(/^DELETE \/v1\/apps\/\w+\/variables\/\w+$/),
    ]);
    expect(await remote()).toEqual({ ...before, NODE_ENV: "staging", WORKERS: "2" });

    // A later run (a destroy): this run's objects are forgotten, so nothing holds back the delete.
    await h.configure([appProvider, variablesProvider]);
    await variablesProvider.delete(id, updated.outs ?? {});
    expect(await remote()).toEqual(before);
    expect(before).toHaveProperty("DATABASE_URL");
    expect(before).toHaveProperty("HAND_SET", "by hand");
  });

  it("takes over an existing variable of the same name and writes nothing when values already match", async () => {
    await h.drift({ app: "shop-staging", kind: "variable", key: "NODE_ENV", set: { value: "production" } });
    h.nextRun();
    await h.clearRequests();
    await createVariables(declared({ NODE_ENV: "production" }));
    expect(await calls()).toEqual([]);
  });

  it("picks up values changed or deleted outside Pulumi and puts them back", async () => {
    const { id, outs, inputs } = await createVariables(declared({ A: "1", B: "2" }));
    await h.drift({ app: "shop-staging", kind: "variable", key: "A", set: { value: "changed" } });
    await h.drift({ app: "shop-staging", kind: "variable", key: "B", delete: true });
    const read = await variablesProvider.read(id, outs);
    expect(read.props?.variables).toEqual({ A: "changed" });
    expect(await variablesProvider.diff(id, read.props ?? {}, inputs)).toEqual({
      changes: true,
      replaces: [],
    });
    await variablesProvider.update(id, read.props ?? {}, inputs);
    expect(await remote()).toMatchObject({ A: "1", B: "2" });
  });

  it("is gone when its app is gone", async () => {
    const { id, outs } = await createVariables(declared({ A: "1" }));
    await h.drift({ app: "shop-staging", kind: "app", delete: true });
    expect(await variablesProvider.read(id, outs)).toEqual({});
    await h.configure([appProvider, variablesProvider]);
    await variablesProvider.delete(id, outs);
  });

  it("restarts after a change only when asked, and only a deployed app", async () => {
    const { id, outs, inputs } = await createVariables(declared({ A: "1" }, { restartOnChange: true }));
    expect(await calls()).not.toContain(`POST /v1/apps/${appId}/restart`);
    await deployApp(h, "shop-staging", "web: node server.js\n");
    await h.clearRequests();
    await variablesProvider.update(id, outs, { ...inputs, variables: { A: "2" } });
    expect(await calls()).toEqual([`PUT /v1/apps/${appId}/variables`, `POST /v1/apps/${appId}/restart`]);
    const operations = (await appsOf(h))["shop-staging"]?.operations ?? [];
    expect(operations.filter((o) => o.type === "restart").map((o) => o.status)).toEqual(["done"]);
  });

  it("restarts after a change of one of restartKeys, not after a change of another key", async () => {
    const pages = { SCALINGO_STOPPED_PAGE_URL: "https://pages.example.com/a.html", OTHER: "1" };
    const { id, outs, inputs } = await createVariables(
      declared(pages, { restartKeys: ["SCALINGO_STOPPED_PAGE_URL"] }),
    );
    await deployApp(h, "shop-staging", "web: node server.js\n");
    await h.clearRequests();
    const other = await variablesProvider.update(id, outs, {
      ...inputs,
      variables: { ...pages, OTHER: "2" },
    });
    expect(await calls()).toEqual([`PUT /v1/apps/${appId}/variables`]);
    await h.clearRequests();
    const page = { ...pages, OTHER: "2", SCALINGO_STOPPED_PAGE_URL: "https://pages.example.com/b.html" };
    await variablesProvider.update(id, other.outs ?? {}, { ...inputs, variables: page });
    expect(await calls()).toEqual([`PUT /v1/apps/${appId}/variables`, `POST /v1/apps/${appId}/restart`]);
  });
});
