import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { reviewAppName } from "../../components/config/naming";
import { type SampleRepo, sampleRepo } from "../cli/deploy/repo";
import { productionConfig } from "./configs";
import { clearRequests, type E2E, openStack, startE2E } from "./harness";

// `paasenv deploy` as a user runs it: the real CLI (tsx cli/main.ts) in a child process, the real
// Pulumi engine on a project copy, the emulator. `review up 9` creates the review app; `deploy review-9`
// uploads a git archive of the sample app and follows the deployment.

const ROOT = path.resolve(__dirname, "..", "..");
const TSX = require.resolve("tsx/cli", { paths: [ROOT] });

let e2e: E2E;
let repo: SampleRepo;

/** One CLI run: exit code and both streams. */
interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `paasenv --cwd <project> -q <args>` in `cwd` with the end-to-end environment. */
function paasenv(args: string[], cwd = ROOT): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [TSX, path.join(ROOT, "cli", "main.ts"), "--cwd", e2e.project.dir, "-q", ...args],
      { cwd, env: { ...e2e.env, SCALINGO_POLL_INTERVAL_MS: "50" }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const stateSchema = z.object({
  regions: z.record(
    z.string(),
    z.object({
      apps: z.record(
        z.string(),
        z.object({
          app: z.object({ last_deployment_id: z.string().nullish() }),
          containers: z.array(z.object({ name: z.string(), amount: z.number() })),
          deployments: z.array(
            z.object({ id: z.string(), status: z.string(), git_ref: z.string().nullish() }),
          ),
        }),
      ),
    }),
  ),
});

async function emulatorApp(name: string) {
  const response = await fetch(`${e2e.emulator.url}/__emulator/state`);
  return stateSchema.parse(await response.json()).regions["osc-fr1"]?.apps[name];
}

/** The logged requests as `"<METHOD> <path>"`. */
async function loggedCalls(): Promise<string[]> {
  const response = await fetch(`${e2e.emulator.url}/__emulator/requests`);
  const { requests } = z
    .object({ requests: z.array(z.object({ method: z.string(), path: z.string() })) })
    .parse(await response.json());
  return requests.map((request) => `${request.method} ${request.path}`);
}

const REVIEW_APP = reviewAppName("myapp-staging", 9);

beforeAll(async () => {
  e2e = await startE2E("deploy");
  repo = sampleRepo();
  fs.copyFileSync(path.join(ROOT, "Pulumi.staging.yaml"), path.join(e2e.project.dir, "Pulumi.staging.yaml"));
  await LocalWorkspace.createOrSelectStack(
    { stackName: "staging", workDir: e2e.project.dir },
    { pulumiCommand: e2e.command, envVars: e2e.env },
  );
  const up = await paasenv([
    "review",
    "up",
    "9",
    "--set",
    "storage.enabled=false",
    "--set",
    "dns.provider=none",
  ]);
  if (up.code !== 0) throw new Error(`review up 9 failed (${up.code}):\n${up.stderr}`);
});

afterAll(async () => {
  repo?.remove();
  await e2e?.stop();
});

describe("paasenv deploy", () => {
  it("deploys a git archive of the sample app to review-9: web and worker types, the commit as git_ref", async () => {
    const commit = repo.git("rev-parse", "HEAD");
    await clearRequests(e2e);
    const run = await paasenv(["deploy", "review-9", "--repo", repo.dir, "--json"]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      stack: "review-9",
      app: REVIEW_APP,
      region: "osc-fr1",
      status: "success",
      gitRef: commit,
    });
    expect(run.stderr).toContain(
      `git archive HEAD (${commit.slice(0, 12)}) → sample-app-${commit.slice(0, 12)}/`,
    );
    expect(run.stderr).toMatch(/review-9: queued\n[\s\S]*review-9: success\n/);

    const calls = (await loggedCalls()).filter((call) => !call.startsWith("GET "));
    expect(calls).toEqual([
      "POST /v1/tokens/exchange",
      "POST /v1/sources",
      expect.stringMatching(/^PUT \/sources\/[0-9a-f]+$/),
      `POST /v1/apps/${REVIEW_APP}/deployments`,
    ]);
    const app = await emulatorApp(REVIEW_APP);
    expect(app?.deployments.map((d) => [d.status, d.git_ref])).toEqual([["success", commit]]);
    expect(app?.app.last_deployment_id).toBe(app?.deployments[0]?.id);
    expect(app?.containers.map((c) => c.name)).toEqual(expect.arrayContaining(["web", "worker"]));
  });

  it("fails with build-error on an archive carrying the failure marker, printing the end of the build output", async () => {
    const commit = repo.commitFile(".paasenv-fail-build", "", "break the build");
    const archive = path.join(path.dirname(repo.dir), "broken.tar.gz");
    repo.git("archive", "--format=tar.gz", "--prefix=broken/", "-o", archive, commit);
    const run = await paasenv(["deploy", "review-9", "--archive", archive, "--ref", "broken-build"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(
      new RegExp(
        `paasenv: deploy review-9: deployment [0-9a-f]+ of ${REVIEW_APP} failed with status build-error: `,
      ),
    );
    expect(run.stderr).toContain("  | -----> Procfile detected");
    expect(run.stderr).toContain(" !     build failed: .paasenv-fail-build found in the app folder");
    const app = await emulatorApp(REVIEW_APP);
    expect(app?.deployments.map((d) => [d.status, d.git_ref])[0]).toEqual(["build-error", "broken-build"]);
    repo.git("revert", "--no-edit", "HEAD");
  });

  it("refuses an untagged ref on a production stack before any API call, and lets a release tag through", async () => {
    await openStack(e2e, "production", productionConfig("deploy-e2e-production"));
    await clearRequests(e2e);
    // No --repo: the repository of the current directory, here a subfolder as if paasenv lived in infra/.
    const infra = path.join(repo.dir, "myapp");
    const refused = await paasenv(["deploy", "production"], infra);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'paasenv: deploy production refused: production is a production stack: it only deploys a commit tagged vX.Y.Z, and "HEAD"',
    );
    expect(await loggedCalls()).toEqual([]);

    repo.git("tag", "v1.0.0");
    const tagged = await paasenv(["deploy", "production", "--ref", "v1.0.0"], infra);
    // The policy passes; the production app was never brought up here, so the deploy stops at its outputs.
    expect(tagged.code).toBe(1);
    expect(tagged.stderr).toContain("deploy production: the stack has no `appName` output");
    expect(await loggedCalls()).toEqual([]);
  });
});
