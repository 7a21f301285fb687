/** The shared `diff`: field comparison, replacements, and the per-resource hooks, as tables. */
import { describe, expect, it } from "vitest";
import {
  type DiffDeclaration,
  diffFields,
  diffInputs,
  fieldChanged,
  replacedFields,
  sameValue,
} from "../../../providers/base/diff";
import { UNKNOWN } from "../../../providers/base/inputs";

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

describe("sameValue", () => {
  it("compares structurally, ignoring key order and undefined keys", () => {
    expect(sameValue({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue({ a: [1] }, { a: { 0: 1 } })).toBe(false);
  });
});

describe("diffInputs", () => {
  const declaration: DiffDeclaration = {
    fields: ["zone", "name", "value", "version"],
    replaceOn: ["zone", "name", "version"],
    same: { name: (olds, news) => String(olds.name).toLowerCase() === String(news.name).toLowerCase() },
    keeps: (field, olds, news) =>
      field === "version" && (olds.version === undefined || news.version === undefined),
    deleteBeforeReplace: (replaces) => replaces.length > 0 && !replaces.includes("zone"),
  };
  const olds = { zone: "a.org", name: "www", value: "1", version: "16" };

  it.each([
    ["nothing", {}, { changes: false, replaces: [], deleteBeforeReplace: false }],
    ["a name in another case", { name: "WWW" }, { changes: false, replaces: [], deleteBeforeReplace: false }],
    ["the value", { value: "2" }, { changes: true, replaces: [], deleteBeforeReplace: false }],
    ["the name", { name: "api" }, { changes: true, replaces: ["name"], deleteBeforeReplace: true }],
    ["an unknown name", { name: UNKNOWN }, { changes: true, replaces: ["name"], deleteBeforeReplace: true }],
    ["the zone", { zone: "b.org" }, { changes: true, replaces: ["zone"], deleteBeforeReplace: false }],
    [
      "the version, to another",
      { version: "17" },
      { changes: true, replaces: ["version"], deleteBeforeReplace: true },
    ],
    [
      "the version, unset",
      { version: undefined },
      { changes: true, replaces: [], deleteBeforeReplace: false },
    ],
  ])("a change of %s", (_label, change, expected) => {
    expect(diffInputs(declaration, olds, { ...olds, ...change })).toEqual(expected);
  });

  it("leaves deleteBeforeReplace out when the resource does not declare it", () => {
    const plain = { fields: ["name"], replaceOn: ["name"] };
    expect(diffInputs(plain, { name: "a" }, { name: "b" })).toEqual({ changes: true, replaces: ["name"] });
  });

  it("exposes the field checks it is built from", () => {
    expect(fieldChanged(declaration, "name", olds, { name: "Www" })).toBe(false);
    expect(fieldChanged(declaration, "value", olds, { value: UNKNOWN })).toBe(true);
    expect(replacedFields(declaration, olds, { ...olds, zone: "b.org", name: "api" })).toEqual([
      "zone",
      "name",
    ]);
  });
});
