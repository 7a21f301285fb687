/** The shared input scaffolding: unknowns, `check` and the strict parse, as tables on a small schema. */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  checkInputs,
  compact,
  containsUnknown,
  type FieldWording,
  issueMessage,
  parseInputs,
  pathHitsUnknown,
  UNKNOWN,
} from "../../../providers/base/inputs";

const schema = z.object({
  name: z.string().min(2, "is too short"),
  size: z.enum(["S", "M"]).default("M"),
  tags: z.record(z.string(), z.number("must be a number")).optional(),
});
const field: FieldWording = (property, message) => `\`${property}\` ${message}`;

describe("unknowns", () => {
  it.each([
    [UNKNOWN, true],
    [{ a: [{ b: UNKNOWN }] }, true],
    [{ a: [{ b: "x" }] }, false],
    [null, false],
    ["other", false],
  ])("containsUnknown(%j) = %s", (value, expected) => {
    expect(containsUnknown(value)).toBe(expected);
  });

  it.each([
    [{ a: UNKNOWN }, ["a", "b", "c"], true],
    [{ a: { b: UNKNOWN } }, ["a", "b"], true],
    [{ a: { b: "x" } }, ["a", "b"], false],
    [{ a: "x" }, ["a", "b"], false],
    [{ a: { b: [UNKNOWN] } }, ["a"], true],
  ])("pathHitsUnknown(%j, %j) = %s", (bag, path, expected) => {
    expect(pathHitsUnknown(bag, path)).toBe(expected);
  });
});

describe("checkInputs", () => {
  it.each([
    [
      "applies defaults and strips unknown keys",
      { name: "ab", __provider: "code", x: 1 },
      { name: "ab", size: "M" },
    ],
    ["lets an unknown through and still defaults the rest", { name: UNKNOWN }, { name: UNKNOWN, size: "M" }],
    [
      "lets a nested unknown through",
      { name: "ab", tags: { a: UNKNOWN } },
      { name: "ab", size: "M", tags: { a: UNKNOWN } },
    ],
    ["drops undefined values", { name: "ab", tags: undefined }, { name: "ab", size: "M" }],
  ])("%s", (_label, news, inputs) => {
    expect(checkInputs(schema, news, { field })).toEqual({ inputs, failures: [] });
  });

  it.each([
    ["labelled", 'Thing "t"', [{ property: "name", reason: 'Thing "t": `name` is too short' }]],
    ["unlabelled", undefined, [{ property: "name", reason: "`name` is too short" }]],
  ])("words failures %s", (_label, label, failures) => {
    expect(checkInputs(schema, { name: "a", size: UNKNOWN }, { label, field })).toEqual({
      inputs: { name: "a", size: UNKNOWN },
      failures,
    });
  });

  it("runs cross-field rules once fields are valid or unknown", () => {
    const rules = (inputs: Record<string, unknown>) =>
      inputs.size === "S" && inputs.name !== UNKNOWN ? [{ property: "size", reason: "S is sold out" }] : [];
    expect(checkInputs(schema, { name: "ab", size: "S" }, { field, rules }).failures).toEqual([
      { property: "size", reason: "S is sold out" },
    ]);
    expect(checkInputs(schema, { name: UNKNOWN, size: "S" }, { field, rules }).failures).toEqual([]);
    expect(checkInputs(schema, { name: "a", size: "S" }, { field, rules }).failures).toHaveLength(1);
  });
});

describe("parseInputs", () => {
  const wording = { provider: "Acme", label: 'create thing "t"', field };

  it("returns the parsed inputs without __provider", () => {
    expect(parseInputs(schema, { name: "ab", __provider: "code" }, wording)).toEqual({
      name: "ab",
      size: "M",
    });
  });

  it.each([
    [
      { name: "a", size: "L" },
      {},
      'create thing "t": invalid inputs: `name` is too short; `size` Invalid option: expected one of "S"|"M"',
    ],
    [
      { name: "a" },
      { problem: "the stored state is not a thing's" },
      'create thing "t": the stored state is not a thing\'s: `name` is too short',
    ],
    [{ name: "ab", tags: { a: "x" } }, {}, 'create thing "t": invalid inputs: `tags.a` must be a number'],
  ])("refuses %j with one message", (raw, extra, message) => {
    expect(() => parseInputs(schema, raw, { ...wording, ...extra })).toThrow(message);
  });

  it("fails on cross-field rules, as an error of the provider", () => {
    const rules = () => [{ property: "size", reason: "`size`: sold out" }];
    let error: unknown;
    try {
      parseInputs(schema, { name: "ab" }, { ...wording, rules });
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({
      name: "AcmeError",
      message: 'create thing "t": invalid inputs: `size`: sold out',
    });
  });
});

describe("helpers", () => {
  it.each([
    [{ message: "outer" }, "outer"],
    [{ message: "outer", issues: [{ message: "inner" }] }, "inner"],
    [{ message: "outer", issues: [] }, "outer"],
  ])("issueMessage(%j) = %s", (issue, expected) => {
    expect(issueMessage(issue)).toBe(expected);
  });

  it("compact drops undefined values only", () => {
    expect(compact({ a: 1, b: undefined, c: null, d: 0, e: "" })).toEqual({ a: 1, c: null, d: 0, e: "" });
    expect("b" in compact({ a: 1, b: undefined })).toBe(false);
  });
});
