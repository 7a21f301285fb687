import * as fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createDeployment,
  createSource,
  deploySession,
  getDeploymentOutput,
  uploadArchive,
} from "../../../cli/deploy/api";
import { followDeployment } from "../../../cli/deploy/follow";
import { gitArchive } from "../../../cli/deploy/git";
import { type RunningEmulator, startEmulator } from "../../../emulator/scalingo";
import { type ScalingoClient, scalingoClient } from "../../../providers/scalingo/client";
import { type SampleRepo, sampleRepo } from "./repo";

// The deploy calls against the emulator over real HTTP: upload, deployment, follow-up, output, and a create
// whose answer is lost.

const APP = "deploy-api-app";
let emulator: RunningEmulator;
let client: ScalingoClient;
let repo: SampleRepo;

const env = (url: string): NodeJS.ProcessEnv => ({
  SCALINGO_AUTH_URL: url,
  SCALINGO_API_TOKEN: "tk-deploy-api-test",
  SCALINGO_POLL_INTERVAL_MS: "10",
  SCALINGO_RETRY_BASE_MS: "1",
});

async function control(method: string, name: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${emulator.url}/__emulator/${name}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
  return response.json();
}

/** The logged requests as `"<METHOD> <path> <status>"`. */
async function requests(): Promise<string[]> {
  const { requests: list } = (await control("GET", "requests")) as {
    requests: Array<{ method: string; path: string; status: number }>;
  };
  return list.map((r) => `${r.method} ${r.path} ${r.status}`);
}

/** Archives HEAD of the sample repository and uploads it; returns the download URL. */
async function upload(): Promise<string> {
  const built = await gitArchive(repo.dir, repo.git("rev-parse", "HEAD"));
  try {
    const source = await createSource(client);
    await uploadArchive(client, source.upload_url, fs.readFileSync(built.file));
    return source.download_url;
  } finally {
    built.remove();
  }
}

beforeAll(async () => {
  emulator = await startEmulator({ rateLimit: 0, addonProvisionMs: 20, operationMs: 20 });
  client = await scalingoClient(deploySession(env(emulator.url), {}), "osc-fr1");
  await client.request({ op: "create app", method: "POST", path: "/v1/apps", body: { app: { name: APP } } });
  repo = sampleRepo();
});

afterAll(async () => {
  repo?.remove();
  await emulator?.stop();
});

describe("deploySession", () => {
  it("takes SCALINGO_API_TOKEN over the stack's scalingo:apiToken, and the stack's other scalingo: keys", () => {
    const stack = { "scalingo:apiToken": "tk-from-stack", "scalingo:apiUrl": "https://api.example" };
    expect(deploySession({ SCALINGO_API_TOKEN: "tk-from-env" }, stack).session?.settings).toMatchObject({
      apiToken: "tk-from-env",
      apiUrl: "https://api.example",
    });
    expect(deploySession({}, stack).session?.settings.apiToken).toBe("tk-from-stack");
    expect(deploySession({ SCALINGO_API_TOKEN: "" }, stack).session?.settings.apiToken).toBe("tk-from-stack");
  });
});

