import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { UNKNOWN } from "../../../providers/base/inputs";
import { addonProvider } from "../../../providers/scalingo/addon-provider";
import { appProvider } from "../../../providers/scalingo/app-provider";
import { api, appsOf, checkAndCreate, type Harness, rejection, startHarness } from "./harness";

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});
beforeEach(async () => {
  await h.reset();
  await h.configure([appProvider]);
});

const declared = {
  name: "shop-staging",
  region: "osc-fr1",
  resourceName: "shop",
  __provider: "serialized code",
};

const createApp = (news: Record<string, unknown> = declared) => checkAndCreate(appProvider, news);

/** A new provider session, as in a later `pulumi` run (a destroy): this run's objects are forgotten. */
const laterRun = (config: Record<string, string> = {}) => h.configure([appProvider, addonProvider], config);

/** `paasenv:permitDataLoss` with these entries. */
const permit = (...entries: { resource: string; id: string }[]) => ({
  "paasenv:permitDataLoss": JSON.stringify(entries),
});

describe("App check and diff", () => {
  it("applies defaults and strips __provider", async () => {
    const { inputs, failures } = await appProvider.check({}, declared);
    expect(failures).toEqual([]);
    expect(inputs).toEqual({
      name: "shop-staging",
      region: "osc-fr1",
      resourceName: "shop",
      forceHttps: true,
      routerLogs: false,
      stickySession: false,
      addons: [],
      providerVersion: "1",
    });
  });

  it("reports a bad name with the resource, the argument and the rule", async () => {
    const { failures } = await appProvider.check({}, { ...declared, name: "Shop_Staging" });
    expect(failures).toEqual([
      {
        property: "name",
        reason:
          'App "shop": `name` must contain only lower-case letters, digits and single hyphens, and not start or end with a hyphen',
      },
    ]);
  });

  it("falls back to scalingo:region, then osc-fr1, when no region is given", async () => {
    const { region: _omitted, ...noRegion } = declared;
    expect((await appProvider.check({}, noRegion)).inputs?.region).toBe("osc-fr1");
    await h.configure([appProvider], { "scalingo:region": "osc-secnum-fr1" });
    expect((await appProvider.check({}, noRegion)).inputs?.region).toBe("osc-secnum-fr1");
  });

  it("tolerates preview's unknown sentinel in any field", async () => {
    const { inputs, failures } = await appProvider.check(
      {},
      { ...declared, name: UNKNOWN, forceHttps: UNKNOWN },
    );
    expect(failures).toEqual([]);
    expect(inputs).toMatchObject({ name: UNKNOWN, forceHttps: UNKNOWN, routerLogs: false });
  });

  it("diffs field by field: rename in place, region replaces, __provider and adopt ignored", async () => {
    const { inputs } = await appProvider.check({}, declared);
    const olds = { ...inputs, appId: "ap-1", url: "https://x", __provider: "old code" };
    expect(await appProvider.diff("ap-1", olds, { ...inputs, __provider: "new code", adopt: true })).toEqual({
      changes: false,
      replaces: [],
    });
    expect(await appProvider.diff("ap-1", olds, { ...inputs, name: "shop-renamed" })).toEqual({
      changes: true,
      replaces: [],
    });
    expect(await appProvider.diff("ap-1", olds, { ...inputs, region: "osc-secnum-fr1" })).toEqual({
      changes: true,
      replaces: ["region"],
    });
    expect(await appProvider.diff("ap-1", olds, { ...inputs, name: UNKNOWN })).toEqual({
      changes: true,
      replaces: [],
    });
  });
});

