/** `check` and `diff` of the AlwaysdataRecord provider (no request is sent by either). */
import { describe, expect, it } from "vitest";
import { createRecordProvider } from "../../../providers/alwaysdata/record-provider";
import { type Bag, UNKNOWN } from "../../../providers/base/inputs";

type RawProps = Bag;
const provider = createRecordProvider();
const checkRecord = (news: RawProps) => provider.check({}, news);
const diffRecord = (olds: RawProps, news: RawProps) => provider.diff("5", olds, news);

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
  it("returns parsed inputs with defaults, without __provider", async () => {
    expect(await checkRecord(valid)).toEqual({
      inputs: {
        zone: "example.com",
        name: "www",
        type: "CNAME",
        value: "my-app.osc-fr1.scalingo.io.",
        providerVersion: "1",
        adopt: false,
      },
      failures: [],
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
  ])("refuses %j on %s", async (change, property, reason) => {
    const result = await checkRecord({ ...valid, ...change });
    expect(result.failures).toEqual([{ property, reason: expect.stringContaining(reason) }]);
  });

  it("names the allowed record types", async () => {
    const [failure] = (await checkRecord({ ...valid, type: "cname" })).failures ?? [];
    expect(failure?.reason).toContain('"CNAME"');
  });

  it("skips fields that are unknown during preview", async () => {
    const result = await checkRecord({ ...valid, value: UNKNOWN, ttl: UNKNOWN });
    expect(result.failures).toEqual([]);
    expect(result.inputs).toMatchObject({ zone: "example.com", value: UNKNOWN, ttl: UNKNOWN });
    expect(result.inputs).not.toHaveProperty("__provider");
  });

  it("still reports known bad fields next to unknown ones", async () => {
    const result = await checkRecord({ ...valid, value: UNKNOWN, type: "NOPE" });
    expect(result.failures?.map((f) => f.property)).toEqual(["type"]);
  });

  it("parses strictly in create, with one message naming every bad key", async () => {
    await expect(provider.create({ ...valid, type: "NOPE", value: "" })).rejects.toThrow(
      /^create Alwaysdata record: invalid inputs: `type`: .*; `value`: must not be empty$/,
    );
  });

  it("applies the cross-field rules in create too", async () => {
    await expect(provider.create({ ...valid, type: "MX", value: "mx.example.net." })).rejects.toThrow(
      "create Alwaysdata record: invalid inputs: `priority` is required for MX records",
    );
  });

  it("checks cross-field rules in preview when the fields they need are known", async () => {
    const result = await checkRecord({ ...valid, type: "MX", value: UNKNOWN });
    expect(result.failures).toEqual([
      { property: "priority", reason: "`priority` is required for MX records" },
    ]);
  });
});

describe("diff", () => {
  it("finds no change for the same inputs, whatever __provider says", async () => {
    expect(await diffRecord(outputs, { ...valid, __provider: "other code" })).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  it.each([["www.example.com."], ["WWW.example.com"]])(
    "treats name %j as the same name as www",
    async (name) => {
      expect((await diffRecord(outputs, { ...valid, name })).changes).toBe(false);
    },
  );

  it.each([
    [{ value: "other.example.net." }],
    [{ ttl: 60 }],
    [{ annotation: "note" }],
    [{ providerVersion: "2" }],
  ])("updates in place for %j", async (change) => {
    expect(await diffRecord(outputs, { ...valid, ...change })).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  it("ignores adopt", async () => {
    expect((await diffRecord(outputs, { ...valid, adopt: true })).changes).toBe(false);
  });

  it.each([
    [{ zone: "example.org" }, ["zone"], false],
    [{ name: "api" }, ["name"], false],
    [{ type: "ALIAS" }, ["type"], true],
    [{ name: UNKNOWN }, ["name"], false],
  ])("replaces for %j", async (change, replaces, deleteBeforeReplace) => {
    expect(await diffRecord(outputs, { ...valid, ...change })).toEqual({
      changes: true,
      replaces,
      deleteBeforeReplace,
    });
  });

  it("counts an unknown value as a change", async () => {
    expect((await diffRecord(outputs, { ...valid, value: UNKNOWN })).changes).toBe(true);
  });
});
