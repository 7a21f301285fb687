import { describe, expect, it } from "vitest";
import * as z from "zod";
import {
  checkRecord,
  diffRecord,
  parseRecordInputs,
  type RawProps,
  UNKNOWN,
} from "../../../providers/alwaysdata/record-check";

const valid: RawProps = {
  zone: "example.com",
  name: "www",
  type: "CNAME",
  value: "my-app.osc-fr1.scalingo.io.",
  providerVersion: "1",
  __provider: "exports.handler = …",
};

const outputs: RawProps = { ...valid, adopt: false, recordId: 5, domainId: 100, fqdn: "www.example.com" };

describe("check", () => {
  it("returns parsed inputs with defaults, without __provider", () => {
    expect(checkRecord(z, valid)).toEqual({
      inputs: {
        zone: "example.com",
        name: "www",
        type: "CNAME",
        value: "my-app.osc-fr1.scalingo.io.",
        providerVersion: "1",
        adopt: false,
      },
    });
  });

  it.each([
    [{ type: "CNAMEX" }, "type", "`type`: Invalid option"],
    [{ zone: "" }, "zone", '`zone`: must be a domain name such as "example.com"'],
    [{ value: " " }, "value", "`value`: must not be empty"],
    [{ ttl: 1.5 }, "ttl", "`ttl`: "],
    [{ adopt: "yes" }, "adopt", "`adopt`: "],
    [{ name: "www.other.org." }, "name", "is not inside zone"],
    [{ type: "MX", value: "mx.example.net." }, "priority", "`priority` is required for MX records"],
  ])("refuses %j on %s", (change, property, reason) => {
    const result = checkRecord(z, { ...valid, ...change });
    expect(result.inputs).toBeUndefined();
    expect(result.failures).toEqual([{ property, reason: expect.stringContaining(reason) }]);
  });

  it("names the allowed record types", () => {
    const [failure] = checkRecord(z, { ...valid, type: "cname" }).failures ?? [];
    expect(failure?.reason).toContain('"CNAME"');
  });

  it("skips fields that are unknown during preview", () => {
    const result = checkRecord(z, { ...valid, value: UNKNOWN, ttl: UNKNOWN });
    expect(result.failures).toBeUndefined();
    expect(result.inputs).toMatchObject({ zone: "example.com", value: UNKNOWN, ttl: UNKNOWN });
    expect(result.inputs).not.toHaveProperty("__provider");
  });

  it("still reports known bad fields next to unknown ones", () => {
    const result = checkRecord(z, { ...valid, value: UNKNOWN, type: "NOPE" });
    expect(result.failures?.map((f) => f.property)).toEqual(["type"]);
  });

  it("parses strictly in create, with one message naming every bad key", () => {
    expect(() =>
      parseRecordInputs(z, { ...valid, type: "NOPE", value: "" }, "create Alwaysdata record"),
    ).toThrow(/^create Alwaysdata record: invalid inputs: `type`: .*; `value`: must not be empty$/);
  });
});

describe("diff", () => {
  it("finds no change for the same inputs, whatever __provider says", () => {
    expect(diffRecord(outputs, { ...valid, __provider: "other code" })).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  it.each([["www.example.com."], ["WWW.example.com"]])("treats name %j as the same name as www", (name) => {
    expect(diffRecord(outputs, { ...valid, name }).changes).toBe(false);
  });

  it.each([
    [{ value: "other.example.net." }],
    [{ ttl: 60 }],
    [{ annotation: "note" }],
    [{ providerVersion: "2" }],
  ])("updates in place for %j", (change) => {
    expect(diffRecord(outputs, { ...valid, ...change })).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  it("ignores adopt", () => {
    expect(diffRecord(outputs, { ...valid, adopt: true }).changes).toBe(false);
  });

  it.each([
    [{ zone: "example.org" }, ["zone"], false],
    [{ name: "api" }, ["name"], false],
    [{ type: "ALIAS" }, ["type"], true],
    [{ name: UNKNOWN }, ["name"], false],
  ])("replaces for %j", (change, replaces, deleteBeforeReplace) => {
    expect(diffRecord(outputs, { ...valid, ...change })).toEqual({
      changes: true,
      replaces,
      deleteBeforeReplace,
    });
  });

  it("counts an unknown value as a change", () => {
    expect(diffRecord(outputs, { ...valid, value: UNKNOWN }).changes).toBe(true);
  });
});
