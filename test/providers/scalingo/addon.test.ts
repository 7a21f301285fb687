import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { UNKNOWN } from "../../../providers/base/inputs";
import { addonProvider } from "../../../providers/scalingo/addon-provider";
import { appProvider } from "../../../providers/scalingo/app-provider";
import { appsOf, checkAndCreate, type Harness, rejection, startHarness } from "./harness";

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
  await h.configure([appProvider, addonProvider]);
  const app = await appProvider.create({ name: "shop-staging", region: "osc-fr1" });
  appId = app.id;
});

const declared = () => ({
  appId,
  region: "osc-fr1",
  provider: "postgresql",
  plan: "postgresql-sandbox",
  resourceName: "shop-postgresql",
  __provider: "code",
});

const createAddon = (news: Record<string, unknown> = declared()) => checkAndCreate(addonProvider, news);

/** `paasenv:permitDataLoss` with these entries. */
const permit = (...entries: { resource: string; id: string }[]) => ({
  "paasenv:permitDataLoss": JSON.stringify(entries),
});

const addonsOnApp = async () => (await appsOf(h))["shop-staging"]?.addons ?? [];

describe("Addon check and diff", () => {
  it("accepts both provider spellings and normalises them", async () => {
    const { inputs } = await addonProvider.check({}, { ...declared(), provider: "scalingo-postgresql" });
    expect(inputs).toMatchObject({ provider: "postgresql", providerVersion: "1" });
  });

  it("refuses a provider change in diff, before any API call, unless the permission names it", async () => {
    const { inputs: olds } = await addonProvider.check({}, declared());
    const stored = { ...olds, addonId: "ad-1" };
    const changed = { ...declared(), provider: "redis", plan: "redis-sandbox" };
    const { inputs: change, failures } = await addonProvider.check(olds ?? {}, changed);
    expect(failures).toEqual([]);
    await h.clearRequests();
    const error = await rejection(addonProvider.diff("ad-1", stored, change ?? {}));
    expect(error.message).toBe(
      'Addon "shop-postgresql": changing `provider` from "postgresql" to "redis" replaces the add-on ad-1 and ' +
        "destroys its data. paasenv deletes or replaces data only when `paasenv:permitDataLoss` names it by its " +
        "current ID. Back the data up if you need it, then add to the stack's configuration file " +
        '(Pulumi.<stack>.yaml, under `config:`):\n  paasenv:permitDataLoss:\n    - { resource: addons.postgresql, id: "ad-1" }\n' +
        "and run the same command again.",
    );
    expect(await h.requests()).toEqual([]);
    await h.configure([addonProvider], permit({ resource: "addons.postgresql", id: "ad-1" }));
    expect(await addonProvider.diff("ad-1", stored, change ?? {})).toEqual({
      changes: true,
      replaces: ["provider"],
      deleteBeforeReplace: true,
    });
    const legacy = await addonProvider.check(olds ?? {}, { ...declared(), provider: "scalingo-postgresql" });
    expect((await addonProvider.diff("ad-1", stored, legacy.inputs ?? {})).replaces).toEqual([]);
  });

  it("treats a version change as a replacement but setting one later as a plain change", async () => {
    const { inputs: olds } = await addonProvider.check({}, declared());
    const set = await addonProvider.check(olds ?? {}, { ...declared(), version: "16" });
    expect(await addonProvider.diff("ad-1", olds ?? {}, set.inputs ?? {})).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    const bump = await addonProvider.check(set.inputs ?? {}, { ...declared(), version: "17" });
    await expect(addonProvider.diff("ad-1", set.inputs ?? {}, bump.inputs ?? {})).rejects.toThrow(
      /changing `version` from "16" to "17" replaces the add-on ad-1/,
    );
  });

  it("lets an unknown app ID through in preview; moving region is permitted by the app's own entry", async () => {
    const { inputs: olds } = await addonProvider.check({}, declared());
    const preview = await addonProvider.check(olds ?? {}, { ...declared(), appId: UNKNOWN });
    expect(await addonProvider.diff("ad-1", olds ?? {}, preview.inputs ?? {})).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    // An app holds one add-on per provider: a replacement deletes the old one before creating the new one.
    const moved = { ...(preview.inputs ?? {}), region: "osc-secnum-fr1" };
    await expect(addonProvider.diff("ad-1", olds ?? {}, moved)).rejects.toThrow(/replaces the add-on ad-1/);
    await h.configure([addonProvider], permit({ resource: "app", id: appId }));
    expect(await addonProvider.diff("ad-1", olds ?? {}, moved)).toEqual({
      changes: true,
      replaces: ["appId", "region"],
      deleteBeforeReplace: true,
    });
  });
});

