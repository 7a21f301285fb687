/**
 * The HTTP client under the emulator's scripted faults: rate limiting, server errors, dropped connections
 * before and after a create was applied, expired tokens. Every create must converge without duplicates.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { addonProvider } from "../../../providers/scalingo/addon-provider";
import { appProvider } from "../../../providers/scalingo/app-provider";
import { domainProvider } from "../../../providers/scalingo/domain-provider";
import { sessionOf } from "../../../providers/scalingo/session";
import { appsOf, type Harness, rejection, startHarness } from "./harness";

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});
beforeEach(async () => {
  await h.reset();
  await h.configure([appProvider, addonProvider, domainProvider]);
});

const app = { name: "shop-staging", region: "osc-fr1", __provider: "code" };
/** `METHOD path status` of the calls to `path` (exact), in order. */
const trace = async (method: string, path: string) =>
  (await h.requests()).filter((r) => r.method === method && r.path === path).map((r) => r.status);

describe("rate limiting and server errors", () => {
  it("retries a create refused by a 429 burst, which never applied it", async () => {
    await h.fault({ method: "POST", path: "/v1/apps", status: 429, times: 3 });
    const { id } = await appProvider.create(app);
    expect(await trace("POST", "/v1/apps")).toEqual([429, 429, 429, 201]);
    expect(Object.keys(await appsOf(h))).toEqual(["shop-staging"]);
    expect(id).toBe((await appsOf(h))["shop-staging"]?.app.id);
  });

  it("retries reads through 429 and 5xx bursts", async () => {
    const { id, outs } = await appProvider.create(app);
    await h.clearRequests();
    await h.fault({ method: "GET", path: `/v1/apps/${id}`, status: 429, times: 2 });
    await h.fault({ method: "GET", path: `/v1/apps/${id}`, status: 503, times: 2 });
    expect((await appProvider.read(id, outs ?? {})).id).toBe(id);
    expect(await trace("GET", `/v1/apps/${id}`)).toEqual([429, 429, 503, 503, 200]);
  });

  it("looks a create up after a 500 that did not apply it, then creates it once", async () => {
    await h.fault({ method: "POST", path: "/v1/apps", status: 500, times: 1, when: "before" });
    await appProvider.create(app);
    expect(await trace("POST", "/v1/apps")).toEqual([500, 201]);
    expect(await trace("GET", "/v1/apps/shop-staging")).toEqual([404, 404]);
    expect(Object.keys(await appsOf(h))).toEqual(["shop-staging"]);
  });

  it("finds the object after a 500 that did apply the create, and does not create it again", async () => {
    await h.fault({ method: "POST", path: "/v1/apps", status: 500, times: 1, when: "after" });
    const { id } = await appProvider.create(app);
    expect(await trace("POST", "/v1/apps")).toEqual([500]);
    expect(id).toBe((await appsOf(h))["shop-staging"]?.app.id);
  });

  it("gives up on a create that keeps failing, with Scalingo's message", async () => {
    await h.fault({ method: "POST", path: "/v1/apps", status: 500, times: 10 });
    const error = await rejection(appProvider.create(app));
    expect(error.message).toBe(
      'create app "shop-staging": POST /v1/apps failed: 500 (Internal error occured, we\'re on it!)',
    );
    expect(await trace("POST", "/v1/apps")).toEqual([500, 500, 500, 500]);
    expect(await appsOf(h)).toEqual({});
  });
});

