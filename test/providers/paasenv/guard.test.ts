/** The Guard's provider, called as the engine calls it: no API, only the data-loss permission. */
import { beforeEach, describe, expect, it } from "vitest";
import { guardProvider } from "../../../providers/paasenv/guard-provider";

const recorded = {
  held: ["app", "addons.postgresql", "storage"],
  ids: { app: "ap-1", "addons.postgresql": "ad-1", storage: "fr-par/shop-storage" },
  production: false,
  providerVersion: "1",
  resourceName: "env-guard",
};

async function configure(config: Record<string, string> = {}, env: Record<string, string> = {}) {
  const saved = process.env.PAASENV_PERMIT_DATA_LOSS;
  delete process.env.PAASENV_PERMIT_DATA_LOSS;
  Object.assign(process.env, env);
  await guardProvider.configure({
    config: { get: (key) => config[key], require: (key) => config[key] ?? "" },
  });
  if (saved === undefined) delete process.env.PAASENV_PERMIT_DATA_LOSS;
  else process.env.PAASENV_PERMIT_DATA_LOSS = saved;
}

const permit = (entries: unknown[]) => ({ "paasenv:permitDataLoss": JSON.stringify(entries) });

beforeEach(async () => {
  await configure();
});

describe("Guard check", () => {
  const withoutPostgres = {
    ...recorded,
    held: ["app", "storage"],
    ids: { app: "ap-1", storage: "fr-par/shop-storage" },
  };

  it("refuses a removal with the exact entry to add", async () => {
    const { failures } = await guardProvider.check(recorded, withoutPostgres);
    expect(failures).toHaveLength(1);
    expect(failures?.[0]?.property).toBe("held");
    expect(failures?.[0]?.reason).toMatch(
      /^Guard "env-guard": removing `paasenv:addons.postgresql` from the configuration deletes the postgresql add-on ad-1 and its data\. /,
    );
    expect(failures?.[0]?.reason).toContain(
      '    - { resource: addons.postgresql, id: "ad-1" }\nand run the same command again.',
    );
  });

  it("lets it through when the permission names the add-on or its app", async () => {
    await configure(permit([{ resource: "addons.postgresql", id: "ad-1" }]));
    expect((await guardProvider.check(recorded, withoutPostgres)).failures).toEqual([]);
    await configure({}, { PAASENV_PERMIT_DATA_LOSS: JSON.stringify([{ resource: "app", id: "ap-1" }]) });
    expect((await guardProvider.check(recorded, withoutPostgres)).failures).toEqual([]);
  });

  it("still refuses when the entry names another ID (a permission expires with its object)", async () => {
    await configure(permit([{ resource: "addons.postgresql", id: "ad-0" }]));
    expect((await guardProvider.check(recorded, withoutPostgres)).failures).toHaveLength(1);
  });

  it("refuses a bucket that would become another one", async () => {
    const moved = { ...recorded, ids: { ...recorded.ids, storage: "nl-ams/shop-storage" } };
    const { failures } = await guardProvider.check(recorded, moved);
    expect(failures?.[0]?.reason).toMatch(
      /^Guard "env-guard": `paasenv:storage` now declares another object: the bucket fr-par\/shop-storage and its data would be deleted\./,
    );
  });

  it("reports bad inputs like any resource, and diffs without ever replacing", async () => {
    const { failures } = await guardProvider.check({}, { ...recorded, held: ["addons.mysql"] });
    expect(failures?.[0]?.property).toBe("held.0");
    expect(await guardProvider.diff("g", recorded, recorded)).toEqual({ changes: false, replaces: [] });
    expect(await guardProvider.diff("g", recorded, withoutPostgres)).toEqual({ changes: true, replaces: [] });
  });
});

describe("Guard lifecycle", () => {
  it("creates and updates with its inputs as outputs, and reads back what is stored", async () => {
    const created = await guardProvider.create({ ...recorded, __provider: "code" });
    expect(created.outs).toEqual(recorded);
    expect((await guardProvider.update(created.id, recorded, recorded)).outs).toEqual(recorded);
    expect(await guardProvider.read(created.id, recorded)).toEqual({
      id: created.id,
      props: recorded,
      inputs: recorded,
    });
  });

  it("refuses a destroy unless every data-bearing object is permitted", async () => {
    await expect(guardProvider.delete("g", recorded)).rejects.toThrow(
      'Guard "env-guard": destroying this environment deletes the postgresql add-on ad-1 and the bucket ' +
        "fr-par/shop-storage and the data in them. ",
    );
    await configure(permit([{ resource: "app", id: "ap-1" }]));
    await expect(guardProvider.delete("g", recorded)).rejects.toThrow(
      '- { resource: storage, id: "fr-par/shop-storage" }',
    );
    await configure(
      permit([
        { resource: "app", id: "ap-1" },
        { resource: "storage", id: "fr-par/shop-storage" },
      ]),
    );
    await expect(guardProvider.delete("g", recorded)).resolves.toBeUndefined();
  });

  it("lets an environment without data go", async () => {
    await expect(guardProvider.delete("g", { ...recorded, ids: { app: "ap-1" } })).resolves.toBeUndefined();
  });
});
