import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../../emulator/scalingo/index";
import type { TestClient } from "./helpers";
import { createApp, setup } from "./helpers";

describe("apps", () => {
  let emulator: RunningEmulator;
  let api: TestClient;
  beforeAll(async () => {
    ({ emulator, api } = await setup());
  });
  beforeEach(() => api.control("POST", "reset"));
  afterAll(() => emulator.stop());

  it("creates an app (201) with the documented fields, addressable by name or ID", async () => {
    const created = await api.call("POST", "/v1/apps", { app: { name: "shop-staging" } });
    expect(created.status).toBe(201);
    const app = created.json.app;
    expect(app).toMatchObject({
      name: "shop-staging",
      region: "osc-fr1",
      status: "new",
      base_url: "https://shop-staging.osc-fr1.scalingo.io",
      url: "https://shop-staging.osc-fr1.scalingo.io",
      git_url: "git@ssh.osc-fr1.scalingo.com:shop-staging.git",
      force_https: false,
      router_logs: false,
      sticky_session: false,
    });
    expect(app.id).toMatch(/^[0-9a-f]{24}$/);
    expect((await api.call("GET", `/v1/apps/${app.id}`)).json.app.name).toBe("shop-staging");
    expect((await api.call("GET", "/v1/apps/shop-staging")).json.app.id).toBe(app.id);
    expect((await api.call("GET", "/v1/apps")).json.apps).toHaveLength(1);
  });

  it.each([
    ["short", "should be between 6 and 48 characters"],
    ["Upper-Case", "should contain only lowercap letters, digits and hyphens"],
    ["-leading", "should not start or end with a hyphen nor contain two hyphens in a row"],
    ["double--hyphen", "should not start or end with a hyphen nor contain two hyphens in a row"],
  ])("refuses the name %s with a 422 errors map", async (name, message) => {
    const response = await api.call("POST", "/v1/apps", { app: { name } });
    expect(response.status).toBe(422);
    expect(response.json).toEqual({ errors: { name: [message] } });
  });

  it("refuses a missing app root, a taken name and an unknown stack", async () => {
    expect((await api.call("POST", "/v1/apps", {})).json).toEqual({ errors: { app: ["missing field"] } });
    await createApp(api, "taken-name");
    const taken = await api.call("POST", "/v1/apps", { app: { name: "taken-name" } });
    expect(taken.status).toBe(422);
    expect(taken.json.errors.name).toEqual(["has already been taken"]);
    const stack = await api.call("POST", "/v1/apps", { app: { name: "other-app", stack_id: "st-nope" } });
    expect(stack.json.errors.stack_id).toEqual(["is not a valid stack"]);
  });

  it("keeps names unique per region only, and serves osc-secnum-fr1 under its prefix", async () => {
    await createApp(api, "twin-app");
    const secnum = await createApp(api, "twin-app", "/osc-secnum-fr1");
    const got = await api.call("GET", "/osc-secnum-fr1/v1/apps/twin-app");
    expect(got.json.app).toMatchObject({ id: secnum.id, region: "osc-secnum-fr1" });
    expect(got.json.app.base_url).toBe("https://twin-app.osc-secnum-fr1.scalingo.io");
    expect((await api.call("GET", "/v1/apps")).json.apps).toHaveLength(1);
  });

  it("answers 404 in the documented shape", async () => {
    const response = await api.call("GET", "/v1/apps/missing-app");
    expect(response.status).toBe(404);
    expect(response.json).toEqual({ resource: "app", error: "not found" });
  });

  it("validates only with X-Dry-Run", async () => {
    const dry = await api.call("POST", "/v1/apps", { app: { name: "dry-run-app" } }, { "X-Dry-Run": "true" });
    expect(dry.status).toBe(201);
    expect((await api.call("GET", "/v1/apps/dry-run-app")).status).toBe(404);
  });

  it("updates with PATCH {app:{…}} and with a flat PUT", async () => {
    const app = await createApp(api, "update-app");
    const patched = await api.call("PATCH", `/v1/apps/${app.id}`, {
      app: { force_https: true, router_logs: true },
    });
    expect(patched.json.app).toMatchObject({ force_https: true, router_logs: true, sticky_session: false });
    const put = await api.call("PUT", "/v1/apps/update-app", { sticky_session: true });
    expect(put.json.app).toMatchObject({ force_https: true, sticky_session: true });
    const stacks = (await api.call("GET", "/v1/features/stacks")).json.stacks;
    const stack24 = stacks.find((s: { name: string }) => s.name === "scalingo-24");
    expect(
      (await api.call("PATCH", "/v1/apps/update-app", { app: { stack_id: stack24.id } })).json.app.stack_id,
    ).toBe(stack24.id);
    const bad = await api.call("PUT", "/v1/apps/update-app", { force_https: "yes" });
    expect(bad.json).toEqual({ errors: { force_https: ["must be a boolean"] } });
  });

  it("renames an app, moving its URLs and keeping its ID", async () => {
    const app = await createApp(api, "old-name-app");
    const wrong = await api.call("POST", `/v1/apps/${app.id}/rename`, {
      current_name: "nope",
      new_name: "new-name-app",
    });
    expect(wrong.status).toBe(422);
    const renamed = await api.call("POST", `/v1/apps/${app.id}/rename`, {
      current_name: "old-name-app",
      new_name: "new-name-app",
    });
    expect(renamed.json.app).toMatchObject({
      id: app.id,
      name: "new-name-app",
      base_url: "https://new-name-app.osc-fr1.scalingo.io",
    });
    expect((await api.call("GET", "/v1/apps/old-name-app")).status).toBe(404);
    expect((await api.call("GET", "/v1/apps/new-name-app")).json.app.id).toBe(app.id);
  });

  it("deletes with current_name in the query or in the body, and refuses a mismatch", async () => {
    await createApp(api, "delete-query");
    await createApp(api, "delete-body");
    expect((await api.call("DELETE", "/v1/apps/delete-query")).json).toEqual({
      errors: { current_name: ["can't be blank"] },
    });
    expect((await api.call("DELETE", "/v1/apps/delete-query?current_name=other")).status).toBe(422);
    expect((await api.call("DELETE", "/v1/apps/delete-query?current_name=delete-query")).status).toBe(204);
    expect((await api.call("DELETE", "/v1/apps/delete-body", { current_name: "delete-body" })).status).toBe(
      204,
    );
    expect((await api.call("GET", "/v1/apps")).json.apps).toEqual([]);
  });

  it("creates child apps with the parent's name", async () => {
    await createApp(api, "parent-app");
    const child = await api.call("POST", "/v1/apps/parent-app/child_apps", {
      app: { name: "parent-app-pr1" },
    });
    expect(child.status).toBe(201);
    expect(child.json.app.parent_app_name).toBe("parent-app");
    const list = await api.call("GET", "/v1/apps/parent-app/child_apps");
    expect(list.json.child_apps.map((a: { name: string }) => a.name)).toEqual(["parent-app-pr1"]);
  });

  it("answers 400 on malformed JSON", async () => {
    const response = await fetch(`${api.url}/v1/apps`, {
      method: "POST",
      headers: { Authorization: `Bearer ${api.token}`, "Content-Type": "application/json" },
      body: "{nope",
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(
      /^There was a problem in the JSON you submitted/,
    );
  });
});
