/** Archives registered for outside URLs: what lets a test deploy Scalingo's Metabase archive offline. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../../emulator/scalingo/index";
import type { TestClient } from "./helpers";
import { createApp, makeArchive, pollUntil, setup } from "./helpers";

const METABASE = "https://github.com/Scalingo/metabase-scalingo/archive/796a167.tar.gz";

describe("archives registered for a URL", () => {
  let emulator: RunningEmulator;
  let api: TestClient;
  beforeAll(async () => {
    ({ emulator, api } = await setup());
  });
  beforeEach(async () => {
    await api.control("POST", "reset");
    await createApp(api, "bi-app");
  });
  afterAll(() => emulator.stop());

  const deployFrom = async (sourceUrl: string) => {
    const body = { deployment: { source_url: sourceUrl, git_ref: "796a167" } };
    const created = await api.call("POST", "/v1/apps/bi-app/deployments", body);
    expect(created.status).toBe(201);
    const path = `/v1/apps/bi-app/deployments/${created.json.deployment.id}`;
    const { json } = await pollUntil(api, path, (j) =>
      ["success", "build-error"].includes(j.deployment.status),
    );
    const output = await api.call("GET", `${path}/output`);
    return { status: json.deployment.status as string, output: output.text };
  };

  it("deploys the registered archive for exactly that URL", async () => {
    const archive = await makeArchive({ "mb/Procfile": "web: HEROKU=true ./bin/start\n" });
    const registered = await api.control("POST", "archives", {
      url: METABASE,
      archive: archive.toString("base64"),
    });
    expect(registered.status).toBe(201);
    expect(registered.json).toEqual({ archives: [METABASE] });
    const { status, output } = await deployFrom(METABASE);
    expect(status).toBe("success");
    expect(output).toContain(`Fetching source code from ${METABASE}`);
    expect(output).toContain("process type web: HEROKU=true ./bin/start");
    const containers = (await api.call("GET", "/v1/apps/bi-app/containers")).json.containers;
    expect(containers.map((c: { name: string }) => c.name)).toEqual(["web"]);
  });

  it("still ends an unknown outside URL in build-error, saying why", async () => {
    const { status, output } = await deployFrom(
      "https://github.com/Scalingo/metabase-scalingo/archive/v9.tar.gz",
    );
    expect(status).toBe("build-error");
    expect(output).toContain(
      "cannot download https://github.com/Scalingo/metabase-scalingo/archive/v9.tar.gz",
    );
  });

  it("lists, forgets on DELETE and on reset, and refuses a body without url or archive", async () => {
    await api.control("POST", "archives", { url: METABASE, archive: "H4sI" });
    expect((await api.control("GET", "archives")).json).toEqual({ archives: [METABASE] });
    expect((await api.control("DELETE", "archives")).json).toEqual({ archives: [] });
    await api.control("POST", "archives", { url: METABASE, archive: "H4sI" });
    await api.control("POST", "reset");
    expect((await api.control("GET", "archives")).json).toEqual({ archives: [] });
    const noUrl = await api.control("POST", "archives", { archive: "H4sI" });
    expect(noUrl.status).toBe(400);
    expect(noUrl.json.error).toBe("`url` (an http(s) URL) is required");
    const noArchive = await api.control("POST", "archives", { url: METABASE });
    expect(noArchive.json.error).toBe("`archive` (base64 of a .tar.gz) is required");
  });
});
