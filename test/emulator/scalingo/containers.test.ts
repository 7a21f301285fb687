import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../../emulator/scalingo/index";
import type { TestClient } from "./helpers";
import { createApp, deploy, makeArchive, pollUntil, request, setup } from "./helpers";

const PROCFILE = "web: node server.js\nworker: node worker.js\n";

describe("containers, scale and operations", () => {
  let emulator: RunningEmulator;
  let api: TestClient;
  beforeAll(async () => {
    ({ emulator, api } = await setup());
  });
  beforeEach(async () => {
    await api.control("POST", "reset");
    await createApp(api, "scale-app");
  });
  afterAll(() => emulator.stop());

  const scale = (containers: object[], app = "scale-app") =>
    api.call("POST", `/v1/apps/${app}/scale`, { containers });

  it("before any deployment: any type, 200 without Location, and GET containers returns what was set", async () => {
    expect((await api.call("GET", "/v1/apps/scale-app/containers")).json).toEqual({ containers: [] });
    const response = await scale([
      { name: "web", amount: 0, size: "S" },
      { name: "clock", amount: 1 },
    ]);
    expect(response.status).toBe(200);
    expect(response.headers.get("location")).toBeNull();
    expect(response.json.containers).toEqual([
      expect.objectContaining({ name: "web", amount: 0, size: "S" }),
      expect.objectContaining({ name: "clock", amount: 1, size: "M" }),
    ]);
    const listed = (await api.call("GET", "/v1/apps/scale-app/containers")).json.containers;
    expect(
      listed.map(({ name, amount, size }: { name: string; amount: number; size: string }) => ({
        name,
        amount,
        size,
      })),
    ).toEqual([
      { name: "web", amount: 0, size: "S" },
      { name: "clock", amount: 1, size: "M" },
    ]);
  });

  it("answers 400 'no change in containers formation' on an unchanged formation", async () => {
    await scale([{ name: "web", amount: 1, size: "M" }]);
    const response = await scale([{ name: "web", amount: 1 }]);
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ error: "no change in containers formation" });
  });

  it.each([
    [{ name: "web", amount: -1 }, "amount"],
    [{ name: "web", amount: 11 }, "amount"],
    [{ name: "web", amount: 1.5 }, "amount"],
    [{ name: "web", amount: 1, size: "XS" }, "size"],
    [{ amount: 1 }, "name"],
  ])("refuses %o with 422 on %s", async (entry, field) => {
    const response = await scale([entry]);
    expect(response.status).toBe(422);
    expect(Object.keys(response.json.errors)).toEqual([field]);
  });

  it("after a deployment: Procfile types added, amounts kept, 202 + absolute Location, pending → running → done", async () => {
    await scale([{ name: "web", amount: 3, size: "L" }]);
    await deploy(api, "scale-app", { "app/Procfile": PROCFILE, "app/server.js": "" });
    const formation = (await api.call("GET", "/v1/apps/scale-app/containers")).json.containers;
    expect(
      formation.map(({ name, amount, size }: { name: string; amount: number; size: string }) => ({
        name,
        amount,
        size,
      })),
    ).toEqual([
      { name: "web", amount: 3, size: "L" },
      { name: "worker", amount: 0, size: "M" },
    ]);
    const response = await scale([{ name: "worker", amount: 2 }]);
    expect(response.status).toBe(202);
    expect(response.json.containers).toEqual([
      expect.objectContaining({ name: "web", amount: 3, size: "L" }),
      expect.objectContaining({ name: "worker", amount: 2, size: "M" }),
    ]);
    const location = response.headers.get("location") ?? "";
    expect(location).toMatch(new RegExp(`^${emulator.url}/v1/apps/scale-app/operations/[0-9a-f]{24}$`));
    const first = await request(location, "GET", undefined, { Authorization: `Bearer ${api.token}` });
    expect(first.json.operation.type).toBe("scale");
    const order = ["pending", "running", "done"];
    const seen: number[] = [];
    const path = new URL(location).pathname;
    const { json } = await pollUntil(api, path, (j) => {
      seen.push(order.indexOf(j.operation.status));
      return j.operation.status === "done";
    });
    expect(seen).toEqual([...seen].sort());
    expect(seen).not.toContain(-1);
    expect(json.operation.finished_at).not.toBeNull();
    expect((await api.call("GET", "/v1/apps/scale-app")).json.app.status).toBe("running");
  });

  it("after a deployment: a type missing from the Procfile is refused with 422", async () => {
    await deploy(api, "scale-app", { "app/Procfile": "web: node server.js\n" });
    const response = await scale([{ name: "clock", amount: 1 }]);
    expect(response.status).toBe(422);
    expect(response.json.errors).toEqual({ containers: ['process type "clock" is not in your Procfile'] });
  });

  it("uses the region prefix in the Location of an osc-secnum-fr1 operation", async () => {
    await createApp(api, "secnum-scale", "/osc-secnum-fr1");
    const prefix = "/osc-secnum-fr1";
    const source = await api.call("POST", `${prefix}/v1/sources`, {});
    expect(source.status).toBe(201);
    await deploySecnum(api, source.json.source);
    const response = await api.call("POST", `${prefix}/v1/apps/secnum-scale/scale`, {
      containers: [{ name: "web", amount: 2 }],
    });
    expect(response.status).toBe(202);
    expect(response.headers.get("location")).toMatch(
      new RegExp(`^${emulator.url}/osc-secnum-fr1/v1/apps/secnum-scale/operations/`),
    );
  });

  it("restarts with 202, an empty body and a Location; refuses a never-deployed app", async () => {
    const never = await api.call("POST", "/v1/apps/scale-app/restart", { scope: null });
    expect(never.status).toBe(422);
    await deploy(api, "scale-app", { "app/Procfile": PROCFILE });
    const response = await api.call("POST", "/v1/apps/scale-app/restart", { scope: ["web"] });
    expect(response.status).toBe(202);
    expect(response.text).toBe("");
    const path = new URL(response.headers.get("location") ?? "").pathname;
    const { json } = await pollUntil(api, path, (j) => j.operation.status === "done");
    expect(json.operation.type).toBe("restart");
  });

  it("lists running containers with ps and container sizes", async () => {
    await deploy(api, "scale-app", { "app/Procfile": PROCFILE });
    const ps = (await api.call("GET", "/v1/apps/scale-app/ps")).json.containers;
    expect(ps.map((c: { label: string }) => c.label)).toEqual(["web-1"]);
    const sizes = (await api.call("GET", "/v1/features/container_sizes")).json.container_sizes;
    expect(sizes.map((s: { name: string }) => s.name)).toEqual(["S", "M", "L", "XL", "2XL", "3XL"]);
  });

  async function deploySecnum(
    client: TestClient,
    source: { upload_url: string; download_url: string },
  ): Promise<void> {
    await request(source.upload_url, "PUT", await makeArchive({ "app/Procfile": "web: x\n" }));
    const created = await client.call("POST", "/osc-secnum-fr1/v1/apps/secnum-scale/deployments", {
      deployment: { source_url: source.download_url },
    });
    await pollUntil(
      client,
      `/osc-secnum-fr1/v1/apps/secnum-scale/deployments/${created.json.deployment.id}`,
      (j) => j.deployment.status === "success",
    );
  }
});
