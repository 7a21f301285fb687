import { clientFromToken } from "scalingo";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../../emulator/scalingo/index";
import { startEmulator } from "../../../emulator/scalingo/index";
import { FAST, makeArchive, request } from "./helpers";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `read` until `done` holds (20 ms apart, at most 100 times). */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await read();
    if (done(value)) return value;
    await sleep(20);
  }
  throw new Error("condition not met after 100 polls");
}

describe("the official scalingo.js client, unchanged, against the emulator", () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator(FAST);
  });
  afterAll(() => emulator.stop());

  it("runs a full scenario: token exchange, app, variables, add-ons, deployment, scale, domain, delete", async () => {
    const client = await clientFromToken("tk-us-official-client", {
      apiUrl: emulator.url,
      authApiUrl: emulator.url,
    });
    expect(client._token.split(".")).toHaveLength(3);

    const app = await client.Apps.create({ name: "official-client" });
    expect(app.name).toBe("official-client");
    expect((await client.Apps.find(app.id)).id).toBe(app.id);
    const updated = await client.Apps.update(app.id, { force_https: true });
    expect(updated.force_https).toBe(true);

    await client.Environment.create(app.id, { name: "RAILS_ENV", value: "production" });
    const bulk = await client.Environment.bulkUpdate(app.id, [
      { name: "RAILS_ENV", value: "staging" },
      { name: "WORKERS", value: "2" },
    ]);
    expect(bulk.map((v) => v.name)).toEqual(["RAILS_ENV", "WORKERS"]);
    const workers = bulk.find((v) => v.name === "WORKERS");
    await client.Environment.update(app.id, workers?.id ?? "", "3");
    await client.Environment.bulkDestroy(app.id, [workers?.id ?? ""]);
    const env = await client.Environment.for(app.id);
    expect(env.map((v) => [v.name, v.value])).toEqual([["RAILS_ENV", "staging"]]);

    const providers = await client.Addons.listProviders();
    const postgres = providers.find((p) => p.id === "postgresql");
    const sandbox = postgres?.plans?.find((p) => p.name === "postgresql-sandbox");
    const starter = postgres?.plans?.find((p) => p.name === "postgresql-starter-512");
    const addon = await client.Addons.create(app.id, {
      addon_provider_id: "postgresql",
      plan_id: sandbox?.id ?? "",
    });
    await until(
      () => client.Addons.getAddon(app.id, addon.id),
      (a) => a.status === "running",
    );
    await client.Addons.update(app.id, addon.id, { plan_id: starter?.id ?? "" });
    const upgraded = await until(
      () => client.Addons.getAddon(app.id, addon.id),
      (a) => a.status === "running",
    );
    expect(upgraded.plan.name).toBe("postgresql-starter-512");
    const aliased = await client.Environment.for(app.id);
    expect(aliased.find((v) => v.name === "DATABASE_URL")?.value).toBe("$SCALINGO_POSTGRESQL_URL");

    const never = await client.Containers.scale(app.id, [{ name: "web", amount: 1, size: "S" }]);
    expect(never.operation).toBeUndefined();

    const source = await request(
      `${emulator.url}/v1/sources`,
      "POST",
      {},
      { Authorization: `Bearer ${client._token}` },
    );
    await request(
      source.json.source.upload_url,
      "PUT",
      await makeArchive({ "app/Procfile": "web: node server.js\n" }),
    );
    const deployment = await client.Deployments.create(app.id, {
      source_url: source.json.source.download_url,
    });
    await until(
      () => client.Deployments.find(app.id, deployment.id),
      (d) => d.status === "success",
    );
    expect(await client.Deployments.logs(app.id, deployment.id)).toContain("Deployment success");

    const scaled = await client.Containers.scale(app.id, [{ name: "web", amount: 2, size: "M" }]);
    expect(scaled.formation.map((c) => [c.name, c.amount, c.size])).toEqual([["web", 2, "M"]]);
    const operation = scaled.operation;
    expect(operation).toBeDefined();
    await until(
      async () => {
        await operation?.refresh();
        return operation?.status;
      },
      (status) => status === "done",
    );
    const formation = await client.Containers.for(app.id);
    expect(formation.map((c) => [c.name, c.amount, c.size])).toEqual([["web", 2, "M"]]);

    const www = await client.Domains.create(app.id, { name: "www.official.example.com" });
    const api = await client.Domains.create(app.id, { name: "api.official.example.com" });
    expect((await client.Domains.update(app.id, www.id, { canonical: true })).canonical).toBe(true);
    const refused = await client.Domains.update(app.id, api.id, { canonical: true }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 422 });
    const domains = await client.Domains.for(app.id);
    expect(domains.map((d) => [d.name, d.canonical])).toEqual([
      ["www.official.example.com", true],
      ["api.official.example.com", false],
    ]);
    await client.Domains.destroy(app.id, api.id);

    await client.Addons.destroy(app.id, addon.id);
    await client.Apps.destroy(app.id, "official-client");
    const gone = await client.Apps.find(app.id).catch((e: unknown) => e);
    expect(gone).toMatchObject({ status: 404, data: { resource: "app", error: "not found" } });
  });

  it("drives the production APIs: event types, notifiers, alerts, autoscalers, collaborators", async () => {
    const client = await clientFromToken("tk-us-official-client", {
      apiUrl: emulator.url,
      authApiUrl: emulator.url,
    });
    const app = await client.Apps.create({ name: "official-prod" });
    const types = await client.Events.listEventTypes();
    const categories = await client.Events.listEventCategories();
    const deployed = types.find((t) => t.name === "deployment");
    expect(categories.map((c) => c.id)).toContain(deployed?.category_id);
    const platforms = (await client.NotificationPlatforms.list()) as unknown as {
      id: string;
      name: string;
    }[];
    const email = platforms.find((p) => p.name === "email");
    const notifier = await client.Notifiers.create(app.id, {
      platform_id: email?.id ?? "",
      name: "ops",
      send_all_alerts: true,
      selected_event_ids: [deployed?.id ?? ""],
      type_data: { emails: ["ops@example.com"] },
    });
    expect(notifier.id).toMatch(/^no-/);
    const alert = await client.Alerts.create(app.id, {
      container_type: "web",
      metric: "memory",
      limit: 0.9,
      notifiers: [notifier.id],
    });
    const listed = await client.Alerts.for(app.id);
    expect(listed.map((a) => [a.id, a.notifiers])).toEqual([[alert.id, [notifier.id]]]);

    await client.Containers.scale(app.id, [{ name: "web", amount: 1, size: "M" }]);
    const autoscaler = await client.Autoscalers.create(app.id, {
      container_type: "web",
      min_containers: 2,
      max_containers: 4,
      metric: "cpu",
      target: 0.6,
    });
    expect((await client.Containers.for(app.id)).map((c) => [c.name, c.amount])).toEqual([["web", 2]]);
    const updated = await client.Autoscalers.update(app.id, autoscaler.id, { max_containers: 5 });
    expect(updated.max_containers).toBe(5);

    const invited = await client.Collaborators.invite(app.id, "dev@example.com");
    expect(invited).toMatchObject({ email: "dev@example.com", status: "pending" });
    const addon = await client.Addons.create(app.id, {
      addon_provider_id: "redis",
      plan_id: (await client.Addons.listProviders()).find((p) => p.id === "redis")?.plans?.[0]?.id ?? "",
    });
    expect(addon.id).toMatch(/^ad-/);
    expect(addon.addon_provider.name).toBe("Redis® OSS");
    await client.Apps.destroy(app.id, "official-prod");
  });
});
