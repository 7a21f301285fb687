import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../../emulator/scalingo/index";
import type { TestClient } from "./helpers";
import { createApp, setup } from "./helpers";

describe("SCM link, collaborators, notifiers, alerts, log drains, autoscalers", () => {
  let emulator: RunningEmulator;
  let api: TestClient;
  beforeAll(async () => {
    ({ emulator, api } = await setup());
  });
  beforeEach(async () => {
    await api.control("POST", "reset");
    await createApp(api, "integ-app");
  });
  afterAll(() => emulator.stop());

  const at = (method: string, path: string, body?: unknown) =>
    api.call(method, `/v1/apps/integ-app${path}`, body);

  it("links one repository per app; 404 when none", async () => {
    expect((await at("GET", "/scm_repo_link")).json).toEqual({
      resource: "scm_repo_link",
      error: "not found",
    });
    const created = await at("POST", "/scm_repo_link", {
      scm_repo_link: {
        source: "https://github.com/acme/shop",
        auth_integration_uuid: "int-1",
        branch: "main",
        auto_deploy_enabled: true,
      },
    });
    expect(created.status).toBe(201);
    expect(created.json.scm_repo_link).toMatchObject({
      url: "https://github.com",
      owner: "acme",
      repo: "shop",
      branch: "main",
      auto_deploy_enabled: true,
      delete_on_close_enabled: true,
    });
    expect(
      (
        await at("POST", "/scm_repo_link", {
          scm_repo_link: { source: "https://github.com/a/b", auth_integration_uuid: "x" },
        })
      ).status,
    ).toBe(422);
    const patched = await at("PATCH", "/scm_repo_link", {
      scm_repo_link: { deploy_review_apps_enabled: true, hours_before_delete_stale: 48 },
    });
    expect(patched.json.scm_repo_link).toMatchObject({
      deploy_review_apps_enabled: true,
      hours_before_delete_stale: 48,
    });
    expect((await at("DELETE", "/scm_repo_link")).status).toBe(204);
    expect((await at("GET", "/scm_repo_link")).status).toBe(404);
  });

  it("invites collaborators (object or array body), lists them, limits and removes them", async () => {
    const created = await at("POST", "/collaborators", { collaborator: { email: "dev@example.com" } });
    expect(created.status).toBe(201);
    expect(created.json.collaborator).toMatchObject({
      email: "dev@example.com",
      status: "pending",
      is_limited: true,
      username: "n/a",
    });
    const array = await at("POST", "/collaborators", {
      collaborator: [{ email: "ops@example.com", is_limited: false }],
    });
    expect(array.json.collaborator).toMatchObject({ email: "ops@example.com", is_limited: false });
    expect((await at("POST", "/collaborators", { collaborator: { email: "dev@example.com" } })).status).toBe(
      422,
    );
    const id = created.json.collaborator.id;
    expect(
      (await at("PATCH", `/collaborators/${id}`, { collaborator: { is_limited: false } })).json.collaborator
        .is_limited,
    ).toBe(false);
    expect((await at("DELETE", `/collaborators/${id}`)).status).toBe(204);
    expect(
      (await at("GET", "/collaborators")).json.collaborators.map((c: { email: string }) => c.email),
    ).toEqual(["ops@example.com"]);
  });

  it("manages notifiers on known platforms", async () => {
    const platforms = (await api.call("GET", "/v1/notification_platforms")).json.notification_platforms;
    const slack = (await api.call("GET", "/v1/notification_platforms/search?name=slack")).json
      .notification_platforms[0];
    expect(platforms).toContainEqual(slack);
    expect(
      (await api.call("GET", `/v1/notification_platforms/${slack.id}`)).json.notification_platform.name,
    ).toBe("slack");
    const created = await at("POST", "/notifiers", {
      notifier: {
        platform_id: slack.id,
        name: "team",
        send_all_events: true,
        type_data: { webhook_url: "https://hooks.example.com/x" },
      },
    });
    expect(created.status).toBe(201);
    expect(created.json.notifier).toMatchObject({ type: "slack", name: "team", send_all_events: true });
    expect(created.json.notifier.id).toMatch(/^no-/);
    const id = created.json.notifier.id;
    expect(
      (await at("PATCH", `/notifiers/${id}`, { notifier: { active: false } })).json.notifier.active,
    ).toBe(false);
    expect((await at("POST", "/notifiers", { notifier: { platform_id: "nope", name: "x" } })).status).toBe(
      422,
    );
    expect((await at("DELETE", `/notifiers/${id}`)).status).toBe(204);
    expect((await at("GET", `/notifiers/${id}`)).status).toBe(404);
  });

  it("creates alerts wrapped or flat, with remind_every as a string or nanoseconds", async () => {
    const created = await at("POST", "/alerts", {
      alert: { container_type: "web", metric: "cpu", limit: 0.8, remind_every: "5m" },
    });
    expect(created.status).toBe(201);
    // Stored and returned as Go writes durations (DEVDOCS shows "5m30s").
    expect(created.json.alert).toMatchObject({
      container_type: "web",
      metric: "cpu",
      limit: 0.8,
      remind_every: "5m0s",
    });
    expect(created.json.alert.id).toMatch(/^al-/);
    const flat = await at("PUT", `/alerts/${created.json.alert.id}`, {
      limit: 0.9,
      remind_every: 330_000_000_000,
    });
    expect(flat.json.alert).toMatchObject({ limit: 0.9, remind_every: "5m30s" });
    expect(
      (await at("POST", "/alerts", { alert: { container_type: "web", metric: "nope", limit: 1 } })).status,
    ).toBe(422);
    expect((await at("DELETE", `/alerts/${created.json.alert.id}`)).status).toBe(204);
  });

  it("keys log drains by URL; deletes with ?url= or a JSON body", async () => {
    const datadog = await at("POST", "/log_drains", {
      drain: { type: "datadog", token: "abc", drain_region: "eu-west-2" },
    });
    expect(datadog.status).toBe(201);
    expect(datadog.json).toEqual({ drain: { url: "datadog://abc?region=eu-west-2" } });
    const elk = await at("POST", "/log_drains", {
      drain: { type: "elk", url: "https://elk.example.com:9200" },
    });
    expect(
      (await at("POST", "/log_drains", { drain: { type: "papertrail", host: "logs.example.com" } })).json
        .errors,
    ).toEqual({
      port: ["can't be blank for a papertrail drain"],
    });
    const drains = (await at("GET", "/log_drains")).json.drains;
    expect(drains.map((d: { url: string }) => d.url)).toEqual([
      "datadog://abc?region=eu-west-2",
      "https://elk.example.com:9200",
    ]);
    expect(
      (await at("DELETE", `/log_drains?url=${encodeURIComponent("datadog://abc?region=eu-west-2")}`)).status,
    ).toBe(204);
    expect((await at("DELETE", "/log_drains", { url: elk.json.drain.url })).status).toBe(204);
    expect((await at("DELETE", "/log_drains", { url: elk.json.drain.url })).status).toBe(404);
  });

  it("manages autoscalers wrapped or flat, one per container type", async () => {
    const body = {
      container_type: "web",
      min_containers: 2,
      max_containers: 5,
      metric: "rpm_per_container",
      target: 100,
    };
    const created = await at("POST", "/autoscalers", { autoscaler: body });
    expect(created.status).toBe(201);
    expect(created.json.autoscaler).toMatchObject({
      ...body,
      disabled: false,
      last_scale: "0001-01-01T00:00:00Z",
    });
    expect((await at("POST", "/autoscalers", { autoscaler: body })).status).toBe(422);
    const id = created.json.autoscaler.id;
    expect(
      (await at("PATCH", `/autoscalers/${id}`, { max_containers: 8 })).json.autoscaler.max_containers,
    ).toBe(8);
    expect(
      (await at("PUT", `/autoscalers/${id}`, { autoscaler: { min_containers: 1 } })).json.errors,
    ).toHaveProperty("min_containers");
    expect((await at("GET", `/autoscalers/${id}`)).json.autoscaler.min_containers).toBe(2);
    expect((await at("DELETE", `/autoscalers/${id}`)).status).toBe(204);
  });
});
