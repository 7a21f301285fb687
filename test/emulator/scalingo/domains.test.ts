import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../../emulator/scalingo/index";
import { TEST_CERT, TEST_KEY } from "./fixtures";
import type { TestClient } from "./helpers";
import { createApp, pollUntil, setup } from "./helpers";

describe("domains", () => {
  let emulator: RunningEmulator;
  let api: TestClient;
  beforeAll(async () => {
    ({ emulator, api } = await setup());
  });
  beforeEach(async () => {
    await api.control("POST", "reset");
    await createApp(api, "domain-app");
  });
  afterAll(() => emulator.stop());

  const add = (domain: object, app = "domain-app") => api.call("POST", `/v1/apps/${app}/domains`, { domain });

  it("creates a domain (201) with Let's Encrypt fields that go from pending_dns to created", async () => {
    const created = await add({ name: "www.example.com" });
    expect(created.status).toBe(201);
    expect(created.json.domain).toMatchObject({
      name: "www.example.com",
      canonical: false,
      letsencrypt_enabled: true,
      letsencrypt_status: "pending_dns",
      ssl_status: "pending",
    });
    const { json } = await pollUntil(
      api,
      `/v1/apps/domain-app/domains/${created.json.domain.id}`,
      (j) => j.domain.letsencrypt_status === "created",
    );
    expect(json.domain).toMatchObject({ ssl_status: "success", letsencrypt: true });
  });

  it("allows at most one canonical domain: a second is refused with 422, switching works after unsetting", async () => {
    const first = await add({ name: "www.example.com", canonical: true });
    expect((await api.call("GET", "/v1/apps/domain-app")).json.app.url).toBe("https://www.example.com");
    const second = await add({ name: "api.example.com", canonical: true });
    expect(second.status).toBe(422);
    expect(second.json.errors).toEqual({
      canonical: ["www.example.com is already the canonical domain of this app"],
    });
    const plain = await add({ name: "api.example.com" });
    const patch = (id: string, domain: object) =>
      api.call("PATCH", `/v1/apps/domain-app/domains/${id}`, { domain });
    expect((await patch(plain.json.domain.id, { canonical: true })).status).toBe(422);
    expect((await patch(first.json.domain.id, { canonical: false })).json.domain.canonical).toBe(false);
    expect((await patch(plain.json.domain.id, { canonical: true })).json.domain.canonical).toBe(true);
    const app = (await api.call("GET", "/v1/apps/domain-app")).json.app;
    expect(app).toMatchObject({
      url: "https://api.example.com",
      base_url: "https://domain-app.osc-fr1.scalingo.io",
    });
  });

  it("keeps the name immutable and unique, and refuses invalid names", async () => {
    const created = await add({ name: "shop.example.com" });
    const renamed = await api.call("PATCH", `/v1/apps/domain-app/domains/${created.json.domain.id}`, {
      domain: { name: "other.example.com" },
    });
    expect(renamed.status).toBe(422);
    expect(Object.keys(renamed.json.errors)).toEqual(["name"]);
    await createApp(api, "other-app");
    expect((await add({ name: "shop.example.com" }, "other-app")).json.errors.name).toEqual([
      "has already been taken",
    ]);
    expect((await add({ name: "not a domain" })).status).toBe(422);
    expect((await add({})).json.errors).toEqual({ name: ["can't be blank"] });
  });

  it("refuses a 21st domain", async () => {
    for (let i = 0; i < 20; i++) expect((await add({ name: `d${i}.example.com` })).status).toBe(201);
    const response = await add({ name: "d20.example.com" });
    expect(response.status).toBe(422);
    expect(response.json.errors).toEqual({ domains: ["an app cannot have more than 20 domains"] });
  });

  it("accepts a matching custom certificate and refuses a bad or mismatched one", async () => {
    const created = await add({ name: "secure.example.com", tlscert: TEST_CERT, tlskey: TEST_KEY });
    expect(created.status).toBe(201);
    expect(created.json.domain).toMatchObject({
      ssl: true,
      ssl_status: "success",
      tlscert: "CN=secure.example.com",
    });
    expect(created.json.domain.tlskey).toBe("RSA private key - 2048 bytes");
    expect(
      (await add({ name: "bad.example.com", tlscert: "nope", tlskey: TEST_KEY })).json.errors,
    ).toHaveProperty("tlscert");
    const otherKey = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({
      type: "pkcs8",
      format: "pem",
    });
    const mismatch = await add({
      name: "mismatch.example.com",
      tlscert: TEST_CERT,
      tlskey: String(otherKey),
    });
    expect(mismatch.json.errors).toEqual({ tlskey: ["does not match the certificate"] });
    const removed = await api.call("PATCH", `/v1/apps/domain-app/domains/${created.json.domain.id}`, {
      domain: { tlscert: "", tlskey: "" },
    });
    expect(removed.json.domain).toMatchObject({
      ssl: false,
      tlscert: null,
      letsencrypt_status: "pending_dns",
    });
  });

  it("deletes a domain (204) then answers 404", async () => {
    const created = await add({ name: "gone.example.com", canonical: true });
    const path = `/v1/apps/domain-app/domains/${created.json.domain.id}`;
    expect((await api.call("DELETE", path)).status).toBe(204);
    expect((await api.call("GET", path)).json).toEqual({ resource: "domain", error: "not found" });
    expect((await api.call("GET", "/v1/apps/domain-app")).json.app.url).toBe(
      "https://domain-app.osc-fr1.scalingo.io",
    );
  });
});
