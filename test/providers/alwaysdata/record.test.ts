/**
 * The AlwaysdataRecord provider methods called directly against the Alwaysdata emulator over real HTTP.
 */
import type { ConfigureRequest } from "@pulumi/pulumi/dynamic";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  type AlwaysdataEmulator,
  type AlwaysdataEmulatorOptions,
  startAlwaysdataEmulator,
} from "../../../emulator/alwaysdata";
import { createRecordProvider } from "../../../providers/alwaysdata/record-provider";
import type { Bag as RawProps } from "../../../providers/base/inputs";

const API_KEY = "test-key-7f3a";
const TARGET = "my-app.osc-fr1.scalingo.io.";

let emulator: AlwaysdataEmulator | undefined;

afterEach(async () => {
  vi.unstubAllEnvs();
  await emulator?.stop();
  emulator = undefined;
});

const start = async (options: Partial<AlwaysdataEmulatorOptions> = {}): Promise<AlwaysdataEmulator> => {
  emulator = await startAlwaysdataEmulator({
    apiKey: API_KEY,
    domains: ["example.com", "example.org"],
    ...options,
  });
  return emulator;
};

const configRequest = (values: Record<string, string>): ConfigureRequest => ({
  config: {
    get: (key) => values[key],
    require: (key) => {
      const value = values[key];
      if (value === undefined) throw new Error(`missing ${key}`);
      return value;
    },
  },
});

/** A provider configured as the Pulumi host would, from stack config. */
const providerFor = async (emu: AlwaysdataEmulator, values: Record<string, string> = {}) => {
  const provider = createRecordProvider();
  await provider.configure?.(
    configRequest({ "alwaysdata:apiKey": API_KEY, "alwaysdata:apiUrl": emu.url, ...values }),
  );
  return provider;
};

type Provider = Awaited<ReturnType<typeof providerFor>>;

const www: RawProps = {
  zone: "example.com",
  name: "www",
  type: "CNAME",
  value: TARGET,
  providerVersion: "1",
};

/** check then create, as the engine does; `__provider` rides along like in a real run. */
const up = async (provider: Provider, args: RawProps) => {
  const checked = await provider.check?.({}, { ...args, __provider: "exports.handler = () => provider;" });
  if (checked?.inputs === undefined) {
    throw new Error(`check failed: ${JSON.stringify(checked?.failures)}`);
  }
  return { inputs: checked.inputs, ...(await provider.create(checked.inputs)) };
};

const writes = (emu: AlwaysdataEmulator) => emu.requests().filter((r) => r.method !== "GET");