describe("App lifecycle against the emulator", () => {
  it("creates, reads without writing, renames in place, converges settings and deletes", async () => {
    const { id, outs } = await createApp();
    expect(outs).toMatchObject({
      appId: id,
      name: "shop-staging",
      url: "https://shop-staging.osc-fr1.scalingo.io",
      baseUrl: "https://shop-staging.osc-fr1.scalingo.io",
      cnameTarget: "shop-staging.osc-fr1.scalingo.io.",
      forceHttps: true,
    });
    expect(String(outs.gitUrl)).toContain("shop-staging");
    expect((await appsOf(h))["shop-staging"]?.app.force_https).toBe(true);

    await h.clearRequests();
    const read = await appProvider.read(id, { ...outs, __provider: "code" });
    expect(read.id).toBe(id);
    expect(read.props).toEqual(outs);
    expect(read.inputs).toMatchObject({ name: "shop-staging", forceHttps: true });
    const { inputs } = await appProvider.check(read.inputs ?? {}, declared);
    expect((await appProvider.diff(id, read.props ?? {}, inputs ?? {})).changes).toBe(false);
    expect(await h.writes()).toEqual([]);

    const renamed = { ...(inputs ?? {}), name: "shop-renamed", routerLogs: true };
    const updated = await appProvider.update(id, outs, renamed);
    expect(updated.outs).toMatchObject({
      appId: id,
      name: "shop-renamed",
      routerLogs: true,
      forceHttps: true,
    });
    expect(updated.outs?.cnameTarget).toBe("shop-renamed.osc-fr1.scalingo.io.");
    const apps = await appsOf(h);
    expect(Object.keys(apps)).toEqual(["shop-renamed"]);
    expect(apps["shop-renamed"]?.app.id).toBe(id);

    await laterRun();
    await appProvider.delete(id, updated.outs ?? {});
    expect(await appsOf(h)).toEqual({});
    await appProvider.delete(id, updated.outs ?? {});
    expect(await appProvider.read(id, updated.outs ?? {})).toEqual({});
  });

  it("talks to the region's own API, discovered from the auth API", async () => {
    const { id, outs } = await createApp({ ...declared, region: "osc-secnum-fr1" });
    expect(outs.cnameTarget).toBe("shop-staging.osc-secnum-fr1.scalingo.io.");
    expect((await appsOf(h, "osc-secnum-fr1"))["shop-staging"]?.app.id).toBe(id);
    expect(await appsOf(h)).toEqual({});
    const paths = (await h.requests()).map((r) => `${r.method} ${r.path}`);
    expect(paths).toContain("GET /v1/regions");
    expect(paths).toContain("POST /osc-secnum-fr1/v1/apps");
  });

  it("resolves the stack by name; create itself still refuses an unknown one (check refuses it first)", async () => {
    const { outs } = await createApp({ ...declared, stack: "scalingo-24" });
    expect(String(outs.stackId)).toMatch(/^st-/);
    expect((await appsOf(h))["shop-staging"]?.app.stack_id).toBe(outs.stackId);
    const error = await rejection(
      appProvider.create({ ...declared, name: "other-app", stack: "scalingo-99" }),
    );
    expect(error.message).toBe(
      'create app "other-app": `stack` must be one of scalingo-22, scalingo-24, scalingo-26 (got "scalingo-99")',
    );
  });

  it("picks up drift made outside Pulumi and converges it back", async () => {
    const { id, outs, inputs } = await createApp();
    await h.drift({ app: "shop-staging", kind: "app", set: { force_https: false } });
    const read = await appProvider.read(id, outs);
    expect(read.props?.forceHttps).toBe(false);
    expect(read.inputs?.forceHttps).toBe(false);
    expect(await appProvider.diff(id, read.props ?? {}, inputs)).toEqual({ changes: true, replaces: [] });
    await h.clearRequests();
    const updated = await appProvider.update(id, read.props ?? {}, inputs);
    expect(updated.outs?.forceHttps).toBe(true);
    expect((await h.writes()).map((r) => `${r.method} ${r.path}`)).toEqual([`PATCH /v1/apps/${id}`]);
  });

  it("reports an app deleted outside Pulumi as gone, not as an error", async () => {
    const { id, outs } = await createApp();
    await h.drift({ app: "shop-staging", kind: "app", delete: true });
    expect(await appProvider.read(id, outs)).toEqual({});
    await laterRun();
    await h.clearRequests();
    await appProvider.delete(id, outs);
    expect(await h.writes()).toEqual([]);
  });

  it("deletes with one read, of the add-ons, and the DELETE confirmed by the recorded name", async () => {
    const { id, outs } = await createApp();
    await laterRun();
    await h.clearRequests();
    await appProvider.delete(id, outs);
    const calls = (await h.requests()).map((r) => `${r.method} ${r.path.split("?")[0]} ${r.status}`);
    expect(calls.filter((c) => !/tokens\/exchange|regions/.test(c))).toEqual([
      `GET /v1/apps/${id}/addons 200`,
      `DELETE /v1/apps/${id} 204`,
    ]);
  });

  it("deletes with the DELETE alone when the permission names the app, and is done when it is already gone", async () => {
    const { id, outs } = await createApp();
    await checkAndCreate(addonProvider, {
      appId: id,
      region: "osc-fr1",
      provider: "redis",
      plan: "redis-sandbox",
    });
    await laterRun(permit({ resource: "app", id }));
    await h.clearRequests();
    await appProvider.delete(id, outs);
    const calls = async () =>
      (await h.requests())
        .map((r) => `${r.method} ${r.path.split("?")[0]} ${r.status}`)
        .filter((c) => !/tokens\/exchange|regions/.test(c));
    expect(await calls()).toEqual([`DELETE /v1/apps/${id} 204`]);
    expect(await appsOf(h)).toEqual({});
    await h.clearRequests();
    await appProvider.delete(id, outs);
    expect(await calls()).toEqual([`DELETE /v1/apps/${id} 404`]);
  });

  it("deletes an app renamed outside paasenv, confirming with the name read back", async () => {
    const { id, outs } = await createApp();
    await api(h, "POST", `/v1/apps/${id}/rename`, { current_name: "shop-staging", new_name: "shop-renamed" });
    await laterRun();
    await h.clearRequests();
    await appProvider.delete(id, outs);
    expect(await appsOf(h)).toEqual({});
    const deletes = (await h.requests()).filter((r) => r.method === "DELETE").map((r) => r.status);
    expect(deletes).toEqual([422, 204]);
  });

  it("refuses a name clash with a message explaining adoption, and adopts when asked", async () => {
    const first = await createApp();
    const error = await rejection(createApp());
    expect(error.message).toContain(
      'create app "shop-staging": an app named "shop-staging" already exists in osc-fr1',
    );
    expect(error.message).toContain("`adopt: true`");
    expect(error.message).toContain("scalingo:adoptExisting");

    await h.drift({ app: "shop-staging", kind: "app", set: { force_https: false } });
    const adopted = await createApp({ ...declared, adopt: true });
    expect(adopted.id).toBe(first.id);
    expect(adopted.outs.forceHttps).toBe(true);
    expect((await appsOf(h))["shop-staging"]?.app.force_https).toBe(true);
  });

  it("adopts every existing object when the stack config says scalingo:adoptExisting", async () => {
    const first = await createApp();
    await h.configure([appProvider], { "scalingo:adoptExisting": "true" });
    expect((await createApp()).id).toBe(first.id);
  });
});

