/**
 * Emulator fidelity for the production resources: add-on IDs and provider names as the official CLI matches
 * them, event types behind notifiers, alerts that name existing notifiers, and autoscalers against the scale
 * endpoint (an autoscaled type's amount stays in bounds; a scale call naming it disables the autoscaler).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../../emulator/scalingo/index";
import type { TestClient } from "./helpers";
import { createApp, setup } from "./helpers";

let emulator: RunningEmulator;
let api: TestClient;

beforeAll(async () => {
  ({ emulator, api } = await setup());
});
beforeEach(async () => {
  await api.control("POST", "reset");
  await createApp(api, "prod-app");
});
afterAll(() => emulator.stop());

const at = (method: string, path: string, body?: unknown) =>
  api.call(method, `/v1/apps/prod-app${path}`, body);

/**
 * The official CLI's `GetAddonUUIDFromType` (utils/addon_uuid.go), restated: an argument starting with `ad-`
 * is an ID; otherwise aliases apply and the add-on provider's name is compared case-insensitively.
 */
function cliAddonId(
  addons: { id: string; addon_provider: { name: string } }[],
  arg: string,
): string | undefined {
  if (arg.startsWith("ad-")) return arg;
  const aliases: Record<string, string> = {
    psql: "postgresql",
    pgsql: "postgresql",
    postgres: "postgresql",
    redis: "redis® oss",
  };
  const type = aliases[arg] ?? arg;
  return addons.find((a) => a.addon_provider.name.toLowerCase() === type.toLowerCase())?.id;
}

async function provision(provider: string, planName: string): Promise<string> {
  const plans = (await api.call("GET", `/v1/addon_providers/${provider}/plans`)).json.plans;
  const plan = plans.find((p: { name: string }) => p.name === planName);
  return (await at("POST", "/addons", { addon: { addon_provider_id: provider, plan_id: plan.id } })).json
    .addon.id;
}