describe("upload, deploy and follow", () => {
  it("deploys the sample app: web and worker from its Procfile, statuses in order up to success", async () => {
    const commit = repo.git("rev-parse", "HEAD");
    await control("DELETE", "requests");
    const sourceUrl = await upload();
    const created = await createDeployment(client, APP, sourceUrl, commit);
    expect(created).toMatchObject({ status: "queued", git_ref: commit });
    const seen: string[] = [];
    const final = await followDeployment({
      client,
      app: APP,
      deployment: created,
      timeoutMs: 60_000,
      onStatus: (status) => seen.push(status),
    });
    expect(final.status).toBe("success");
    const order = ["queued", "building", "pushing", "starting", "success"];
    expect(seen[0]).toBe("queued");
    expect(seen.at(-1)).toBe("success");
    expect(seen.map((s) => order.indexOf(s))).toEqual([...new Set(seen.map((s) => order.indexOf(s)))].sort());

    const calls = await requests();
    expect(calls.slice(0, 3)).toEqual([
      "POST /v1/sources 201",
      expect.stringMatching(/^PUT \/sources\/[0-9a-f]+ 200$/),
      `POST /v1/apps/${APP}/deployments 201`,
    ]);
    const state = (await control("GET", "state")) as {
      regions: Record<string, { apps: Record<string, { containers: Array<{ name: string }> }> }>;
    };
    const types = state.regions["osc-fr1"]?.apps[APP]?.containers.map((c) => c.name);
    expect(types).toEqual(expect.arrayContaining(["web", "worker"]));
  });

  it("reads the build output of a failed build", async () => {
    const commit = repo.commitFile(".paasenv-fail-build", "", "break the build");
    const created = await createDeployment(client, APP, await upload(), commit);
    const final = await followDeployment({
      client,
      app: APP,
      deployment: created,
      timeoutMs: 60_000,
      onStatus: () => {},
    });
    expect(final.status).toBe("build-error");
    const output = await getDeploymentOutput(client, APP, final.id);
    expect(output).toContain("Procfile detected");
    expect(output).toContain("build-error");
    repo.git("revert", "--no-edit", "HEAD");
  });

  it("stops following after the timeout, naming the deployment and its status", async () => {
    const created = await createDeployment(client, APP, await upload(), "timeout-test");
    await expect(
      followDeployment({ client, app: APP, deployment: created, timeoutMs: 0, onStatus: () => {} }),
    ).rejects.toThrow(`deployment ${created.id} of ${APP} is still queued after 0 s`);
    await followDeployment({ client, app: APP, deployment: created, timeoutMs: 60_000, onStatus: () => {} });
  });

  it("names the upload URL without its signature when the upload fails", async () => {
    await expect(
      uploadArchive(
        client,
        `${emulator.url}/sources/000000000000000000000000?signature=s3cr3t`,
        Buffer.from("x"),
      ),
    ).rejects.toThrow(
      `upload the source archive: PUT ${emulator.url}/sources/000000000000000000000000 failed: 404`,
    );
  });
});

// A deployment that stays queued (one status step per 10 minutes), so that what the client sees does not
// depend on how fast the machine is.
describe("while a deployment is under way", () => {
  let slow: RunningEmulator;
  let slowClient: ScalingoClient;
  const slowControl = (method: string, name: string, body?: unknown) =>
    fetch(`${slow.url}/__emulator/${name}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    }).then(
      (response) =>
        response.json() as Promise<{ requests: Array<{ method: string; path: string; status: number }> }>,
    );

  beforeAll(async () => {
    slow = await startEmulator({ rateLimit: 0, operationMs: 600_000 });
    slowClient = await scalingoClient(deploySession(env(slow.url), {}), "osc-fr1");
    await slowClient.request({
      op: "create app",
      method: "POST",
      path: "/v1/apps",
      body: { app: { name: APP } },
    });
  });

  afterAll(async () => {
    await slow?.stop();
  });

  const uploadTo = async (target: ScalingoClient) => {
    const built = await gitArchive(repo.dir, repo.git("rev-parse", "HEAD"));
    try {
      const source = await createSource(target);
      await uploadArchive(target, source.upload_url, fs.readFileSync(built.file));
      return source.download_url;
    } finally {
      built.remove();
    }
  };

  it("does not start a second deployment when the answer to the first is lost", async () => {
    const sourceUrl = await uploadTo(slowClient);
    await slowControl("POST", "faults", {
      method: "POST",
      path: `/v1/apps/${APP}/deployments`,
      status: 502,
      when: "after",
    });
    await slowControl("DELETE", "requests");
    const created = await createDeployment(slowClient, APP, sourceUrl, "lost-answer");
    const { requests: calls } = await slowControl("GET", "requests");
    expect(calls.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      `POST /v1/apps/${APP}/deployments 502`,
      `GET /v1/apps/${APP}/deployments 200`,
    ]);
    expect(created).toMatchObject({ git_ref: "lost-answer", status: "queued" });
  });

  it("names the operation, method, path, status and Scalingo's message when a deployment is refused", async () => {
    await expect(createDeployment(slowClient, APP, await uploadTo(slowClient), "second")).rejects.toThrow(
      `deploy "${APP}": POST /v1/apps/${APP}/deployments failed: 422 (app: a deployment is already in progress)`,
    );
  });
});