describe("App and the data it holds", () => {
  const holding = async (addons: string[]) => {
    const { id, outs, inputs } = await createApp({ ...declared, addons });
    return { id, olds: outs, moved: { ...inputs, region: "osc-secnum-fr1" } };
  };

  it("refuses a region change while it holds add-ons, before any API call, naming the entry to add", async () => {
    const { id, olds, moved } = await holding(["postgresql"]);
    await h.clearRequests();
    const error = await rejection(appProvider.diff(id, olds, moved));
    expect(error.message).toBe(
      'App "shop": changing `region` from "osc-fr1" to "osc-secnum-fr1" replaces app "shop-staging" ' +
        `(${id}), and with it its postgresql add-on and its data. paasenv deletes or replaces data only when ` +
        "`paasenv:permitDataLoss` names it by its current ID. Back the data up if you need it, then add to the " +
        "stack's configuration file (Pulumi.<stack>.yaml, under `config:`):\n  paasenv:permitDataLoss:\n" +
        `    - { resource: app, id: "${id}" }\nand run the same command again.`,
    );
    expect(await h.requests()).toEqual([]);
  });

  it("allows it when the permission names the app by its current ID, and always when it holds nothing", async () => {
    const { id, olds, moved } = await holding(["postgresql", "redis"]);
    await laterRun(permit({ resource: "app", id: "another-app" }));
    await expect(appProvider.diff(id, olds, moved)).rejects.toThrow(
      /postgresql and redis add-ons and their data/,
    );
    await laterRun(permit({ resource: "app", id }));
    expect(await appProvider.diff(id, olds, moved)).toEqual({ changes: true, replaces: ["region"] });
    const empty = { olds: { ...olds, addons: [] }, moved: { ...moved, addons: [] } };
    await laterRun();
    expect(await appProvider.diff(id, empty.olds, empty.moved)).toEqual({
      changes: true,
      replaces: ["region"],
    });
  });

  it("records a change of the add-ons it holds as an update, and ignores their order", async () => {
    const { id, olds } = await holding(["postgresql"]);
    const same = { ...olds, addons: ["postgresql"] };
    expect(await appProvider.diff(id, olds, same)).toEqual({ changes: false, replaces: [] });
    expect(await appProvider.diff(id, olds, { ...same, addons: ["redis", "postgresql"] })).toEqual({
      changes: true,
      replaces: [],
    });
    const older = { ...olds, addons: undefined };
    expect(await appProvider.diff(id, older, { ...same, addons: [] })).toEqual({
      changes: false,
      replaces: [],
    });
  });

  it("refuses to delete an app that still holds an add-on, unless permitted", async () => {
    const { id, outs } = await createApp();
    const addon = await checkAndCreate(addonProvider, {
      appId: id,
      region: "osc-fr1",
      provider: "redis",
      plan: "redis-sandbox",
    });
    await laterRun();
    await h.clearRequests();
    const error = await rejection(appProvider.delete(id, outs));
    expect(error.message).toMatch(
      new RegExp(
        `^delete app "shop-staging": the app still holds the redis add-on ${addon.id}, which Scalingo deletes ` +
          `with it\\. paasenv deletes or replaces data only when .*- \\{ resource: app, id: "${id}" \\}`,
        "s",
      ),
    );
    expect(await h.writes()).toEqual([]);
    await laterRun(permit({ resource: "app", id }));
    await appProvider.delete(id, outs);
    expect(await appsOf(h)).toEqual({});
  });

  it("deletes an app whose every add-on the permission names, as a destroy's guard asks (deletedWith the app)", async () => {
    const { id, outs } = await createApp();
    const addon = await checkAndCreate(addonProvider, {
      appId: id,
      region: "osc-fr1",
      provider: "redis",
      plan: "redis-sandbox",
    });
    await laterRun(permit({ resource: "addons.redis", id: "ad-another" }));
    await h.clearRequests();
    expect((await rejection(appProvider.delete(id, outs))).message).toMatch(/still holds the redis add-on/);
    expect(await h.writes()).toEqual([]);
    await laterRun(permit({ resource: "addons.redis", id: addon.id }));
    await appProvider.delete(id, outs);
    expect(await appsOf(h)).toEqual({});
  });

  it("never deletes an app this run adopted, through a stale record of it", async () => {
    const first = await createApp();
    await laterRun({ "scalingo:adoptExisting": "true" });
    const adopted = await createApp();
    expect(adopted.id).toBe(first.id);
    await h.clearRequests();
    await appProvider.delete(first.id, first.outs);
    expect(await h.writes()).toEqual([]);
    expect(Object.keys(await appsOf(h))).toEqual(["shop-staging"]);
  });
});
