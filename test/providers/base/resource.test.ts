/**
 * The provider methods built from a declaration: `configure`, `check` (defaults, rules, change rules), `diff`,
 * and the first line of each CRUD method, on a toy provider whose client records what it was built for.
 */
import { describe, expect, it } from "vitest";
import type { Bag, Zod } from "../../../providers/base/inputs";
import {
  begin,
  beginFromState,
  parseState,
  providerMethods,
  type ResourceDeclaration,
  type SessionHolder,
} from "../../../providers/base/resource";

interface Settings {
  zone: string | undefined;
}

const inputs = (z: Zod) =>
  z.object({ name: z.string().min(1, "is empty"), zone: z.string(), size: z.number().default(1) });
const state = (z: Zod) => inputs(z).extend({ thingId: z.number() });

const THING: ResourceDeclaration<ReturnType<typeof inputs>, ReturnType<typeof state>, Settings, string> = {
  api: {
    provider: "Acme",
    field: (property, message) => `\`${property}\` ${message}`,
    settings: (get) => ({ zone: get("acme:zone") }),
    connect: async (holder, parsed) => `client for ${String(parsed.zone)} (${holder.session?.settings.zone})`,
    defaults: (news, settings) =>
      news.zone === undefined ? { ...news, zone: settings?.zone ?? "z0" } : news,
  },
  inputs,
  state,
  stateProblem: "not a thing",
  label: (props, verb, id) => `${verb} Thing "${String(props.name)}"${id === undefined ? "" : ` ${id}`}`,
  checkLabel: (news) => `Thing "${String(news.name)}"`,
  what: (parsed) => `thing "${parsed.name}"`,
  rules: (parsed) => (parsed.size === 0 ? [{ property: "size", reason: "size 0" }] : []),
  changeRules: (olds, parsed, label) =>
    olds.name !== undefined && olds.name !== parsed.name
      ? [{ property: "name", reason: `${label}: frozen` }]
      : [],
  diff: { fields: ["name", "zone", "size"], replaceOn: ["zone"] },
};

const configured = async () => {
  const provider: SessionHolder<Settings> & ReturnType<typeof providerMethods> = {
    ...providerMethods(THING),
  };
  const config = { get: (key: string) => (key === "acme:zone" ? "z1" : undefined), require: () => "" };
  await provider.configure({ config });
  return provider;
};

describe("providerMethods", () => {
  it("keeps the settings configure reads on the provider object", async () => {
    expect((await configured()).session).toEqual({ settings: { zone: "z1" } });
  });

  it.each([
    [
      "fills defaults from the settings",
      {},
      { name: "a" },
      { inputs: { name: "a", zone: "z1", size: 1 }, failures: [] },
    ],
    [
      "words field failures with the check label",
      {},
      { name: "" },
      {
        inputs: { name: "", zone: "z1" },
        failures: [{ property: "name", reason: 'Thing "": `name` is empty' }],
      },
    ],
    [
      "runs cross-field rules",
      {},
      { name: "a", size: 0 },
      { inputs: { name: "a", zone: "z1", size: 0 }, failures: [{ property: "size", reason: "size 0" }] },
    ],
    [
      "runs change rules against the olds",
      { name: "b" },
      { name: "a" },
      {
        inputs: { name: "a", zone: "z1", size: 1 },
        failures: [{ property: "name", reason: 'Thing "a": frozen' }],
      },
    ],
  ])("check %s", async (_label, olds: Bag, news: Bag, expected) => {
    expect(await (await configured()).check(olds, news)).toEqual(expected);
  });

  it("diffs by the declaration, changes always a boolean", async () => {
    const provider = await configured();
    const olds = { name: "a", zone: "z1", size: 1, thingId: 7, __provider: "old" };
    expect(await provider.diff("7", olds, { name: "a", zone: "z1", size: 1, __provider: "new" })).toEqual({
      changes: false,
      replaces: [],
    });
    expect(await provider.diff("7", olds, { name: "a", zone: "z2", size: 1 })).toEqual({
      changes: true,
      replaces: ["zone"],
    });
  });
});

describe("begin", () => {
  it("parses, names the operation and connects in one call", async () => {
    const provider = await configured();
    const started = await begin(provider, "create", { name: "a", zone: "z2", __provider: "code" }, THING);
    expect({ inputs: started.inputs, op: started.op, client: started.client }).toEqual({
      inputs: { name: "a", zone: "z2", size: 1 },
      op: 'create thing "a"',
      client: "client for z2 (z1)",
    });
  });

  it("refuses bad inputs before connecting, naming the call", async () => {
    await expect(begin({}, "update", { name: "a", zone: "z", size: 0 }, THING, "7")).rejects.toThrow(
      'update Thing "a" 7: invalid inputs: size 0',
    );
  });

  it("parses stored outputs for read and delete with the state schema", async () => {
    const stored = { name: "a", zone: "z2", size: 2, thingId: 7, __provider: "code" };
    const started = await beginFromState({}, "read", stored, THING, "7");
    expect({ state: started.state, op: started.op, client: started.client }).toEqual({
      state: { name: "a", zone: "z2", size: 2, thingId: 7 },
      op: 'read thing "a"',
      client: "client for z2 (undefined)",
    });
    const { z } = started;
    expect(() => parseState(z, { name: "a", zone: "z" }, THING, "delete", "7")).toThrow(
      'delete Thing "a" 7: not a thing: `thingId` Invalid input: expected number, received undefined',
    );
  });
});
