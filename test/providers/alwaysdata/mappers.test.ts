import { describe, expect, it } from "vitest";
import * as z from "zod";
import { alwaysdataApiError, apiErrorDetail } from "../../../providers/alwaysdata/errors";
import {
  basicAuthUser,
  isRetryable,
  resolveConnection,
  retryAfterMs,
  retryDelayMs,
} from "../../../providers/alwaysdata/http";
import {
  type ApiRecord,
  changedFields,
  createdRecordId,
  fromApiRecord,
  idFromRef,
  matchingRecords,
  refreshedInputs,
  sameValue,
  toRecordOutputs,
  toRecordPayload,
} from "../../../providers/alwaysdata/mappers";
import { apiRecordListSchema, type RecordInputs } from "../../../providers/alwaysdata/schemas";

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

describe("connection, retries and errors", () => {
  it("prefers stack config to the environment and defaults the API root", () => {
    const env = { ALWAYSDATA_API_KEY: "env-key", ALWAYSDATA_ACCOUNT: "env-acct" };
    expect(resolveConnection({ apiKey: "cfg-key" }, env)).toEqual({
      apiUrl: "https://api.alwaysdata.com/v1",
      apiKey: "cfg-key",
      account: "env-acct",
    });
    expect(resolveConnection(undefined, { ...env, ALWAYSDATA_API_URL: "http://127.0.0.1:1/v1" }).apiUrl).toBe(
      "http://127.0.0.1:1/v1",
    );
  });

  it("explains how to set a missing key", () => {
    expect(() => resolveConnection({ apiKey: " " }, {})).toThrow(
      "Alwaysdata API key missing: run `pulumi config set alwaysdata:apiKey --secret <key>` or set ALWAYSDATA_API_KEY",
    );
  });

  it.each([
    ["KEY", undefined, "KEY"],
    ["KEY", "shop", "KEY account=shop"],
  ])("Basic user for key %s and account %s is %j", (key, account, user) => {
    expect(basicAuthUser(key, account)).toBe(user);
  });

  it.each([
    ["POST", 429, true],
    ["GET", 429, true],
    ["GET", 503, true],
    ["PUT", undefined, true],
    ["DELETE", 500, true],
    ["POST", 503, false],
    ["POST", undefined, false],
    ["GET", 404, false],
    ["PUT", 400, false],
  ])("%s answered %s is retryable: %s", (method, status, expected) => {
    expect(isRetryable(method, status)).toBe(expected);
  });

  it("waits Retry-After when given, else 1, 2, 4 … up to 30 seconds", () => {
    expect([1, 2, 3, 6, 9].map((n) => retryDelayMs(n, undefined))).toEqual([
      1000, 2000, 4000, 30_000, 30_000,
    ]);
    expect(retryDelayMs(1, 5000)).toBe(5000);
    expect(retryDelayMs(1, 600_000)).toBe(60_000);
    expect(retryAfterMs("2", 0)).toBe(2000);
    expect(retryAfterMs("Thu, 01 Jan 1970 00:00:10 GMT", 4000)).toBe(6000);
    expect(retryAfterMs(undefined, 0)).toBeUndefined();
    expect(retryAfterMs("soon", 0)).toBeUndefined();
  });

  it.each([
    [{ detail: "Invalid token." }, "Invalid token."],
    [
      { value: ["Enter a valid value."], ttl: ["Too small."] },
      "value: Enter a valid value.; ttl: Too small.",
    ],
    ["<html>\n  Bad gateway\n</html>", "<html> Bad gateway </html>"],
    ["", "no message"],
    [undefined, "no message"],
  ])("reads the API message of %j", (body, detail) => {
    expect(apiErrorDetail(body)).toBe(detail);
  });

  it("builds one-line errors naming operation, method, path, status and message", () => {
    const error = alwaysdataApiError({
      operation: 'create record "www.example.com" (CNAME)',
      method: "POST",
      path: "/v1/record/",
      status: 400,
      detail: "value: Enter a valid value.",
    });
    expect(error.message).toBe(
      'create record "www.example.com" (CNAME): POST /v1/record/ failed: 400 (value: Enter a valid value.).',
    );
    expect(error).toBeInstanceOf(Error);
    expect(error.status).toBe(400);
  });
});
