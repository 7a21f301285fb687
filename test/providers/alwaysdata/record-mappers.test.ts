/** Pure mappers of the record provider: payloads, API records, clashes, refresh, rules. */
import { describe, expect, it } from "vitest";
import * as z from "zod";
import {
  type ApiRecord,
  changedFields,
  createdRecordId,
  fromApiRecord,
  idFromRef,
  matchingRecords,
  recordRules,
  recordToAdopt,
  refreshedInputs,
  sameValue,
  takeoverNeedsUpdate,
  toRecordOutputs,
  toRecordPayload,
} from "../../../providers/alwaysdata/record-mappers";
import { apiRecordListSchema, type RecordInputs } from "../../../providers/alwaysdata/schemas";
import { UNKNOWN } from "../../../providers/base/inputs";

const cname: RecordInputs = {
  zone: "example.com",
  name: "www.example.com.",
  type: "CNAME",
  value: "my-app.osc-fr1.scalingo.io.",
  adopt: false,
};

const apiRecord = (fields: Partial<ApiRecord>): ApiRecord => ({
  id: 1,
  domainId: 100,
  type: "CNAME",
  name: "www",
  value: "my-app.osc-fr1.scalingo.io.",
  ttl: 300,
  priority: undefined,
  annotation: undefined,
  ...fields,
});

describe("payload mapping", () => {
  it("sends the relative host and leaves unset optional fields out", () => {
    expect(toRecordPayload(100, "www", cname)).toEqual({
      domain: 100,
      type: "CNAME",
      name: "www",
      value: "my-app.osc-fr1.scalingo.io.",
    });
  });

  it("sends the apex as an empty name, with TTL, priority and annotation when set", () => {
    const mx: RecordInputs = {
      ...cname,
      name: "@",
      type: "MX",
      value: "mx.example.net.",
      ttl: 600,
      priority: 10,
    };
    expect(toRecordPayload(7, "", { ...mx, annotation: "mail" })).toEqual({
      domain: 7,
      type: "MX",
      name: "",
      value: "mx.example.net.",
      ttl: 600,
      priority: 10,
      annotation: "mail",
    });
  });

  it("maps outputs: inputs plus ids and the fqdn, without undefined values", () => {
    const outs = toRecordOutputs({ ...cname, ttl: undefined }, { recordId: 5, domainId: 100 }, "www");
    expect(outs).toEqual({ ...cname, recordId: 5, domainId: 100, fqdn: "www.example.com" });
    expect(Object.values(outs)).not.toContain(undefined);
    expect("ttl" in outs).toBe(false);
  });
});

describe("API record mapping", () => {
  it.each([
    [100, 100],
    ["100", 100],
    [{ href: "/v1/domain/100/" }, 100],
    [{ id: 100 }, 100],
    [null, undefined],
    [undefined, undefined],
  ])("reads the domain reference %j as %j", (ref, id) => {
    expect(idFromRef(ref)).toBe(id);
  });

  it("parses a listing in the href form and maps nulls to undefined", () => {
    const body = [
      {
        id: 12,
        domain: { href: "/v1/domain/100/" },
        href: "/v1/record/12/",
        type: "TXT",
        name: null,
        value: "v=spf1 -all",
        ttl: null,
        priority: null,
        annotation: null,
      },
    ];
    const [record] = apiRecordListSchema(z).parse(body).map(fromApiRecord);
    expect(record).toEqual({
      id: 12,
      domainId: 100,
      type: "TXT",
      name: "",
      value: "v=spf1 -all",
      ttl: undefined,
      priority: undefined,
      annotation: undefined,
    });
  });

  it.each([
    ["", "https://api.alwaysdata.com/v1/record/123/", 123],
    [undefined, "/v1/record/123", 123],
    [{ id: 9 }, "https://api.alwaysdata.com/v1/record/123/", 9],
    [null, undefined, undefined],
    ["", "https://api.alwaysdata.com/v1/domain/1/", undefined],
  ])("takes the created id from body %j / Location %j", (body, location, id) => {
    expect(createdRecordId(body, location)).toBe(id);
  });
});