describe("connections dropped around a create", () => {
  it("app: dropped before it was applied → created once", async () => {
    await h.fault({ method: "POST", path: "/v1/apps", drop: true, when: "before" });
    await appProvider.create(app);
    expect(await trace("POST", "/v1/apps")).toEqual([0, 201]);
    expect(Object.keys(await appsOf(h))).toEqual(["shop-staging"]);
  });

  it("app: dropped after it was applied → found by name, not created again", async () => {
    await h.fault({ method: "POST", path: "/v1/apps", drop: true, when: "after" });
    const { id, outs } = await appProvider.create(app);
    expect(await trace("POST", "/v1/apps")).toEqual([0]);
    expect(outs).toMatchObject({ appId: id, forceHttps: true });
  });

  it("add-on and domain: dropped after they were applied → no duplicate", async () => {
    const { id: appId } = await appProvider.create(app);
    const addons = `/v1/apps/${appId}/addons`;
    const domains = `/v1/apps/${appId}/domains`;
    await h.fault({ method: "POST", path: addons, drop: true, when: "after" });
    await h.fault({ method: "POST", path: domains, drop: true, when: "after" });
    const addon = await addonProvider.create({
      appId,
      region: "osc-fr1",
      provider: "redis",
      plan: "redis-sandbox",
    });
    const domain = await domainProvider.create({ appId, region: "osc-fr1", name: "www.example.com" });
    expect(await trace("POST", addons)).toEqual([0]);
    expect(await trace("POST", domains)).toEqual([0]);
    const stored = (await appsOf(h))["shop-staging"];
    expect(stored?.addons.map((a) => a.id)).toEqual([addon.id]);
    expect(stored?.domains.map((d) => d.id)).toEqual([domain.id]);
    expect(addon.outs?.status).toBe("running");
  });

  it("add-on and domain: dropped before they were applied → created once", async () => {
    const { id: appId } = await appProvider.create(app);
    const addons = `/v1/apps/${appId}/addons`;
    await h.fault({ method: "POST", path: addons, drop: true, when: "before" });
    await h.fault({ method: "POST", path: `/v1/apps/${appId}/domains`, drop: true, when: "before" });
    await addonProvider.create({ appId, region: "osc-fr1", provider: "redis", plan: "redis-sandbox" });
    await domainProvider.create({ appId, region: "osc-fr1", name: "www.example.com" });
    expect(await trace("POST", addons)).toEqual([0, 201]);
    const stored = (await appsOf(h))["shop-staging"];
    expect(stored?.addons).toHaveLength(1);
    expect(stored?.domains).toHaveLength(1);
  });

  it("fails with Pulumi's 'created but failed to initialize' shape when a step after the create fails", async () => {
    await h.fault({ method: "PATCH", path: "/v1/apps/", status: 422, times: 1 });
    const error = await rejection(appProvider.create(app));
    const stored = (await appsOf(h))["shop-staging"];
    expect(error.id).toBe(stored?.app.id);
    expect(error.reasons).toEqual([error.message]);
    expect(error.properties).toMatchObject({
      appId: stored?.app.id,
      name: "shop-staging",
      __provider: "code",
    });
    expect(error.message).toMatch(/^create app "shop-staging": PATCH \/v1\/apps\/\w+ failed: 422 /);
  });
});

describe("tokens", () => {
  it("exchanges the API token once and reuses the bearer", async () => {
    await appProvider.create(app);
    await appProvider.read((await appsOf(h))["shop-staging"]?.app.id ?? "", app);
    expect(await trace("POST", "/v1/tokens/exchange")).toEqual([200]);
  });

  it("shares one exchange and one region list between the resource types of a run", async () => {
    const { id: appId } = await appProvider.create(app);
    await addonProvider.create({ appId, region: "osc-fr1", provider: "redis", plan: "redis-sandbox" });
    await domainProvider.create({ appId, region: "osc-fr1", name: "www.example.com" });
    expect(await trace("POST", "/v1/tokens/exchange")).toEqual([200]);
    expect(await trace("GET", "/v1/regions")).toEqual([200]);
  });

  it("re-exchanges on a 401 and replays the call", async () => {
    const { id, outs } = await appProvider.create(app);
    await h.fault({ method: "GET", path: `/v1/apps/${id}`, status: 401, times: 1 });
    expect((await appProvider.read(id, outs ?? {})).id).toBe(id);
    expect(await trace("POST", "/v1/tokens/exchange")).toEqual([200, 200]);
    expect(await trace("GET", `/v1/apps/${id}`)).toEqual([401, 200]);
  });

  it("fails clearly when there is no token", async () => {
    await h.configure([appProvider], { "scalingo:apiToken": "" });
    const error = await rejection(appProvider.create(app));
    expect(error.message).toBe(
      "No Scalingo API token: run `pulumi config set scalingo:apiToken --secret` or set SCALINGO_API_TOKEN",
    );
  });

  it("fails clearly when the token is refused, without showing it", async () => {
    await h.fault({ method: "POST", path: "/v1/tokens/exchange", status: 401, times: 1 });
    const error = await rejection(appProvider.create(app));
    expect(error.message).toBe(
      "exchange the Scalingo API token: POST /v1/tokens/exchange failed: 401 (token has expired or is invalid)",
    );
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain("tk-us-");
  });
});

describe("tokens that expire (tokenTtlS: 1)", () => {
  let short: Harness;
  beforeAll(async () => {
    short = await startHarness({ tokenTtlS: 1 });
  });
  afterAll(async () => {
    await short.stop();
  });

  it("renews a bearer before it expires, and once more when the API says it expired", async () => {
    await short.configure([appProvider]);
    const { id, outs } = await appProvider.create(app);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await appProvider.read(id, outs ?? {})).id).toBe(id);
    const exchanges = (await short.requests()).filter((r) => r.path === "/v1/tokens/exchange");
    expect(exchanges.length).toBe(2);

    // Pretend the bearer is fresh although it has expired: the API answers 401 and the client re-exchanges.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const { auth } = sessionOf(appProvider);
    if (auth.bearer !== undefined) auth.bearer.refreshAt = Number.MAX_SAFE_INTEGER;
    auth.reads?.snapshots.clear(); // else the read shares the first one's answer (one refresh reads once)
    await short.clearRequests();
    expect((await appProvider.read(id, outs ?? {})).id).toBe(id);
    const calls = (await short.requests()).map((r) => `${r.method} ${r.path} ${r.status}`);
    expect(calls).toEqual([
      `GET /v1/apps/${id} 401`,
      "POST /v1/tokens/exchange 200",
      `GET /v1/apps/${id} 200`,
    ]);
  });
});
