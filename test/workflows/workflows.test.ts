import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { type JobView, jobsOf, violations } from "./threat-model";

// The threat model of docs/safety.md, checked on the workflows as GitHub reads them (parsed YAML): which job
// runs on which events, in which GitHub environment, with which secrets; and that nothing a pull request
// controls ever holds a production credential.

const WORKFLOWS = path.resolve(__dirname, "..", "..", ".github", "workflows");
/** The workflows of examples/, the project other teams start from: the same design, run with `npx paasenv`. */
const EXAMPLE_WORKFLOWS = path.resolve(__dirname, "..", "..", "examples", ".github", "workflows");

function allJobs(dir = WORKFLOWS): JobView[] {
  return fs
    .readdirSync(dir)
    .filter((file) => /\.ya?ml$/.test(file))
    .sort()
    .flatMap((file) => jobsOf(file, fs.readFileSync(path.join(dir, file), "utf8")));
}

const STATE = ["STATE_ACCESS_KEY_ID", "STATE_SECRET_ACCESS_KEY"];
const SCW = ["SCW_ACCESS_KEY", "SCW_SECRET_KEY"];
const PRODUCTION = (names: string[]) => names.map((name) => `PRODUCTION_${name}`);

describe("the workflows' threat model", () => {
  it("gives each job the environment and the secrets docs/safety.md says", () => {
    const table = allJobs().map((j) => [
      j.workflow,
      j.job,
      j.triggers.join(","),
      j.environment ?? "-",
      j.secrets,
      j.gate,
    ]);
    const staging = ["PULUMI_ACCESS_TOKEN", "PULUMI_CONFIG_PASSPHRASE", ...STATE, ...SCW];
    const withScalingo = [...staging, "SCALINGO_API_TOKEN"].sort();
    const production = PRODUCTION(["PULUMI_CONFIG_PASSPHRASE", ...STATE, ...SCW]).sort();
    const productionWithScalingo = [...production, "PRODUCTION_SCALINGO_API_TOKEN"].sort();
    expect(table).toEqual([
      ["ci.yml", "ci", "pull_request,push", "-", [], "-"],
      ["nightly.yml", "review-gc", "schedule,workflow_dispatch", "review", withScalingo, "-"],
      ["nightly.yml", "drift-staging", "schedule,workflow_dispatch", "drift-staging", withScalingo, "-"],
      [
        "nightly.yml",
        "drift-production",
        "schedule,workflow_dispatch",
        "drift-production",
        productionWithScalingo,
        "-",
      ],
      [
        "production-preview.yml",
        "preview",
        "push,workflow_dispatch",
        "preview-production",
        production,
        "pack",
      ],
      ["production.yml", "up", "push", "production", productionWithScalingo, "pack"],
      ["production.yml", "release", "push", "-", [], "-"],
      ["production.yml", "notify", "push", "release-notice", ["CHAT_WEBHOOK_URL"], "-"],
      ["pull-request.yml", "check", "pull_request", "-", [], "check"],
      ["pull-request.yml", "preview-staging", "pull_request", "preview-staging", staging.sort(), "pack"],
      ["pull-request.yml", "review-up", "pull_request", "review", withScalingo, "pack"],
      ["pull-request.yml", "review-down", "pull_request", "review", withScalingo, "-"],
      ["staging.yml", "up", "push,workflow_dispatch", "staging", withScalingo, "pack"],
    ]);
  });

  it("gives contents: write to the job that creates the GitHub release only, and no job more than it needs", () => {
    const permissions = allJobs()
      .filter((j) => j.permissions !== "contents: read")
      .map((j) => [j.workflow, j.job, j.permissions]);
    expect(permissions).toEqual([
      ["nightly.yml", "drift-production", "contents: read, id-token: write"],
      ["production-preview.yml", "preview", "contents: read, id-token: write"],
      ["production.yml", "up", "contents: read, id-token: write"],
      ["production.yml", "release", "contents: write"],
      ["pull-request.yml", "preview-staging", "contents: read, pull-requests: write"],
    ]);
  });

  it("keeps production's environments and secrets out of every job a pull request can run", () => {
    expect(violations(allJobs())).toEqual([]);
  });

  it("would catch each way a workflow could break it", () => {
    const bad = `
on: [pull_request_target, push]
env:
  LEAK: \${{ secrets.PRODUCTION_PULUMI_CONFIG_PASSPHRASE }}
jobs:
  preview:
    environment: { name: production }
    steps: [{ run: "echo \${{ secrets['X'] }}" }]
  review:
    environment: review-\${{ github.run_id }}
    steps: [{ run: "echo \${{ secrets.REPO_TOKEN }}" }]
`;
    expect(violations(jobsOf("bad.yml", bad))).toEqual([
      "bad.yml › preview runs on pull_request_target",
      "bad.yml › preview runs on pull requests in production environment production",
      "bad.yml › preview runs on pull requests with PRODUCTION_PULUMI_CONFIG_PASSPHRASE",
      "bad.yml › preview looks a secret up by a computed name",
      "bad.yml › preview may run production credentials on a ref other than main or a release tag",
      "bad.yml › review runs on pull_request_target",
      "bad.yml › review runs on pull requests with PRODUCTION_PULUMI_CONFIG_PASSPHRASE",
      "bad.yml › review references PRODUCTION_PULUMI_CONFIG_PASSPHRASE outside a production environment",
      "bad.yml › review computes its environment: name it literally",
    ]);
    const ungated = `
on: push
jobs:
  up:
    environment: staging
    steps:
      - { uses: pulumi/actions@v7, with: { command: up, stack-name: staging } }
  preview:
    environment: staging
    steps: [{ run: "npm run --silent paasenv -- preview staging --markdown p.md" }]
  drift:
    environment: staging
    steps: [{ run: "npm run --silent paasenv -- preview staging --refresh --expect-no-changes" }]
`;
    expect(violations(jobsOf("ungated.yml", ungated))).toEqual([
      "ungated.yml › up runs a preview or an up without the production gate (--policy-pack policy)",
      "ungated.yml › preview runs a preview or an up without the production gate (--policy-pack policy)",
    ]);
    const noEnvironment = `on: push\njobs:\n  deploy:\n    steps: [{ run: x, env: { T: "\${{ secrets.TOKEN }}" } }]\n`;
    expect(violations(jobsOf("plain.yml", noEnvironment))).toEqual([
      "plain.yml › deploy references TOKEN with no environment (repository secrets)",
    ]);
  });
});

