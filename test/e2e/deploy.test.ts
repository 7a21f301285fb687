import * as fs from "node:fs";
import * as path from "node:path";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reviewAppName } from "../../components/config/naming";
import { type SampleRepo, sampleRepo } from "../cli/deploy/repo";
import { productionConfig } from "./configs";
import {
  type AppServer,
  appServer,
  deployedApp,
  loggedCalls as loggedCallsOf,
  paasenvIn,
} from "./deploy-helpers";
import { clearRequests, type E2E, openStack, startE2E } from "./harness";

// `paasenv deploy` as a user runs it: the real CLI (tsx cli/main.ts) in a child process, the real
// Pulumi engine on a project copy, the emulator. `review up 9` creates the review app; `deploy review-9`
// uploads a git archive of the sample app and follows the deployment.

const ROOT = path.resolve(__dirname, "..", "..");

let e2e: E2E;
let repo: SampleRepo;
let site: AppServer;

const paasenv = (args: string[], cwd?: string) => paasenvIn(e2e, args, cwd);
const emulatorApp = (name: string) => deployedApp(e2e, name);
const loggedCalls = () => loggedCallsOf(e2e);

const REVIEW_APP = reviewAppName("myapp-staging", 9);

beforeAll(async () => {
  e2e = await startE2E("deploy");
  site = await appServer();
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
  await site?.close();
  await e2e?.stop();
});

describe("paasenv deploy", () => {
  it("deploys a git archive of the sample app to review-9 (web and worker types, the commit as git_ref), verified once it answers", async () => {
    const commit = repo.git("rev-parse", "HEAD");
    await clearRequests(e2e);
    const verify = ["--verify", "--verify-url", site.url, "--verify-path", "/ok/health"];
    const run = await paasenv(["deploy", "review-9", "--repo", repo.dir, ...verify, "--json"]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      stack: "review-9",
      app: REVIEW_APP,
      region: "osc-fr1",
      status: "success",
      gitRef: commit,
      verifyUrl: `${site.url}/ok/health`,
      verifiedStatus: 200,
    });
    expect(site.hits.get("/ok/health")).toBe(1);
    expect(run.stderr).toContain(`review-9: GET ${site.url}/ok/health → HTTP 200 OK`);
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

  it("--verify: fails naming the HTTP check when the app answers 502 or not at all", async () => {
    const verify = ["deploy", "review-9", "--repo", repo.dir, "--verify", "--verify-url", site.url];
    const bad = await paasenv([...verify, "--verify-path", "/bad", "--verify-timeout", "3s", "--json"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      new RegExp(
        "paasenv: deploy review-9: the app does not answer \\(check 2 of 2, the HTTP check, failed\\): deployment " +
          `[0-9a-f]+ reached success, but ${site.url}/bad did not answer 2xx or 3xx within 3s \\([2-9] request\\(s\\); ` +
          "last: HTTP 502 Bad Gateway\\)\\. The new version is deployed; nothing was rolled back",
      ),
    );
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, stack: "review-9", check: "http" });
    expect(site.hits.get("/bad")).toBeGreaterThanOrEqual(2);
    expect((await emulatorApp(REVIEW_APP))?.deployments[0]?.status).toBe("success");

    const never = await paasenv([
      "deploy",
      "review-9",
      "--repo",
      repo.dir,
      "--verify",
      "--verify-url",
      site.deadUrl,
      "--verify-timeout",
      "2s",
    ]);
    expect(never.code).toBe(1);
    expect(never.stderr).toContain(`but ${site.deadUrl}/ did not answer 2xx or 3xx within 2s (`);
    expect(never.stderr).toContain(
      `; last: no answer (connect ECONNREFUSED ${site.deadUrl.replace("http://", "")})).`,
    );
  });

  it("production: refuses an untagged ref before any API call, deploys a release, and refuses an older one", async () => {
    const production = await openStack(
      e2e,
      "production",
      productionConfig("deploy-e2e-production", { "paasenv:addons": {} }),
    );
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
    const early = await paasenv(["deploy", "production", "--ref", "v1.0.0"], infra);
    // The policy passes; the production app is not up yet, so the deploy stops at its outputs.
    expect(early.code).toBe(1);
    expect(early.stderr).toContain("deploy production: the stack has no `appName` output");
    // The workflow's checks before the first `up`: a dry run passes, with no app to compare with.
    const first = await paasenv(["deploy", "production", "--ref", "v1.0.0", "--dry-run", "--json"], infra);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ ok: true, dryRun: true, release: "v1.0.0" });
    expect(JSON.parse(first.stdout).app).toBeUndefined();
    expect(await loggedCalls()).toEqual([]);

    await production.up();
    const v110 = repo.commitFile("CHANGELOG.md", "1.1.0\n", "feat: 1.1.0");
    repo.git("tag", "v1.1.0");
    const ok = await paasenv(
      [
        "deploy",
        "production",
        "--ref",
        "v1.1.0",
        "--verify",
        "--verify-url",
        site.url,
        "--verify-path",
        "/ok",
        "--json",
      ],
      infra,
    );
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ release: "v1.1.0", gitRef: v110, verifiedStatus: 200 });
    expect(JSON.parse(ok.stdout).running).toBeUndefined();

    await clearRequests(e2e);
    const older = await paasenv(["deploy", "production", "--ref", "v1.0.0", "--verify", "--json"], infra);
    expect(older.code).toBe(1);
    expect(older.stderr).toMatch(
      /paasenv: deploy production refused: production runs v1\.1\.0 \(deployment [0-9a-f]+\) and v1\.0\.0 is older; deploy v1\.1\.0 or a newer release, or pass --force/,
    );
    expect(JSON.parse(older.stdout)).toMatchObject({
      ok: false,
      check: "guard",
      release: "v1.0.0",
      running: { gitRef: v110, release: "v1.1.0" },
    });
    expect((await loggedCalls()).filter((call) => !call.startsWith("GET "))).toEqual([
      "POST /v1/tokens/exchange",
    ]);
    // The workflow's checks before `up` refuse it too, before the older infrastructure code is applied.
    const olderDryRun = await paasenv(["deploy", "production", "--ref", "v1.0.0", "--dry-run"], infra);
    expect(olderDryRun.code).toBe(1);
    expect(olderDryRun.stderr).toContain("deploy production refused: production runs v1.1.0");
  });
});
