/** Pure helpers of the provider: check, diff and the payload mappings, as tables plus a few properties. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  checkInputs,
  cnameTarget,
  containsUnknown,
  diffFields,
  domainChanges,
  formationChanges,
  sameValue,
  UNKNOWN,
  variablesPlan,
} from "../../../providers/scalingo/mappers";
import { domainInputsSchema, formationInputsSchema } from "../../../providers/scalingo/schemas";

describe("checkInputs", () => {
  const schema = formationInputsSchema(z);
  const base = { appId: "ap-1", region: "osc-fr1", processes: { web: { amount: 1, size: "M" } } };

  it("passes an unknown nested value through while defaulting the known fields", () => {
    const news = { ...base, processes: { web: { amount: UNKNOWN, size: "M" } } };
    expect(checkInputs(schema, news, "Formation")).toEqual({
      inputs: { ...news, providerVersion: "1" },
      failures: [],
    });
  });

  it("still reports real problems next to unknown values", () => {
    const news = { ...base, appId: UNKNOWN, processes: { web: { amount: -1, size: "M" } } };
    expect(checkInputs(schema, news, 'Formation "f"').failures).toEqual([
      { property: "processes.web.amount", reason: 'Formation "f": `processes.web.amount` must be 0 or more' },
    ]);
  });

  it("reports a missing required field", () => {
    expect(checkInputs(schema, { region: "osc-fr1", processes: {} }, "F").failures).toEqual([
      { property: "appId", reason: "F: `appId` must be the app's ID (App.appId)" },
    ]);
  });

  it("strips __provider and unknown keys", () => {
    expect(checkInputs(schema, { ...base, __provider: "code", extra: 1 }, "F").inputs).not.toHaveProperty(
      "__provider",
    );
  });
});

describe("diffFields", () => {
  const fields = ["name", "size", "tags"];
  it.each([
    [{ name: "a" }, { name: "a" }, { changes: false, replaces: [] }],
    [{ name: "a" }, { name: "b" }, { changes: true, replaces: ["name"] }],
    [{ size: 1 }, { size: 2 }, { changes: true, replaces: [] }],
    [{ tags: { a: "1", b: "2" } }, { tags: { b: "2", a: "1" } }, { changes: false, replaces: [] }],
    [{ name: "a" }, { name: UNKNOWN }, { changes: true, replaces: ["name"] }],
    [
      { name: "a", __provider: "x" },
      { name: "a", __provider: "y", adopt: true },
      { changes: false, replaces: [] },
    ],
  ])("%j → %j", (olds, news, expected) => {
    expect(diffFields(olds, news, fields, ["name"])).toEqual(expected);
  });
});

describe("helpers", () => {
  it.each([
    ["https://shop.osc-fr1.scalingo.io", "shop.osc-fr1.scalingo.io."],
    ["https://shop.osc-secnum-fr1.scalingo.io/", "shop.osc-secnum-fr1.scalingo.io."],
    ["http://127.0.0.1:4000/x", "127.0.0.1."],
  ])("cnameTarget(%s) = %s", (url, expected) => {
    expect(cnameTarget(url)).toBe(expected);
  });

  it("finds the sentinel anywhere", () => {
    expect(containsUnknown({ a: [{ b: UNKNOWN }] })).toBe(true);
    expect(containsUnknown({ a: [{ b: "x" }] })).toBe(false);
  });

  it("compares structurally, ignoring key order and undefined keys", () => {
    expect(sameValue({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue({ a: [1] }, { a: { 0: 1 } })).toBe(false);
  });
});

describe("variablesPlan", () => {
  const remote = (vars: Record<string, string>) =>
    Object.entries(vars).map(([name, value]) => ({ id: `id-${name}`, name, value }));

  it("upserts only what differs and deletes only keys it used to manage", () => {
    const plan = variablesPlan(
      { A: "1", OLD: "x" },
      { A: "1", B: "2" },
      remote({ A: "1", OLD: "x", DATABASE_URL: "$X" }),
    );
    expect(plan).toEqual({
      upsert: [{ name: "B", value: "2" }],
      remove: [{ id: "id-OLD", name: "OLD", value: "x" }],
    });
  });

  const names = fc.constantFrom("A", "B", "C", "DATABASE_URL", "HAND");
  const vars = fc.dictionary(names, fc.string({ maxLength: 3 }));

  it("applied to any remote state, yields the wanted keys and leaves unmanaged keys alone", () => {
    fc.assert(
      fc.property(vars, vars, vars, (previous, wanted, current) => {
        const plan = variablesPlan(previous, wanted, remote(current));
        const after = new Map(Object.entries(current));
        for (const v of plan.remove) after.delete(v.name);
        for (const v of plan.upsert) after.set(v.name, v.value);
        for (const [name, value] of Object.entries(wanted)) expect(after.get(name)).toBe(value);
        for (const [name, value] of Object.entries(current)) {
          if (!(name in previous) && !(name in wanted)) expect(after.get(name)).toBe(value);
        }
      }),
    );
  });
});

describe("formationChanges", () => {
  it("scales what differs, scales removed types to 0, and nothing when all matches", () => {
    const current = [
      { name: "web", amount: 1, size: "M" },
      { name: "worker", amount: 2, size: "S" },
    ];
    expect(
      formationChanges({ web: { amount: 1, size: "M" } }, { web: { amount: 1, size: "M" } }, current),
    ).toEqual([]);
    expect(
      formationChanges(
        { web: { amount: 1, size: "M" }, worker: { amount: 2, size: "S" } },
        { web: { amount: 2, size: "M" } },
        current,
      ),
    ).toEqual([
      { name: "web", amount: 2, size: "M" },
      { name: "worker", amount: 0, size: "S" },
    ]);
  });
});

describe("domainChanges", () => {
  const inputs = domainInputsSchema(z).parse({ appId: "ap-1", region: "osc-fr1", name: "www.example.com" });
  const remote = { id: "d-1", name: "www.example.com", canonical: false, letsencrypt_enabled: true };

  it.each([
    ["nothing differs", inputs, inputs, remote, {}],
    ["canonical set", { ...inputs, canonical: true }, inputs, remote, { canonical: true }],
    [
      "certificate added",
      { ...inputs, tlsCert: "c", tlsKey: "k" },
      inputs,
      remote,
      { tlscert: "c", tlskey: "k" },
    ],
    [
      "certificate removed",
      inputs,
      { ...inputs, tlsCert: "c", tlsKey: "k" },
      remote,
      { tlscert: "", tlskey: "" },
    ],
    [
      "Let's Encrypt drifted off",
      inputs,
      inputs,
      { ...remote, letsencrypt_enabled: false },
      { letsencrypt_enabled: true },
    ],
  ])("%s", (_label, wanted, previous, current, expected) => {
    expect(domainChanges(wanted, previous, current)).toEqual(expected);
  });
});