describe("the example's workflows (examples/.github/workflows)", () => {
  // The example mirrors this repository's workflows job for job (ci.yml aside: it tests paasenv itself) with the
  // same triggers, conditions, environments, secrets and token permissions. One difference, said in its
  // comments: the paasenv package does not ship the production gate's policy pack yet, so its previews and ups
  // run without it; its pull requests run `paasenv check`, which the package does ship.
  const withoutGate = (jobs: JobView[]) => jobs.map(({ gate: _gate, deploys: _deploys, ...job }) => job);

  it("holds exactly this repository's jobs, environments, secrets and permissions", () => {
    const ours = allJobs().filter((j) => j.workflow !== "ci.yml");
    expect(withoutGate(allJobs(EXAMPLE_WORKFLOWS))).toEqual(withoutGate(ours));
  });

  it("runs paasenv check on pull requests, and breaks the threat model nowhere but the missing pack", () => {
    const jobs = allJobs(EXAMPLE_WORKFLOWS);
    expect(jobs.filter((j) => j.gate !== "-").map((j) => `${j.workflow} › ${j.job}: ${j.gate}`)).toEqual([
      "pull-request.yml › check: check",
    ]);
    const problems = violations(jobs).filter(
      (p) => !p.endsWith("without the production gate (--policy-pack policy)"),
    );
    expect(problems).toEqual([]);
  });
});
