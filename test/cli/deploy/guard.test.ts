import * as fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createDeployment,
  createSource,
  DEPLOYMENT_PAGE_SIZE,
  deploySession,
  uploadArchive,
} from "../../../cli/deploy/api";
import { followDeployment } from "../../../cli/deploy/follow";
import { gitArchive } from "../../../cli/deploy/git";
import { releaseGuard, releaseOfGitRef, runningOf } from "../../../cli/deploy/guard";
import { type RunningEmulator, startEmulator } from "../../../emulator/scalingo";
import { type ScalingoClient, scalingoClient } from "../../../providers/scalingo/client";
import { type SampleRepo, sampleRepo } from "./repo";

// The release guard of production: what production runs, read from the emulator's deployments over real HTTP
// and the repository's tags, and the decision.

let emulator: RunningEmulator;
let client: ScalingoClient;
let repo: SampleRepo;

beforeAll(async () => {
  emulator = await startEmulator({ rateLimit: 0, addonProvisionMs: 5, operationMs: 5 });
  const env = {
    SCALINGO_AUTH_URL: emulator.url,
    SCALINGO_API_TOKEN: "tk-guard",
    SCALINGO_POLL_INTERVAL_MS: "5",
  };
  client = await scalingoClient(deploySession(env, {}), "osc-fr1");
  for (const name of ["guard-app", "guard-empty"]) {
    await client.request({ op: "create app", method: "POST", path: "/v1/apps", body: { app: { name } } });
  }
  repo = sampleRepo();
});

afterAll(async () => {
  repo?.remove();
  await emulator?.stop();
});

/** Deploys HEAD of the sample repository to `app` with `gitRef`, to its end. */
async function deployed(app: string, gitRef: string): Promise<string> {
  const built = await gitArchive(repo.dir, repo.git("rev-parse", "HEAD"));
  const source = await createSource(client);
  await uploadArchive(client, source.upload_url, fs.readFileSync(built.file));
  built.remove();
  const created = await createDeployment(client, app, source.download_url, gitRef);
  return (await followDeployment({ client, app, deployment: created, timeoutMs: 60_000, onStatus: () => {} }))
    .status;
}

async function listCalls(): Promise<string[]> {
  const response = await fetch(`${emulator.url}/__emulator/requests`);
  const { requests } = (await response.json()) as {
    requests: Array<{ method: string; path: string; query: string }>;
  };
  return requests.filter((r) => r.path.endsWith("/deployments") && r.method === "GET").map((r) => r.query);
}

describe("runningOf", () => {
  it("finds the last successful deployment past a page of failures, and its release tag", async () => {
    repo.git("tag", "v1.1.0");
    const good = repo.git("rev-parse", "HEAD");
    expect(await deployed("guard-app", good)).toBe("success");
    repo.commitFile(".paasenv-fail-build", "", "break the build");
    for (let i = 0; i < DEPLOYMENT_PAGE_SIZE; i++)
      expect(await deployed("guard-app", `broken-${i}`)).toBe("build-error");
    await fetch(`${emulator.url}/__emulator/requests`, { method: "DELETE" });
    expect(await runningOf(client, "guard-app", repo.dir)).toMatchObject({ gitRef: good, release: "v1.1.0" });
    expect(await listCalls()).toEqual(["page=1&per_page=20", "page=2&per_page=20"]);
    expect(await runningOf(client, "guard-app", undefined)).toMatchObject({
      gitRef: good,
      release: undefined,
    });
  });

  it("finds nothing on an app never deployed, in one call", async () => {
    await fetch(`${emulator.url}/__emulator/requests`, { method: "DELETE" });
    expect(await runningOf(client, "guard-empty", repo.dir)).toBeUndefined();
    expect(await listCalls()).toEqual(["page=1&per_page=20"]);
  });
});

describe("releaseOfGitRef", () => {
  it("takes a release tag as is, looks a commit up in the repository's tags, and knows nothing else", async () => {
    const commit = repo.commitFile("x.txt", "x", "feat: x");
    repo.git("tag", "v1.2.0");
    repo.git("tag", "v1.2.1");
    repo.git("tag", "not-a-release");
    expect(await releaseOfGitRef("v3.0.0", undefined)).toBe("v3.0.0");
    expect(await releaseOfGitRef(commit, repo.dir)).toBe("v1.2.1");
    expect(await releaseOfGitRef(commit.slice(0, 12), repo.dir)).toBe("v1.2.1");
    expect(await releaseOfGitRef("0123456789abcdef0123456789abcdef01234567", repo.dir)).toBeUndefined();
    expect(await releaseOfGitRef("deadbeef", repo.dir)).toBeUndefined();
    expect(await releaseOfGitRef("main", repo.dir)).toBeUndefined();
    expect(await releaseOfGitRef(undefined, repo.dir)).toBeUndefined();
  });
});

describe("releaseGuard", () => {
  const running = (release: string | undefined) => ({ deploymentId: "d-7", gitRef: "0123abc", release });
  it.each([
    ["a newer release", "v1.3.0", running("v1.2.0"), false, true],
    ["the same release again", "v1.2.0", running("v1.2.0"), false, true],
    ["v1.10.0 after v1.9.0", "v1.10.0", running("v1.9.0"), false, true],
    ["an older release", "v1.1.9", running("v1.2.0"), false, false],
    ["an older release with --force", "v1.1.9", running("v1.2.0"), true, true],
    ["nothing deployed yet", "v1.0.0", undefined, false, true],
    ["no release (a forced branch deploy)", undefined, running("v1.2.0"), false, true],
  ])("%s", (_name, release, run, force, allowed) => {
    expect(releaseGuard({ stack: "production", release, running: run, force }).allowed).toBe(allowed);
  });

  it("names both releases and the way out when it refuses, and says when it cannot compare", () => {
    expect(
      releaseGuard({ stack: "production", release: "v1.1.9", running: running("v1.2.0"), force: false }),
    ).toEqual({
      allowed: false,
      reason:
        "production runs v1.2.0 (deployment d-7) and v1.1.9 is older; deploy v1.2.0 or a newer release, or pass " +
        "--force to go back to v1.1.9 on purpose (what newer versions migrated is not undone)",
    });
    expect(
      releaseGuard({ stack: "production", release: "v1.1.9", running: running(undefined), force: false }),
    ).toEqual({
      allowed: true,
      note:
        "production runs 0123abc (deployment d-7), which no release tag of the repository points at: cannot tell " +
        "whether v1.1.9 is older",
    });
  });
});
