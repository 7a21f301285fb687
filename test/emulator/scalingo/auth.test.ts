import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../../emulator/scalingo/index";
import { startEmulator } from "../../../emulator/scalingo/index";
import { clientFor, exchange, FAST, request } from "./helpers";

describe("auth API", () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator(FAST);
  });
  afterAll(() => emulator.stop());

  it("exchanges any non-empty API token for a JWT whose exp is --token-ttl-s ahead", async () => {
    const token = await exchange(emulator.url, "tk-us-anything");
    const [, payload = ""] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    expect(claims.exp - claims.iat).toBe(3600);
  });

  it("refuses an empty API token with 401", async () => {
    const basic = Buffer.from(":").toString("base64");
    const response = await request(
      `${emulator.url}/v1/tokens/exchange`,
      "POST",
      {},
      { Authorization: `Basic ${basic}` },
    );
    expect(response.status).toBe(401);
    expect(response.json.error).toBeTypeOf("string");
  });

  it("lists both regions with the emulator's own API and DB-API URLs to a user, the public one to anyone", async () => {
    const anonymous = await request(`${emulator.url}/v1/regions`, "GET");
    expect(anonymous.json.regions).toEqual([expect.objectContaining({ name: "osc-fr1", api: emulator.url })]);
    const api = await clientFor(emulator);
    const response = await api.call("GET", "/v1/regions");
    expect(response.json.regions).toEqual([
      expect.objectContaining({
        name: "osc-fr1",
        api: emulator.url,
        database_api: emulator.url,
        default: true,
      }),
      expect.objectContaining({
        name: "osc-secnum-fr1",
        api: `${emulator.url}/osc-secnum-fr1`,
        database_api: `${emulator.url}/osc-secnum-fr1`,
      }),
    ]);
  });

  it("answers 401 without a bearer, with a forged one, and returns the user with a valid one", async () => {
    const api = await clientFor(emulator);
    expect((await request(`${emulator.url}/v1/apps`, "GET")).status).toBe(401);
    const forged = `${api.token.slice(0, -4)}AAAA`;
    expect(
      (await request(`${emulator.url}/v1/apps`, "GET", undefined, { Authorization: `Bearer ${forged}` }))
        .status,
    ).toBe(401);
    const self = await api.call("GET", "/v1/users/self");
    expect(self.json.user).toMatchObject({ username: "emulator", email: "emulator@example.com" });
  });

  it("serves anonymous catalog endpoints without a token", async () => {
    for (const path of [
      "/v1/addon_providers",
      "/v1/features/stacks",
      "/v1/features/container_sizes",
      "/v1/notification_platforms",
    ]) {
      expect((await request(`${emulator.url}${path}`, "GET")).status, path).toBe(200);
    }
  });
});

describe("token expiry and rate limit", () => {
  it("answers 401 once the JWT has expired", async () => {
    const emulator = await startEmulator({ ...FAST, tokenTtlS: 0 });
    try {
      const api = await clientFor(emulator);
      const response = await api.call("GET", "/v1/apps");
      expect(response.status).toBe(401);
      expect(response.json).toEqual({ error: "token expired" });
    } finally {
      await emulator.stop();
    }
  });

  it("answers 429 'Retry later' in plain text above the per-token limit, counting each API token apart", async () => {
    const emulator = await startEmulator({ ...FAST, rateLimit: 3 });
    try {
      const api = await clientFor(emulator, "tk-us-one"); // the exchange is request 1
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await api.call("GET", "/v1/apps")).status);
      expect(statuses).toEqual([200, 200, 429]);
      const limited = await api.call("GET", "/v1/apps");
      expect(limited.text).toBe("Retry later");
      expect(limited.headers.get("content-type")).toMatch(/^text\/plain/);
      const other = await clientFor(emulator, "tk-us-two");
      expect((await other.call("GET", "/v1/apps")).status).toBe(200);
      await other.control("POST", "reset");
      expect((await api.call("GET", "/v1/apps")).status).toBe(200);
    } finally {
      await emulator.stop();
    }
  });
});
