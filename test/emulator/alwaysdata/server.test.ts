import { afterEach, describe, expect, it } from "vitest";
import {
  type AlwaysdataEmulator,
  type AlwaysdataEmulatorOptions,
  startAlwaysdataEmulator,
} from "../../../emulator/alwaysdata";

let emulator: AlwaysdataEmulator | undefined;
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
});

const start = async (options: Partial<AlwaysdataEmulatorOptions> = {}) => {
  emulator = await startAlwaysdataEmulator({ apiKey: "key", domains: ["example.com"], ...options });
  return emulator;
};

const basic = (user: string) => `Basic ${Buffer.from(`${user}:`).toString("base64")}`;

/** One request with the right key (unless `user` says otherwise): status, headers and parsed body. */
async function call(emu: AlwaysdataEmulator, method: string, path: string, body?: unknown, user = "key") {
  const response = await fetch(`${emu.url}${path}`, {
    method,
    headers: { Authorization: basic(user), "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === "" ? undefined : JSON.parse(text),
  };
}

const www = { domain: 100, type: "CNAME", name: "www", value: "app.osc-fr1.scalingo.io." };

describe("the Alwaysdata emulator", () => {
  it.each([
    ["no credentials", undefined, "Authentication credentials were not provided."],
    ["a wrong key", "nope", "Invalid token."],
    ["a wrong account", "key account=other", "Unknown account: other."],
  ])("answers 401 for %s", async (_label, user, detail) => {
    const emu = await start({ account: "mine" });
    const response = await fetch(`${emu.url}/domain/`, {
      headers: user === undefined ? {} : { Authorization: basic(user) },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ detail });
  });

  it("lists the account's domains", async () => {
    const emu = await start({ domains: ["example.com", "example.org"] });
    expect((await call(emu, "GET", "/domain/")).body).toEqual([
      { id: 100, name: "example.com", href: "/v1/domain/100/" },
      { id: 101, name: "example.org", href: "/v1/domain/101/" },
    ]);
  });

  it("creates a record with 201, an empty body and a Location; refuses the same record twice", async () => {
    const emu = await start();
    const created = await call(emu, "POST", "/record/", www);
    expect(created.status).toBe(201);
    expect(created.body).toBeUndefined();
    expect(created.headers.get("location")).toBe(`${emu.url}/record/1000/`);
    expect(await call(emu, "POST", "/record/", www)).toMatchObject({
      status: 400,
      body: { non_field_errors: ["This record already exists."] },
    });
    expect((await call(emu, "GET", "/record/1000/")).body).toEqual({
      ...www,
      id: 1000,
      domain: { href: "/v1/domain/100/" },
      ttl: 300,
      priority: null,
      annotation: "",
      href: "/v1/record/1000/",
    });
  });

  it("answers 400 with every bad field", async () => {
    const emu = await start();
    expect(await call(emu, "POST", "/record/", { domain: 7, type: "SPF", name: 1 })).toMatchObject({
      status: 400,
      body: {
        domain: ['Invalid pk "7" - object does not exist.'],
        type: ["Invalid choice."],
        value: ["This field is required."],
        name: ["Not a valid string."],
      },
    });
  });

  it("updates with PUT, deletes with DELETE, 404 for an unknown ID, 405 for PATCH", async () => {
    const emu = await start();
    const record = emu.addRecord({ zone: "example.com", type: "CNAME", name: "www", value: "a." });
    expect((await call(emu, "PUT", `/record/${record.id}/`, { ...www, ttl: 600 })).status).toBe(204);
    expect(emu.records()).toEqual([expect.objectContaining({ id: record.id, ttl: 600, value: www.value })]);
    expect((await call(emu, "PATCH", `/record/${record.id}/`, {})).status).toBe(405);
    expect((await call(emu, "DELETE", `/record/${record.id}`)).status).toBe(204);
    expect((await call(emu, "GET", `/record/${record.id}/`)).status).toBe(404);
    expect(emu.records()).toEqual([]);
  });

  it("throttles above the rate limit with a Retry-After", async () => {
    const emu = await start({ rateLimitPerMinute: 1, rateWindowMs: 60_000 });
    expect((await call(emu, "GET", "/domain/")).status).toBe(200);
    const throttled = await call(emu, "GET", "/domain/");
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("retry-after")).toBe("60");
  });

  it("fails the next request of a method once, after applying it when asked", async () => {
    const emu = await start();
    emu.failNext({ method: "POST", status: 502, afterApply: true });
    expect((await call(emu, "POST", "/record/", www)).status).toBe(502);
    expect(emu.records()).toHaveLength(1);
    expect(emu.requests().map((r) => r.status)).toEqual([502]);
  });

  it("refuses a hand-made record in an unknown zone", async () => {
    const emu = await start();
    expect(() => emu.addRecord({ zone: "example.org", type: "A", name: "", value: "1.2.3.4" })).toThrow(
      "emulator: unknown zone example.org",
    );
  });
});
