import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../../emulator/scalingo/index";
import type { TestClient } from "./helpers";
import { createApp, request, setup } from "./helpers";

describe("control endpoints", () => {
  let emulator: RunningEmulator;
  let api: TestClient;
  beforeAll(async () => {
    ({ emulator, api } = await setup());
  });
  beforeEach(async () => {
    await api.control("POST", "reset");
    await createApp(api, "control-app");
  });
  afterAll(() => emulator.stop());

  it("GET state returns every region and app with each object in the API's shape", async () => {
    await api.call("POST", "/v1/apps/control-app/variables", { variable: { name: "A", value: "1" } });
    const state = (await api.control("GET", "state")).json;
    expect(Object.keys(state.regions)).toEqual(["osc-fr1", "osc-secnum-fr1"]);
    const app = state.regions["osc-fr1"].apps["control-app"];
    expect(app).toMatchObject({
      app: { name: "control-app" },
      variables: [{ name: "A", value: "1" }],
      addons: [],
      containers: [],
      domains: [],
      deployments: [],
      scm_repo_link: null,
      collaborators: [],
      notifiers: [],
      alerts: [],
      log_drains: [],
      autoscalers: [],
    });
  });

  it("logs every API request, the token exchange included, but no control request", async () => {
    await api.control("DELETE", "requests");
    await request(
      `${api.url}/v1/tokens/exchange`,
      "POST",
      {},
      { Authorization: `Basic ${Buffer.from(":tk").toString("base64")}` },
    );
    await api.call("GET", "/v1/apps/control-app/variables?aliases=false");
    await api.call("GET", "/v1/apps/missing-app");
    await api.control("GET", "state");
    const { requests } = (await api.control("GET", "requests")).json;
    expect(
      requests.map((r: { method: string; path: string; status: number; query: string }) => [
        r.method,
        r.path,
        r.status,
        r.query,
      ]),
    ).toEqual([
      ["POST", "/v1/tokens/exchange", 200, ""],
      ["GET", "/v1/apps/control-app/variables", 200, "aliases=false"],
      ["GET", "/v1/apps/missing-app", 404, ""],
    ]);
    expect(requests[0]).toEqual({
      method: "POST",
      path: "/v1/tokens/exchange",
      query: "",
      status: 200,
      ms: expect.any(Number),
      at: expect.any(String),
    });
  });

  it("reset clears apps and the log", async () => {
    expect((await api.control("POST", "reset")).status).toBe(200);
    expect((await api.control("GET", "requests")).json.requests).toEqual([]);
    expect((await api.call("GET", "/v1/apps")).json.apps).toEqual([]);
  });

  it("drift changes or deletes one object of each kind out of band", async () => {
    await api.call("PUT", "/v1/apps/control-app/variables", {
      variables: [
        { name: "KEEP", value: "1" },
        { name: "GONE", value: "2" },
      ],
    });
    await api.call("POST", "/v1/apps/control-app/scale", { containers: [{ name: "web", amount: 1 }] });
    await api.call("POST", "/v1/apps/control-app/domains", { domain: { name: "drift.example.com" } });
    const plans = (await api.call("GET", "/v1/addon_providers/redis/plans")).json.plans;
    const sandbox = plans.find((p: { name: string }) => p.name === "redis-sandbox");
    await api.call("POST", "/v1/apps/control-app/addons", {
      addon: { addon_provider_id: "redis", plan_id: sandbox.id },
    });
    const drift = (body: object) => api.control("POST", "drift", { app: "control-app", ...body });

    expect((await drift({ kind: "app", set: { force_https: true } })).status).toBe(200);
    expect((await drift({ kind: "variable", key: "KEEP", set: { value: "changed" } })).status).toBe(200);
    expect((await drift({ kind: "variable", key: "GONE", delete: true })).status).toBe(200);
    expect((await drift({ kind: "variable", key: "NEW", set: { value: "x" } })).status).toBe(200);
    expect((await drift({ kind: "formation", key: "web", set: { amount: 4 } })).status).toBe(200);
    expect((await drift({ kind: "domain", key: "drift.example.com", set: { canonical: true } })).status).toBe(
      200,
    );
    expect(
      (await drift({ kind: "addon", key: "scalingo-redis", set: { plan: "redis-starter-512" } })).status,
    ).toBe(200);

    expect((await api.call("GET", "/v1/apps/control-app")).json.app.force_https).toBe(true);
    const vars = (await api.call("GET", "/v1/apps/control-app/variables")).json.variables;
    const byName = Object.fromEntries(vars.map((v: { name: string; value: string }) => [v.name, v.value]));
    expect(byName).toMatchObject({ KEEP: "changed", NEW: "x" });
    expect(byName).not.toHaveProperty("GONE");
    expect((await api.call("GET", "/v1/apps/control-app/containers")).json.containers[0].amount).toBe(4);
    expect((await api.call("GET", "/v1/apps/control-app/domains")).json.domains[0].canonical).toBe(true);
    expect((await api.call("GET", "/v1/apps/control-app/addons")).json.addons[0].plan.name).toBe(
      "redis-starter-512",
    );

    expect((await drift({ kind: "domain", key: "drift.example.com", delete: true })).status).toBe(200);
    expect((await api.call("GET", "/v1/apps/control-app/domains")).json.domains).toEqual([]);
    expect((await drift({ kind: "app", delete: true })).status).toBe(200);
    expect((await api.call("GET", "/v1/apps/control-app")).status).toBe(404);
  });

  it("drift answers 400 on a malformed request and 404 on an unknown target", async () => {
    expect((await api.control("POST", "drift", { app: "control-app", kind: "nope", set: {} })).status).toBe(
      400,
    );
    expect(
      (await api.control("POST", "drift", { app: "control-app", kind: "variable", set: {} })).status,
    ).toBe(400);
    expect((await api.control("POST", "drift", { app: "missing-app", kind: "app", set: {} })).status).toBe(
      404,
    );
    expect(
      (
        await api.control("POST", "drift", {
          app: "control-app",
          kind: "domain",
          key: "no.example.com",
          delete: true,
        })
      ).status,
    ).toBe(404);
  });

  it("scripted faults: before the write nothing is stored, after the write the object exists but the response is lost", async () => {
    const armed = await api.control("POST", "faults", {
      method: "POST",
      path: "/v1/apps/control-app/variables",
      times: 1,
      status: 503,
      when: "before",
    });
    expect(armed.status).toBe(201);
    const before = await api.call("POST", "/v1/apps/control-app/variables", {
      variable: { name: "B", value: "1" },
    });
    expect(before.status).toBe(503);
    expect((await api.call("GET", "/v1/apps/control-app/variables")).json.variables).toEqual([]);

    await api.control("POST", "faults", {
      method: "POST",
      path: "/\\/variables$/",
      times: 1,
      drop: true,
      when: "after",
    });
    await expect(
      api.call("POST", "/v1/apps/control-app/variables", { variable: { name: "C", value: "1" } }),
    ).rejects.toThrow();
    const stored = (await api.call("GET", "/v1/apps/control-app/variables")).json.variables;
    expect(stored.map((v: { name: string }) => v.name)).toEqual(["C"]);

    await api.control("POST", "faults", { path: "/v1/apps", times: 2, status: 500 });
    expect((await api.control("GET", "faults")).json.faults).toHaveLength(1);
    expect((await api.call("GET", "/v1/apps")).status).toBe(500);
    expect((await api.control("GET", "state")).status).toBe(200);
    await api.control("DELETE", "faults");
    expect((await api.call("GET", "/v1/apps")).status).toBe(200);
    const log = (await api.control("GET", "requests")).json.requests.map((r: { status: number }) => r.status);
    expect(log).toContain(0);
  });

  it("refuses a malformed fault", async () => {
    expect((await api.control("POST", "faults", { method: "GET" })).status).toBe(400);
    expect((await api.control("POST", "faults", { path: "/x", when: "during" })).status).toBe(400);
    expect((await api.control("POST", "faults", { path: "/(/", times: 1 })).status).toBe(400);
  });
});