describe("matching existing records", () => {
  const records = [
    apiRecord({ id: 1, name: "www.example.com." }),
    apiRecord({ id: 2, name: "api", type: "A", value: "1.2.3.4" }),
    apiRecord({ id: 3, name: "api.example.com", type: "A", value: "5.6.7.8" }),
    apiRecord({ id: 4, name: "", type: "TXT", value: "v=spf1 -all" }),
  ];

  it("matches a single-valued type by name in either form, whatever the value", () => {
    const found = matchingRecords(records, "example.com", "www", { ...cname, value: "other." });
    expect(found.map((r) => r.id)).toEqual([1]);
  });

  it("matches multi-valued types by value too, so several A records can coexist", () => {
    const a = { type: "A" as const, value: "5.6.7.8", adopt: false };
    expect(matchingRecords(records, "example.com", "api", a).map((r) => r.id)).toEqual([3]);
    expect(matchingRecords(records, "example.com", "api", { ...a, value: "9.9.9.9" })).toEqual([]);
  });

  it("with adopt, takes the single record of that name and type even with another value", () => {
    const txt = { type: "TXT" as const, value: "v=spf1 include:x -all", adopt: true };
    expect(matchingRecords(records, "example.com", "", txt).map((r) => r.id)).toEqual([4]);
    expect(matchingRecords(records, "example.com", "", { ...txt, adopt: false })).toEqual([]);
  });

  it.each([
    ["CNAME", "App.Example.net.", "app.example.net", true],
    ["CNAME", "a.example.net.", "b.example.net.", false],
    ["TXT", "Hello", "hello", false],
    ["A", "1.2.3.4", "1.2.3.4", true],
  ])("sameValue(%s, %j, %j) is %s", (type, a, b, expected) => {
    expect(sameValue(type, a, b)).toBe(expected);
  });
});

describe("update and refresh mapping", () => {
  it("lists the updatable fields that changed", () => {
    expect(changedFields(cname, { ...cname, value: "x.", ttl: 60 })).toEqual(["value", "ttl"]);
    const sameRemote: RecordInputs = { ...cname, adopt: true, providerVersion: "2" };
    expect(changedFields(cname, sameRemote)).toEqual([]);
  });

  it("refreshes value and set fields from the API, keeping unset fields unset", () => {
    const remote = apiRecord({ value: "MY-APP.osc-fr1.scalingo.io", ttl: 3600, annotation: "x" });
    expect(refreshedInputs(cname, remote)).toEqual(cname);
    expect(refreshedInputs({ ...cname, ttl: 60 }, remote)).toEqual({ ...cname, ttl: 3600 });
    expect(refreshedInputs(cname, apiRecord({ value: "moved.example.net." })).value).toBe(
      "moved.example.net.",
    );
  });
});

describe("rules and adoption", () => {
  it.each([
    [{ zone: "example.com", name: "www", type: "CNAME" }, []],
    [{ zone: "example.com", name: UNKNOWN, type: "CNAME" }, []],
    [{ zone: "example.com", name: "a.other.org.", type: "CNAME" }, ["name"]],
    [{ zone: "example.com", name: "", type: "MX" }, ["priority"]],
    [{ zone: "example.com", name: "", type: "SRV", priority: 10 }, []],
  ])("recordRules(%j) fails on %j", (inputs, properties) => {
    expect(recordRules(inputs).map((f) => f.property)).toEqual(properties);
  });

  it.each([
    [apiRecord({}), false],
    [apiRecord({ value: "other." }), true],
    [apiRecord({ ttl: 60 }), false],
  ])("takeoverNeedsUpdate(%j) = %s", (remote, expected) => {
    expect(takeoverNeedsUpdate(remote, cname)).toBe(expected);
  });

  it("adopts the single match, and explains a clash or duplicates", () => {
    const one = apiRecord({ id: 3 });
    expect(recordToAdopt("create", { ...cname, adopt: true }, [one])).toBe(one);
    expect(() => recordToAdopt("create", cname, [one])).toThrow(
      'create: a matching record already exists in zone "example.com" (id 3, name "www", value "my-app.osc-fr1.scalingo.io."). Set `adopt: true`',
    );
    expect(() => recordToAdopt("create", { ...cname, adopt: true }, [one, apiRecord({ id: 4 })])).toThrow(
      "create: cannot adopt, 2 records match",
    );
  });
});
