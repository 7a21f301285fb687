import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../../emulator/scalingo/index";
import type { TestClient } from "./helpers";
import { createApp, deploy, makeArchive, pollUntil, request, setup, uploadSource } from "./helpers";

describe("sources and deployments", () => {
  let emulator: RunningEmulator;
  let api: TestClient;
  beforeAll(async () => {
    ({ emulator, api } = await setup());
  });
  beforeEach(async () => {
    await api.control("POST", "reset");
    await createApp(api, "deploy-app");
  });
  afterAll(() => emulator.stop());

  const start = (sourceUrl: string) =>
    api.call("POST", "/v1/apps/deploy-app/deployments", {
      deployment: { source_url: sourceUrl, git_ref: "v1" },
    });

  it("gives upload and download URLs on the emulator itself and serves back what was uploaded", async () => {
    const source = await api.call("POST", "/v1/sources", {});
    expect(source.status).toBe(201);
    expect(source.json.source.upload_url.startsWith(`${emulator.url}/sources/`)).toBe(true);
    const archive = await makeArchive({ "app/index.js": "x" });
    expect(
      (await request(source.json.source.upload_url, "PUT", archive, { "Content-Type": "application/x-gzip" }))
        .status,
    ).toBe(200);
    const downloaded = await fetch(source.json.source.download_url);
    expect(Buffer.from(await downloaded.arrayBuffer()).equals(archive)).toBe(true);
  });

  it("goes queued → building → pushing → starting → success, reads the Procfile and records the deployment", async () => {
    const sourceUrl = await uploadSource(
      api,
      await makeArchive({ "app/Procfile": "web: node a.js\nworker: node w.js\n" }),
    );
    const created = await start(sourceUrl);
    expect(created.status).toBe(201);
    expect(created.json.deployment).toMatchObject({ status: "queued", git_ref: "v1", type: "archive" });
    const order = ["queued", "building", "pushing", "starting", "success"];
    const seen: number[] = [];
    const id = created.json.deployment.id;
    await pollUntil(api, `/v1/apps/deploy-app/deployments/${id}`, (j) => {
      seen.push(order.indexOf(j.deployment.status));
      return j.deployment.status === "success";
    });
    expect(seen).toEqual([...seen].sort());
    const app = (await api.call("GET", "/v1/apps/deploy-app")).json.app;
    expect(app).toMatchObject({ status: "running", last_deployment_id: id });
    const types = (await api.call("GET", "/v1/apps/deploy-app/containers")).json.containers.map(
      (c: { name: string }) => c.name,
    );
    expect(types).toEqual(["web", "worker"]);
    const output = await api.call("GET", `/v1/apps/deploy-app/deployments/${id}/output`);
    expect(output.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(output.text).toContain("process type worker: node w.js");
    expect(output.text).toContain("Deployment success");
    const list = (await api.call("GET", "/v1/apps/deploy-app/deployments")).json;
    expect(list.deployments.map((d: { id: string }) => d.id)).toEqual([id]);
    expect(list.meta.pagination).toMatchObject({ current_page: 1, total_count: 1, next_page: null });
  });

  it("fails with build-error when the app folder holds .paasenv-fail-build", async () => {
    const deployment = await deploy(api, "deploy-app", {
      "app/Procfile": "web: x\n",
      "app/.paasenv-fail-build": "",
    });
    expect(deployment.status).toBe("build-error");
    const app = (await api.call("GET", "/v1/apps/deploy-app")).json.app;
    expect(app).toMatchObject({ status: "new", last_deployment_id: null });
    const output = await api.call("GET", `/v1/apps/deploy-app/deployments/${deployment.id}/output`);
    expect(output.text).toContain(".paasenv-fail-build");
  });

  it.each([
    ["a non-gzip archive", () => Buffer.from("plain text"), "the archive is not gzipped"],
    [
      "gzip that is not tar",
      () => gzipSync(Buffer.from("not a tar file, just text")),
      "not a valid tar file",
    ],
    ["two top-level folders", () => makeArchive({ "a/x": "1", "b/y": "2" }), "single top-level folder"],
  ])("fails the build for %s", async (_label, archive, message) => {
    const sourceUrl = await uploadSource(api, await archive());
    const created = await start(sourceUrl);
    const id = created.json.deployment.id;
    await pollUntil(
      api,
      `/v1/apps/deploy-app/deployments/${id}`,
      (j) => j.deployment.status === "build-error",
    );
    expect((await api.call("GET", `/v1/apps/deploy-app/deployments/${id}/output`)).text).toContain(message);
  });

  it("refuses a second deployment while one runs, and a missing source_url", async () => {
    // Slow operations so the first deployment is surely still running, whatever the machine's load.
    const slow = await setup({ operationMs: 10_000 });
    try {
      await createApp(slow.api, "deploy-app");
      const sourceUrl = await uploadSource(slow.api, await makeArchive({ "app/Procfile": "web: x\n" }));
      const body = { deployment: { source_url: sourceUrl } };
      expect((await slow.api.call("POST", "/v1/apps/deploy-app/deployments", body)).status).toBe(201);
      const second = await slow.api.call("POST", "/v1/apps/deploy-app/deployments", body);
      expect(second.status).toBe(422);
      expect(second.json.errors).toEqual({ app: ["a deployment is already in progress"] });
    } finally {
      await slow.emulator.stop();
    }
    const missing = await api.call("POST", "/v1/apps/deploy-app/deployments", { deployment: {} });
    expect(missing.json.errors).toEqual({ source_url: ["can't be blank"] });
  });
});
