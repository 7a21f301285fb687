import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEmulator } from "../../../emulator/scalingo/index";
import { clientFor, createApp, deploy, FAST, pollUntil, request } from "./helpers";

describe("--state-file", () => {
  let dir: string;
  let stateFile: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "emulator-state-"));
    stateFile = join(dir, "nested", "state.json");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps everything across a restart, IDs keep counting, and writes leave no temporary file", async () => {
    const first = await startEmulator({ ...FAST, stateFile });
    const api = await clientFor(first);
    await createApp(api, "persist-app");
    await createApp(api, "secnum-app", "/osc-secnum-fr1");
    await api.call("PUT", "/v1/apps/persist-app/variables", { variables: [{ name: "A", value: "1" }] });
    const plans = (await api.call("GET", "/v1/addon_providers/redis/plans")).json.plans;
    await api.call("POST", "/v1/apps/persist-app/addons", {
      addon: { addon_provider_id: "redis", plan_id: plans[0].id },
    });
    await api.call("POST", "/v1/apps/persist-app/domains", { domain: { name: "persist.example.com" } });
    await deploy(api, "persist-app", { "app/Procfile": "web: x\nworker: y\n" });
    await api.call("POST", "/v1/apps/persist-app/scale", { containers: [{ name: "worker", amount: 1 }] });
    await new Promise((resolve) => setTimeout(resolve, 100)); // let operations and provisioning finish
    const before = (await api.control("GET", "state")).json;
    await first.stop();

    expect(JSON.parse(readFileSync(stateFile, "utf8")).version).toBe(1);
    expect(readdirSync(join(dir, "nested"))).toEqual(["state.json"]);

    const second = await startEmulator({ ...FAST, stateFile });
    try {
      const again = await clientFor(second);
      expect((await again.control("GET", "state")).json).toEqual(before);
      const app = (await again.call("GET", "/v1/apps/persist-app")).json.app;
      expect(app.id).toBe(before.regions["osc-fr1"].apps["persist-app"].app.id);
      const next = await createApp(again, "after-restart");
      const ids = Object.values(before.regions["osc-fr1"].apps).map(
        (a) => (a as { app: { id: string } }).app.id,
      );
      expect(ids).not.toContain(next.id);
    } finally {
      await second.stop();
    }
  });

  it("finishes a transition that was pending when the emulator stopped", async () => {
    const first = await startEmulator({ ...FAST, addonProvisionMs: 150, stateFile });
    const api = await clientFor(first);
    await createApp(api, "pending-app");
    const plans = (await api.call("GET", "/v1/addon_providers/postgresql/plans")).json.plans;
    const addon = (
      await api.call("POST", "/v1/apps/pending-app/addons", {
        addon: { addon_provider_id: "postgresql", plan_id: plans[0].id },
      })
    ).json.addon;
    expect(addon.status).toBe("provisioning");
    await first.stop();
    const second = await startEmulator({ ...FAST, stateFile });
    try {
      const again = await clientFor(second);
      await pollUntil(again, `/v1/apps/pending-app/addons/${addon.id}`, (j) => j.addon.status === "running");
    } finally {
      await second.stop();
    }
  });

  it("starts empty when the file does not exist yet and refuses a file that is not an emulator state", async () => {
    const emulator = await startEmulator({ ...FAST, stateFile });
    try {
      expect((await request(`${emulator.url}/__emulator/state`, "GET")).json.regions["osc-fr1"].apps).toEqual(
        {},
      );
      expect(existsSync(stateFile)).toBe(false);
    } finally {
      await emulator.stop();
    }
    const bogus = join(dir, "bogus.json");
    writeFileSync(bogus, '{"hello":1}');
    await expect(startEmulator({ ...FAST, stateFile: bogus })).rejects.toThrow(
      `Emulator state file ${bogus} is not a version 1 emulator state.`,
    );
  });
});
