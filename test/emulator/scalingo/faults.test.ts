import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../../emulator/scalingo/index";
import { startEmulator } from "../../../emulator/scalingo/index";
import type { ApiResponse } from "./helpers";
import { FAST, request } from "./helpers";

const FAULT_STATUSES = [500, 502, 503];

/** One attempt; `undefined` when it hit an injected fault (5xx or a dropped connection). */
async function attempt(send: () => Promise<ApiResponse>): Promise<ApiResponse | undefined> {
  try {
    const response = await send();
    return FAULT_STATUSES.includes(response.status) ? undefined : response;
  } catch {
    return undefined;
  }
}

/**
 * Sends until a non-fault answer; after a fault, `found` (a lookup) tells whether the write was applied anyway,
 * as a careful client does before re-sending a POST.
 */
async function robust(send: () => Promise<ApiResponse>, found?: () => Promise<boolean>): Promise<void> {
  for (let tries = 0; tries < 60; tries++) {
    const response = await attempt(send);
    if (response !== undefined) {
      if (response.status >= 400 && response.status !== 400)
        throw new Error(`unexpected ${response.status}: ${response.text}`);
      return;
    }
    if (found !== undefined && (await found())) return;
  }
  throw new Error("still failing after 60 tries");
}

/** GET with retries; returns the JSON. */
async function get(url: string, token: string) {
  for (let tries = 0; tries < 60; tries++) {
    const response = await attempt(() =>
      request(url, "GET", undefined, { Authorization: `Bearer ${token}` }),
    );
    if (response !== undefined) return response.json;
  }
  throw new Error(`GET ${url} still failing after 60 tries`);
}

describe("under --fault-rate 0.2", () => {
  let emulator: RunningEmulator;
  let token = "";
  beforeAll(async () => {
    emulator = await startEmulator({ ...FAST, faultRate: 0.2, faultSeed: 42 });
    for (let tries = 0; tries < 60 && token === ""; tries++) {
      const basic = Buffer.from(":tk-us-faults").toString("base64");
      const response = await attempt(() =>
        request(`${emulator.url}/v1/tokens/exchange`, "POST", {}, { Authorization: `Basic ${basic}` }),
      );
      token = response?.json.token ?? "";
    }
  });
  afterAll(() => emulator.stop());

  const call = (method: string, path: string, body?: unknown) =>
    request(`${emulator.url}${path}`, method, body, { Authorization: `Bearer ${token}` });

  async function populate(name: string, planId: string): Promise<void> {
    const app = `/v1/apps/${name}`;
    await robust(
      () => call("POST", "/v1/apps", { app: { name } }),
      async () => (await attempt(() => call("GET", app)))?.status === 200,
    );
    await robust(() =>
      call("PUT", `${app}/variables`, {
        variables: [
          { name: "A", value: `${name}-a` },
          { name: "B", value: "b" },
        ],
      }),
    );
    await robust(
      () => call("POST", `${app}/variables`, { variable: { name: "C", value: `${name}-c` } }),
      async () =>
        (await get(`${emulator.url}${app}/variables`, token)).variables.some(
          (v: { name: string }) => v.name === "C",
        ),
    );
    await robust(
      () => call("POST", `${app}/addons`, { addon: { addon_provider_id: "postgresql", plan_id: planId } }),
      async () => (await get(`${emulator.url}${app}/addons`, token)).addons.length === 1,
    );
    await robust(() => call("POST", `${app}/scale`, { containers: [{ name: "web", amount: 2, size: "L" }] }));
    await robust(
      () => call("POST", `${app}/domains`, { domain: { name: `${name}.example.com`, canonical: true } }),
      async () => (await get(`${emulator.url}${app}/domains`, token)).domains.length === 1,
    );
    await robust(() => call("PUT", app, { force_https: true }));
  }

  /** What must hold for an app populated above. */
  function checkApp(state: Record<string, never>, name: string): void {
    const stored = state[name] as unknown as {
      app: { force_https: boolean };
      variables: { name: string; value: string }[];
      addons: { plan: { name: string } }[];
      containers: { name: string; amount: number; size: string }[];
      domains: { name: string; canonical: boolean }[];
    };
    expect(stored.app.force_https, name).toBe(true);
    const vars = Object.fromEntries(stored.variables.map((v) => [v.name, v.value]));
    expect(vars, name).toMatchObject({
      A: `${name}-a`,
      B: "b",
      C: `${name}-c`,
      DATABASE_URL: "$SCALINGO_POSTGRESQL_URL",
    });
    expect(stored.variables, name).toHaveLength(5);
    expect(
      stored.addons.map((a) => a.plan.name),
      name,
    ).toEqual(["postgresql-sandbox"]);
    expect(
      stored.containers.map((c) => [c.name, c.amount, c.size]),
      name,
    ).toEqual([["web", 2, "L"]]);
    expect(
      stored.domains.map((d) => [d.name, d.canonical]),
      name,
    ).toEqual([[`${name}.example.com`, true]]);
  }

  it("keeps every stored object intact and complete after retried writes", async () => {
    expect(token).not.toBe("");
    const plans = (await get(`${emulator.url}/v1/addon_providers/postgresql/plans`, token)).plans;
    const planId = plans.find((p: { name: string }) => p.name === "postgresql-sandbox").id;
    const first = ["fault-app-1", "fault-app-2", "fault-app-3"];
    for (const name of first) await populate(name, planId);
    await new Promise((resolve) => setTimeout(resolve, 100)); // let provisioning and certificates settle
    const before = (await request(`${emulator.url}/__emulator/state`, "GET")).json.regions["osc-fr1"].apps;
    for (const name of ["fault-app-4", "fault-app-5", "fault-app-6"]) await populate(name, planId);
    const after = (await request(`${emulator.url}/__emulator/state`, "GET")).json.regions["osc-fr1"].apps;

    expect(Object.keys(after).sort()).toEqual([...first, "fault-app-4", "fault-app-5", "fault-app-6"]);
    for (const name of Object.keys(after)) checkApp(after, name);
    for (const name of first)
      expect(after[name], `${name} changed while others were written`).toEqual(before[name]);

    const statuses = (await request(`${emulator.url}/__emulator/requests`, "GET")).json.requests.map(
      (r: { status: number }) => r.status,
    );
    const faults = statuses.filter((s: number) => s === 0 || FAULT_STATUSES.includes(s));
    expect(faults.length).toBeGreaterThan(5);
    expect(faults).toContain(0);
  });
});