describe("an add-on deleted outside paasenv", () => {
  it("is recorded as missing by a refresh, and re-created empty only when the permission names it", async () => {
    const { id, outs, inputs } = await createAddon();
    await h.drift({ app: "shop-staging", kind: "addon", key: "postgresql", delete: true });
    const read = await addonProvider.read(id, outs);
    expect(read).toEqual({ id, props: { ...outs, status: "missing" }, inputs });
    const error = await rejection(addonProvider.diff(id, read.props ?? {}, inputs));
    expect(error.message).toMatch(
      new RegExp(
        `^Addon "shop-postgresql": the postgresql add-on ${id} was not found on Scalingo by the last refresh ` +
          "\\(deleted outside paasenv\\?\\), and paasenv would create a new, empty one in its place\\. ",
      ),
    );
    await h.configure([addonProvider], permit({ resource: "addons.postgresql", id }));
    expect(await addonProvider.diff(id, read.props ?? {}, inputs)).toEqual({
      changes: true,
      replaces: ["status"],
      deleteBeforeReplace: true,
    });
    await addonProvider.delete(id, read.props ?? {});
    expect((await createAddon()).id).not.toBe(id);
  });
});

describe("Addon lifecycle against the emulator", () => {
  it("provisions, waits for running, reads without writing, upgrades the plan in place and deletes", async () => {
    const { id, outs, inputs } = await createAddon();
    expect(outs).toMatchObject({
      addonId: id,
      status: "running",
      plan: "postgresql-sandbox",
      variableNames: ["DATABASE_URL", "SCALINGO_POSTGRESQL_URL"],
    });
    expect(String(outs.connectionUrl)).toMatch(/^postgresql:\/\/\w+:\w+@/);
    expect(String(outs.resourceId)).not.toBe("");

    await h.clearRequests();
    const read = await addonProvider.read(id, outs);
    expect(read).toEqual({ id, props: outs, inputs });
    expect(await addonProvider.diff(id, read.props ?? {}, inputs)).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
    expect(await h.writes()).toEqual([]);

    const upgraded = await addonProvider.update(id, outs, { ...inputs, plan: "postgresql-starter-512" });
    expect(upgraded.outs).toMatchObject({ addonId: id, plan: "postgresql-starter-512", status: "running" });
    expect(upgraded.outs?.connectionUrl).toBe(outs.connectionUrl);
    expect((await h.writes()).map((r) => `${r.method} ${r.path}`)).toEqual([
      `PATCH /v1/apps/${appId}/addons/${id}`,
    ]);
    expect((await addonsOnApp()).map((a) => a.plan.name)).toEqual(["postgresql-starter-512"]);

    // A later run (a destroy): refused, with no call that writes, until the permission names it.
    await h.configure([addonProvider]);
    await h.clearRequests();
    const refused = await rejection(addonProvider.delete(id, upgraded.outs ?? {}));
    expect(refused.message).toMatch(
      new RegExp(
        `^delete postgresql add-on of app ${appId}: deleting the add-on ${id} destroys its data\\. `,
      ),
    );
    expect(await h.writes()).toEqual([]);
    await h.configure([addonProvider], permit({ resource: "addons.postgresql", id }));
    await addonProvider.delete(id, upgraded.outs ?? {});
    expect(await addonsOnApp()).toEqual([]);
    await addonProvider.delete(id, upgraded.outs ?? {});
    expect(await addonProvider.read(id, upgraded.outs ?? {})).toMatchObject({
      id,
      props: { status: "missing" },
    });
  });

  it("create itself still reports an unknown plan with the plans available (check refuses it first)", async () => {
    const error = await rejection(addonProvider.create({ ...declared(), plan: "postgresql-huge" }));
    expect(error.message).toMatch(
      /^create postgresql add-on of app \w+: `plan` must be one of postgresql-sandbox, postgresql-starter-512, /,
    );
    expect(await addonsOnApp()).toEqual([]);
  });

  it("picks up a plan changed outside Pulumi, and a deleted add-on as missing", async () => {
    const { id, outs, inputs } = await createAddon();
    await h.drift({
      app: "shop-staging",
      kind: "addon",
      key: "postgresql",
      set: { plan: "postgresql-starter-1024" },
    });
    const read = await addonProvider.read(id, outs);
    expect(read.inputs?.plan).toBe("postgresql-starter-1024");
    expect((await addonProvider.diff(id, read.props ?? {}, inputs)).changes).toBe(true);
    await h.drift({ app: "shop-staging", kind: "addon", key: "postgresql", delete: true });
    h.nextRun(); // One refresh reads the list once: the next one sees the deletion.
    expect((await addonProvider.read(id, outs)).props?.status).toBe("missing");
  });

  it("refuses to provision a second add-on of the same provider unless adopting, then converges the plan", async () => {
    const first = await createAddon();
    const error = await rejection(createAddon());
    expect(error.message).toContain("the app already has a postgresql add-on");
    expect(error.message).toContain("`adopt: true`");
    const adopted = await createAddon({ ...declared(), plan: "postgresql-starter-512", adopt: true });
    expect(adopted.id).toBe(first.id);
    expect(adopted.outs.plan).toBe("postgresql-starter-512");
    expect((await addonsOnApp()).map((a) => a.plan.name)).toEqual(["postgresql-starter-512"]);
  });

  it("creates redis with the legacy provider ID and exposes its URL", async () => {
    const { outs } = await createAddon({ ...declared(), provider: "scalingo-redis", plan: "redis-sandbox" });
    expect(outs.provider).toBe("redis");
    expect(outs.variableNames).toEqual(["REDIS_URL", "SCALINGO_REDIS_URL"]);
    expect(String(outs.connectionUrl)).toMatch(/^redis:\/\//);
  });
});