describe("add-ons as the official CLI finds them", () => {
  it("have ad-<uuid> IDs and the provider names the CLI matches (PostgreSQL, Redis® OSS)", async () => {
    const pg = await provision("postgresql", "postgresql-starter-512");
    const redis = await provision("redis", "redis-starter-256");
    expect(pg).toMatch(/^ad-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    const { addons } = (await at("GET", "/addons")).json;
    expect(addons.map((a: { addon_provider: { name: string } }) => a.addon_provider.name)).toEqual([
      "PostgreSQL",
      "Redis® OSS",
    ]);
    expect(cliAddonId(addons, "postgres")).toBe(pg);
    expect(cliAddonId(addons, "PostgreSQL")).toBe(pg);
    expect(cliAddonId(addons, "redis")).toBe(redis);
    expect(cliAddonId(addons, pg)).toBe(pg);
    const providers = (await api.call("GET", "/v1/addon_providers")).json.addon_providers;
    expect(providers.map((p: { id: string; name: string }) => `${p.id}: ${p.name}`)).toEqual([
      "postgresql: PostgreSQL",
      "redis: Redis® OSS",
    ]);
  });
});

describe("notifiers and event types", () => {
  it("lists event categories and types; platforms accept their IDs; notifiers select by ID", async () => {
    const categories = (await api.call("GET", "/v1/event_categories")).json.event_categories;
    const types = (await api.call("GET", "/v1/event_types")).json.event_types;
    expect(categories[0]).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      name: "app_operations",
      display_name: "App operations",
      position: 1,
    });
    const deployment = types.find((t: { name: string }) => t.name === "deployment");
    expect(deployment).toMatchObject({ category_id: categories[0].id, display_name: "App deployed" });
    expect(types.map((t: { name: string }) => t.name)).toEqual(
      expect.arrayContaining(["crash", "database_backup_failed", "alert"]),
    );
    const [email] = (await api.call("GET", "/v1/notification_platforms/search?name=email")).json
      .notification_platforms;
    expect(email.id).toMatch(/^[0-9a-f]{24}$/);
    expect(email.available_event_ids).toContain(deployment.id);
    // go-scalingo posts the whole notifier object, empty ID and zero dates included.
    const created = await at("POST", "/notifiers", {
      notifier: {
        id: "",
        app_id: "",
        name: "ops",
        type: "",
        platform_id: email.id,
        active: true,
        send_all_alerts: true,
        selected_event_ids: [deployment.id],
        created_at: "0001-01-01T00:00:00Z",
        type_data: { emails: ["ops@example.com"] },
      },
    });
    expect(created.status).toBe(201);
    expect(created.json.notifier).toMatchObject({
      type: "email",
      selected_event_ids: [deployment.id],
      type_data: { emails: ["ops@example.com"] },
    });
    expect(
      (
        await at("POST", "/notifiers", {
          notifier: {
            name: "x",
            platform_id: email.id,
            selected_event_ids: ["nope"],
            type_data: { emails: [] },
          },
        })
      ).json.errors,
    ).toEqual({
      selected_event_ids: ["not accepted by email: nope"],
    });
    expect(
      (await at("POST", "/notifiers", { notifier: { name: "x", platform_id: "email", type_data: {} } }))
        .status,
    ).toBe(422);
    const [slack] = (await api.call("GET", "/v1/notification_platforms/search?name=slack")).json
      .notification_platforms;
    expect(
      (await at("POST", "/notifiers", { notifier: { name: "x", platform_id: slack.id, type_data: {} } })).json
        .errors,
    ).toEqual({
      "type_data.webhook_url": ["must be an http(s) URL"],
    });
  });

  it("refuses alerts naming a notifier the app does not have, and forgets deleted notifiers", async () => {
    const [email] = (await api.call("GET", "/v1/notification_platforms/search?name=email")).json
      .notification_platforms;
    const notifier = (
      await at("POST", "/notifiers", {
        notifier: { name: "ops", platform_id: email.id, type_data: { emails: ["a@example.com"] } },
      })
    ).json.notifier;
    const alert = {
      container_type: "web",
      metric: "5XX",
      limit: 10,
      duration_before_trigger: 120_000_000_000,
      remind_every: "1h",
    };
    expect(
      (await at("POST", "/alerts", { alert: { ...alert, notifiers: ["no-missing"] } })).json.errors,
    ).toEqual({
      notifiers: ["unknown notifier(s) no-missing"],
    });
    const created = (await at("POST", "/alerts", { alert: { ...alert, notifiers: [notifier.id] } })).json
      .alert;
    expect(created).toMatchObject({
      remind_every: "1h0m0s",
      duration_before_trigger: 120_000_000_000,
      notifiers: [notifier.id],
    });
    await at("DELETE", `/notifiers/${notifier.id}`);
    expect((await at("GET", `/alerts/${created.id}`)).json.alert.notifiers).toEqual([]);
  });
});

describe("autoscalers and the scale endpoint", () => {
  it("keeps an autoscaled type within bounds; any scale call naming it disables the autoscaler", async () => {
    await at("POST", "/scale", { containers: [{ name: "web", amount: 1, size: "M" }] });
    const body = { container_type: "web", min_containers: 2, max_containers: 4, metric: "cpu", target: 0.6 };
    const autoscaler = (await at("POST", "/autoscalers", { autoscaler: body })).json.autoscaler;
    const web = async () =>
      (await at("GET", "/containers")).json.containers.find((c: { name: string }) => c.name === "web");
    expect(await web()).toMatchObject({ amount: 2, size: "M" });
    // A size change only, amount unchanged: the autoscaler is disabled all the same.
    expect((await at("POST", "/scale", { containers: [{ name: "web", amount: 2, size: "L" }] })).status).toBe(
      200,
    );
    expect((await at("GET", `/autoscalers/${autoscaler.id}`)).json.autoscaler.disabled).toBe(true);
    await at("POST", "/scale", { containers: [{ name: "web", amount: 6 }] });
    expect(
      (await at("PATCH", `/autoscalers/${autoscaler.id}`, { disabled: false })).json.autoscaler.disabled,
    ).toBe(false);
    expect(await web()).toMatchObject({ amount: 4, size: "L" });
  });
});