/** An out-of-band change, as someone would make it in the admin or another client. */
const apiCall = async (emu: AlwaysdataEmulator, method: string, path: string, body?: unknown) => {
  const response = await fetch(`${emu.url}${path}`, {
    method,
    headers: { Authorization: `Basic ${Buffer.from(`${API_KEY}:`).toString("base64")}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status).toBeLessThan(300);
};

describe("create", () => {
  it("creates a CNAME with the relative host name and returns full outputs", async () => {
    const emu = await start();
    const { id, outs } = await up(await providerFor(emu), www);
    const [record] = emu.records();
    expect(record).toMatchObject({
      id: Number(id),
      domain: 100,
      type: "CNAME",
      name: "www",
      value: TARGET,
      ttl: 300,
    });
    expect(outs).toEqual({
      ...www,
      adopt: false,
      recordId: Number(id),
      domainId: 100,
      fqdn: "www.example.com",
    });
    expect(Object.values(outs ?? {})).not.toContain(undefined);
    expect(JSON.stringify(outs)).not.toContain(API_KEY);
    expect(emu.requests()).toEqual([
      { method: "GET", path: "/v1/domain/", status: 200 },
      { method: "GET", path: "/v1/record/?domain=100", status: 200 },
      { method: "POST", path: "/v1/record/", status: 201 },
    ]);
  });

  it.each([
    ["www.example.com.", "CNAME", "www", "www.example.com"],
    ["www.example.com", "CNAME", "www", "www.example.com"],
    ["@", "ALIAS", "", "example.com"],
    ["example.com.", "ALIAS", "", "example.com"],
  ])("sends name %j (%s) as host %j", async (name, type, host, fqdn) => {
    const emu = await start();
    const { outs } = await up(await providerFor(emu), { ...www, name, type });
    expect(emu.records()[0]?.name).toBe(host);
    expect(outs?.fqdn).toBe(fqdn);
    expect(outs?.name).toBe(name);
  });

  it("reads the id from a JSON body when the API sends one", async () => {
    const emu = await start({ createResponse: "json" });
    const { id } = await up(await providerFor(emu), { ...www, ttl: 600 });
    expect(emu.records()).toEqual([expect.objectContaining({ id: Number(id), ttl: 600 })]);
  });

  it("fails naming the zone and the account's domains when the zone is not there", async () => {
    const emu = await start();
    await expect(up(await providerFor(emu), { ...www, zone: "example.net" })).rejects.toThrow(
      'create record "www.example.net" (CNAME): zone "example.net" is not a domain of this Alwaysdata account (domains: example.com, example.org)',
    );
    expect(writes(emu)).toEqual([]);
  });

  it("does not duplicate a record when the POST was applied but its response lost", async () => {
    const emu = await start();
    emu.failNext({ method: "POST", status: 502, afterApply: true });
    const { id } = await up(await providerFor(emu), www);
    expect(emu.records().map((r) => r.id)).toEqual([Number(id)]);
    expect(writes(emu)).toEqual([{ method: "POST", path: "/v1/record/", status: 502 }]);
  });

  it("creates again after a failed POST only when the record is not there", async () => {
    const emu = await start();
    emu.failNext({ method: "POST", status: 503 });
    const { id } = await up(await providerFor(emu), www);
    expect(emu.records().map((r) => r.id)).toEqual([Number(id)]);
    expect(writes(emu).map((r) => r.status)).toEqual([503, 201]);
  });
});

describe("credentials", () => {
  it("fails with the operation, method, path, status, API message and a fix on a wrong key", async () => {
    const emu = await start();
    const provider = await providerFor(emu, { "alwaysdata:apiKey": "wrong-key" });
    const failure = up(provider, www);
    await expect(failure).rejects.toThrow(
      'create record "www.example.com" (CNAME): GET /v1/domain/ failed: 401 (Invalid token.). Check the API key (`pulumi config set alwaysdata:apiKey --secret <key>` or ALWAYSDATA_API_KEY)',
    );
    await expect(failure).rejects.toMatchObject({ name: "AlwaysdataApiError", status: 401 });
    expect(emu.requests()).toEqual([{ method: "GET", path: "/v1/domain/", status: 401 }]);
  });

  it("sends the account in the Basic user name, from the environment when there is no stack config", async () => {
    const emu = await start({ account: "shop" });
    vi.stubEnv("ALWAYSDATA_API_KEY", API_KEY);
    vi.stubEnv("ALWAYSDATA_API_URL", emu.url);
    vi.stubEnv("ALWAYSDATA_ACCOUNT", "other");
    await expect(up(createRecordProvider(), www)).rejects.toThrow("failed: 401 (Unknown account: other.)");
    vi.stubEnv("ALWAYSDATA_ACCOUNT", "shop");
    const { id } = await up(createRecordProvider(), www);
    expect(emu.records()[0]?.id).toBe(Number(id));
  });

  it("explains a missing key before any request", async () => {
    const emu = await start();
    vi.stubEnv("ALWAYSDATA_API_KEY", "");
    const provider = createRecordProvider();
    await provider.configure?.(configRequest({ "alwaysdata:apiUrl": emu.url }));
    await expect(up(provider, www)).rejects.toThrow("Alwaysdata API key missing");
    expect(emu.requests()).toEqual([]);
  });
});

describe("rate limit", () => {
  it("retries 429 answers after Retry-After and succeeds", async () => {
    const emu = await start({ rateLimitPerMinute: 2, rateWindowMs: 400 });
    const { id } = await up(await providerFor(emu), www);
    expect(emu.records()[0]?.id).toBe(Number(id));
    const statuses = emu.requests().map((r) => r.status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((s) => s !== 429)).toEqual([200, 200, 201]);
  });
});

describe("read", () => {
  it("returns id, props and inputs unchanged when nothing drifted", async () => {
    const emu = await start();
    const provider = await providerFor(emu);
    const { id, outs, inputs } = await up(provider, www);
    expect(await provider.read?.(id, outs)).toEqual({ id, props: outs, inputs });
  });

  it("picks up a value changed outside Pulumi, keeping an unset TTL unset", async () => {
    const emu = await start();
    const provider = await providerFor(emu);
    const { id, outs } = await up(provider, www);
    await apiCall(emu, "PUT", `/record/${id}/`, {
      domain: 100,
      type: "CNAME",
      name: "www",
      value: "x.example.net.",
      ttl: 60,
    });
    const read = await provider.read?.(id, outs);
    expect(read?.props).toMatchObject({ value: "x.example.net.", recordId: Number(id) });
    expect(read?.inputs).toMatchObject({ value: "x.example.net." });
    expect(read?.inputs).not.toHaveProperty("ttl");
  });

  it("refreshes a name changed by hand, so that the next diff replaces the record", async () => {
    const emu = await start();
    const provider = await providerFor(emu);
    const { id, outs } = await up(provider, www);
    await apiCall(emu, "PUT", `/record/${id}/`, { domain: 100, type: "CNAME", name: "shop", value: TARGET });
    const read = await provider.read?.(id, outs);
    expect(read?.props).toMatchObject({ name: "shop", fqdn: "shop.example.com" });
    expect(await provider.diff?.(id, read?.props ?? {}, { ...www, adopt: false })).toMatchObject({
      changes: true,
      replaces: ["name"],
    });
  });

  it("finds the record again under the fully qualified name form (lego) when its id changed", async () => {
    const emu = await start();
    const provider = await providerFor(emu);
    const { id, outs } = await up(provider, www);
    await apiCall(emu, "DELETE", `/record/${id}/`);
    const lego = emu.addRecord({
      zone: "example.com",
      type: "CNAME",
      name: "www.example.com.",
      value: TARGET,
    });
    const read = await provider.read?.(id, outs);
    expect(read?.id).toBe(String(lego.id));
    expect(read?.props).toMatchObject({ recordId: lego.id, fqdn: "www.example.com" });
  });

  it("reports a record deleted outside Pulumi as gone", async () => {
    const emu = await start();
    const provider = await providerFor(emu);
    const { id, outs } = await up(provider, www);
    await apiCall(emu, "DELETE", `/record/${id}/`);
    expect(await provider.read?.(id, outs)).toEqual({});
  });
});

describe("update and diff", () => {
  it("updates value and TTL in place with one PUT and returns full outputs", async () => {
    const emu = await start();
    const provider = await providerFor(emu);
    const { id, outs } = await up(provider, www);
    const news = { ...www, value: "other.osc-fr1.scalingo.io.", ttl: 120 };
    expect(await provider.diff?.(id, outs ?? {}, news)).toMatchObject({ changes: true, replaces: [] });
    const updated = await provider.update?.(id, outs ?? {}, { ...news, adopt: false });
    expect(updated?.outs).toEqual({
      ...news,
      adopt: false,
      recordId: Number(id),
      domainId: 100,
      fqdn: "www.example.com",
    });
    expect(emu.records()[0]).toMatchObject({ value: "other.osc-fr1.scalingo.io.", ttl: 120, name: "www" });
    expect(writes(emu).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      "POST /v1/record/ 201",
      `PUT /v1/record/${id}/ 204`,
    ]);
  });

  it("makes no request for a no-op diff, nor a write for an update that changes nothing remote", async () => {
    const emu = await start();
    const provider = await providerFor(emu);
    const { id, outs, inputs } = await up(provider, www);
    const before = emu.requests().length;
    const checked = await provider.check?.(outs ?? {}, { ...www, name: "www.example.com." });
    expect(await provider.diff?.(id, outs ?? {}, checked?.inputs ?? {})).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
    expect(emu.requests().length).toBe(before);
    const updated = await provider.update?.(id, outs ?? {}, { ...inputs, providerVersion: "2" });
    expect(updated?.outs).toMatchObject({ providerVersion: "2", recordId: Number(id) });
    expect(emu.requests().length).toBe(before);
  });

  it("fails an update of a record deleted outside Pulumi with the API's 404", async () => {
    const emu = await start();
    const provider = await providerFor(emu);
    const { id, outs, inputs } = await up(provider, www);
    await apiCall(emu, "DELETE", `/record/${id}/`);
    await expect(provider.update?.(id, outs ?? {}, { ...inputs, value: "x.example.net." })).rejects.toThrow(
      `update record "www.example.com" (CNAME): PUT /v1/record/${id}/ failed: 404 (Not found.).`,
    );
  });
});

describe("delete", () => {
  it("deletes the record, and counts a 404 as already done", async () => {
    const emu = await start();
    const provider = await providerFor(emu);
    const { id, outs } = await up(provider, www);
    await provider.delete?.(id, outs ?? {});
    expect(emu.records()).toEqual([]);
    await provider.delete?.(id, outs ?? {});
    expect(writes(emu).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      "POST /v1/record/ 201",
      `DELETE /v1/record/${id}/ 204`,
      `DELETE /v1/record/${id}/ 404`,
    ]);
  });
});

describe("adoption", () => {
  it("refuses to create over an existing record without adopt, explaining adopt", async () => {
    const emu = await start();
    const existing = emu.addRecord({
      zone: "example.com",
      type: "CNAME",
      name: "www",
      value: "old.example.net.",
    });
    await expect(up(await providerFor(emu), www)).rejects.toThrow(
      `create record "www.example.com" (CNAME): a matching record already exists in zone "example.com" (id ${existing.id}, name "www", value "old.example.net."). Set \`adopt: true\` to take it over`,
    );
    expect(writes(emu)).toEqual([]);
  });

  it("takes over an existing record (stored in FQDN form) with adopt, updating its value", async () => {
    const emu = await start();
    const existing = emu.addRecord({
      zone: "example.com",
      type: "CNAME",
      name: "www.example.com.",
      value: "old.",
    });
    const { id, outs } = await up(await providerFor(emu), { ...www, adopt: true });
    expect(id).toBe(String(existing.id));
    expect(outs).toMatchObject({ recordId: existing.id, adopt: true, fqdn: "www.example.com" });
    expect(emu.records()).toEqual([expect.objectContaining({ id: existing.id, name: "www", value: TARGET })]);
    expect(writes(emu).map((r) => r.method)).toEqual(["PUT"]);
  });

  it("adopts an identical record without writing", async () => {
    const emu = await start();
    const existing = emu.addRecord({ zone: "example.com", type: "CNAME", name: "www", value: TARGET });
    const { id } = await up(await providerFor(emu), { ...www, adopt: true });
    expect(id).toBe(String(existing.id));
    expect(writes(emu)).toEqual([]);
  });

  it("lets a second A record with another value coexist without adopt", async () => {
    const emu = await start();
    emu.addRecord({ zone: "example.com", type: "A", name: "api", value: "192.0.2.1" });
    await up(await providerFor(emu), { ...www, name: "api", type: "A", value: "192.0.2.2" });
    expect(emu.records().map((r) => r.value)).toEqual(["192.0.2.1", "192.0.2.2"]);
  });
});
