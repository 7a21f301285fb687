/**
 * Deployment against the emulator: one deployment per version, followed until success; an unchanged version
 * makes no call; a failed build names the deployment, its status and the end of its output.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { create as createTar } from "tar";
import { beforeEach, describe, expect, it } from "vitest";
import { appProvider } from "../../../providers/scalingo/app-provider";
import { deploymentProvider } from "../../../providers/scalingo/deployment-provider";
import { api, checkAndCreate, type Harness, rejection, useHarness } from "./harness";

const ARCHIVE = "https://github.com/Scalingo/metabase-scalingo/archive/v1.tar.gz";
const harness = useHarness([appProvider, deploymentProvider]);
let h: Harness;
let appId: string;

/** A .tar.gz whose single folder holds a Procfile, registered for `url`. */
async function register(url: string, procfile: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "paasenv-archive-"));
  try {
    await mkdir(join(dir, "mb"));
    await writeFile(join(dir, "mb", "Procfile"), procfile);
    await createTar({ gzip: true, file: join(dir, "a.tar.gz"), cwd: dir }, ["mb"]);
    const archive = (await readFile(join(dir, "a.tar.gz"))).toString("base64");
    const res = await fetch(`${h.url}/__emulator/archives`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ url, archive }),
    });
    if (res.status !== 201) throw new Error(`register ${url}: ${res.status}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

beforeEach(async () => {
  h = harness();
  appId = (await appProvider.create({ name: "shop-metabase", region: "osc-fr1" })).id;
  await register(ARCHIVE, "web: HEROKU=true ./bin/start\n");
});

const inputs = (extra: Record<string, unknown> = {}) => ({
  appId,
  region: "osc-fr1",
  sourceUrl: ARCHIVE,
  gitRef: "v1",
  resourceName: "shop-metabase-deployment",
  __provider: "code",
  ...extra,
});
const calls = async () => (await h.requests()).map((r) => `${r.method} ${r.path}`);

describe("Deployment against the emulator", () => {
  it("deploys once, waits for success, and redeploys only for a new version", async () => {
    await h.clearRequests();
    const { id, outs, inputs: checked } = await checkAndCreate(deploymentProvider, inputs());
    expect(outs).toMatchObject({ deploymentId: id, status: "success", gitRef: "v1" });
    expect((await h.writes()).map((w) => `${w.method} ${w.path}`)).toEqual([
      `POST /v1/apps/${appId}/deployments`,
    ]);
    const app = (await h.state()).regions["osc-fr1"]?.apps["shop-metabase"];
    const deployments = (app?.deployments ?? []) as { status: string; git_ref?: string }[];
    expect(deployments.map((d) => `${d.status} ${d.git_ref}`)).toEqual(["success v1"]);
    expect(await deploymentProvider.diff(id, outs, checked)).toEqual({ changes: false, replaces: [] });
    await h.clearRequests();
    const read = await deploymentProvider.read(id, outs);
    expect(read.props).toMatchObject({ status: "success", gitRef: "v1" });
    expect(await calls()).toEqual([`GET /v1/apps/${appId}/deployments/${id}`]);
    const next = { ...checked, gitRef: "v2", sourceUrl: ARCHIVE.replace("v1", "v2") };
    await register(next.sourceUrl, "web: HEROKU=true ./bin/start\n");
    expect(await deploymentProvider.diff(id, outs, next)).toMatchObject({ changes: true, replaces: [] });
    const updated = await deploymentProvider.update(id, outs, next);
    expect(updated.outs).toMatchObject({ status: "success", gitRef: "v2" });
    expect(updated.outs?.deploymentId).not.toBe(id);
  });

  it("fails a build-error with the deployment, its status and the end of the build output", async () => {
    const unknown = "https://github.com/Scalingo/metabase-scalingo/archive/v404.tar.gz";
    const error = await rejection(
      checkAndCreate(deploymentProvider, inputs({ sourceUrl: unknown, gitRef: "v404" })),
    );
    expect(error.message).toMatch(
      new RegExp(
        `^create deployment v404 of app ${appId}: deployment [0-9a-f]{24} ended in \`build-error\`; the build output ends with:\\n`,
      ),
    );
    expect(error.message).toContain(`cannot download ${unknown}`);
  });

  it("follows a deployment of the same version still under way instead of starting another", async () => {
    const body = { deployment: { source_url: ARCHIVE, git_ref: "v1" } };
    const started = (await api(h, "POST", `/v1/apps/${appId}/deployments`, body)) as {
      deployment: { id: string };
    };
    await h.clearRequests();
    const { id, outs } = await checkAndCreate(deploymentProvider, inputs());
    expect(id).toBe(started.deployment.id);
    expect(outs.status).toBe("success");
    expect(await h.writes()).toEqual([]);
  });

  it("refuses, in check, a version or URL the API would not take", async () => {
    const { failures } = await deploymentProvider.check(
      {},
      inputs({ gitRef: "", sourceUrl: "ftp://x/y.tar.gz" }),
    );
    expect(failures?.map((f) => f.property).sort()).toEqual(["gitRef", "sourceUrl"]);
  });
});
