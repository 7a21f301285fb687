import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../../emulator/scalingo/index";
import type { TestClient } from "./helpers";
import { createApp, setup } from "./helpers";

describe("variables", () => {
  let emulator: RunningEmulator;
  let api: TestClient;
  beforeAll(async () => {
    ({ emulator, api } = await setup());
  });
  beforeEach(async () => {
    await api.control("POST", "reset");
    await createApp(api, "env-app");
  });
  afterAll(() => emulator.stop());

  const names = (json: { variables: { name: string }[] }) => json.variables.map((v) => v.name).sort();

  it("creates one (201), refuses a duplicate, updates its value with PATCH and deletes it by ID", async () => {
    const created = await api.call("POST", "/v1/apps/env-app/variables", {
      variable: { name: "RAILS_ENV", value: "production" },
    });
    expect(created.status).toBe(201);
    expect(created.json.variable).toMatchObject({ name: "RAILS_ENV", value: "production" });
    const id = created.json.variable.id;
    const duplicate = await api.call("POST", "/v1/apps/env-app/variables", {
      variable: { name: "RAILS_ENV", value: "x" },
    });
    expect(duplicate.json).toEqual({ errors: { name: ["has already been taken"] } });
    const patched = await api.call("PATCH", `/v1/apps/env-app/variables/${id}`, {
      variable: { value: "staging" },
    });
    expect(patched.json.variable).toEqual({ id, name: "RAILS_ENV", value: "staging" });
    expect((await api.call("DELETE", `/v1/apps/env-app/variables/${id}`)).status).toBe(204);
    expect((await api.call("DELETE", `/v1/apps/env-app/variables/${id}`)).json).toEqual({
      resource: "variable",
      error: "not found",
    });
  });

  it("upserts in bulk by name with PUT, keeping IDs of existing names", async () => {
    const first = await api.call("PUT", "/v1/apps/env-app/variables", {
      variables: [{ name: "A", value: "1" }],
    });
    expect(first.status).toBe(200);
    const id = first.json.variables[0].id;
    const second = await api.call("PUT", "/v1/apps/env-app/variables", {
      variables: [
        { name: "A", value: "2" },
        { name: "B", value: "3" },
      ],
    });
    expect(second.json.variables).toEqual([
      { id, name: "A", value: "2" },
      expect.objectContaining({ name: "B", value: "3" }),
    ]);
    expect(names((await api.call("GET", "/v1/apps/env-app/variables")).json)).toEqual(["A", "B"]);
  });

  it("deletes in bulk with variable_ids in the body or the query", async () => {
    const put = await api.call("PUT", "/v1/apps/env-app/variables", {
      variables: ["A", "B", "C"].map((name) => ({ name, value: name })),
    });
    const [a, b, c] = put.json.variables.map((v: { id: string }) => v.id);
    expect((await api.call("DELETE", "/v1/apps/env-app/variables", { variable_ids: [a, b] })).status).toBe(
      204,
    );
    expect((await api.call("DELETE", `/v1/apps/env-app/variables?variable_ids[]=${c}`)).status).toBe(204);
    expect((await api.call("GET", "/v1/apps/env-app/variables")).json.variables).toEqual([]);
  });

  it("returns aliases raw by default and with aliases=true, resolved with aliases=false", async () => {
    await api.call("PUT", "/v1/apps/env-app/variables", {
      variables: [
        { name: "TARGET", value: "hello" },
        { name: "ALIAS", value: "$TARGET" },
      ],
    });
    const value = (json: { variables: { name: string; value: string }[] }) =>
      json.variables.find((v) => v.name === "ALIAS")?.value;
    expect(value((await api.call("GET", "/v1/apps/env-app/variables")).json)).toBe("$TARGET");
    expect(value((await api.call("GET", "/v1/apps/env-app/variables?aliases=true")).json)).toBe("$TARGET");
    expect(value((await api.call("GET", "/v1/apps/env-app/variables?aliases=false")).json)).toBe("hello");
  });

  it.each([
    [{ name: "_LEADING", value: "x" }, "name"],
    [{ name: "WITH-HYPHEN", value: "x" }, "name"],
    [{ name: "N".repeat(65), value: "x" }, "name"],
    [{ name: "LONG", value: "v".repeat(32769) }, "value"],
    [{ name: "NUMBER", value: 3 }, "value"],
  ])("refuses %o with 422 on %s", async (variable, field) => {
    const response = await api.call("POST", "/v1/apps/env-app/variables", { variable });
    expect(response.status).toBe(422);
    expect(Object.keys(response.json.errors)).toEqual([field]);
  });

  it("applies nothing from a bulk PUT that has one invalid entry", async () => {
    const response = await api.call("PUT", "/v1/apps/env-app/variables", {
      variables: [
        { name: "GOOD", value: "1" },
        { name: "_BAD", value: "2" },
      ],
    });
    expect(response.status).toBe(422);
    expect((await api.call("GET", "/v1/apps/env-app/variables")).json.variables).toEqual([]);
  });
});
