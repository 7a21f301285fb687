import { describe, expect, it } from "vitest";
import type { Io } from "../../../cli/lib/pulumi";
import { main } from "../../../cli/program";
import { type NoticeFacts, noticeOf } from "../../../cli/release/notice-text";

// The chat notice of a production release: one row per way a release run ends, with the full text a team
// reads; then the command as the workflow calls it (in-process, no API).

const BASE: NoticeFacts = {
  version: "v1.3.0",
  stack: "production",
  up: "success",
  release: "success",
  check: undefined,
  good: undefined,
  actor: "alice",
  releaseUrl: "https://github.com/acme/shop/releases/tag/v1.3.0",
  runUrl: "https://github.com/acme/shop/actions/runs/7",
};
const RUN = " Run: https://github.com/acme/shop/actions/runs/7";

describe("noticeOf", () => {
  it.each<[string, Partial<NoticeFacts>, "released" | "failed", string]>([
    [
      "released",
      { good: "v1.2.0" },
      "released",
      "v1.3.0 is in production, verified (tagged by alice). Release notes: https://github.com/acme/shop/releases/tag/v1.3.0",
    ],
    [
      "the HTTP check failed: the new version runs, going back needs --force",
      { up: "failure", release: "skipped", check: "http", good: "v1.2.0" },
      "failed",
      "Release v1.3.0 failed (tagged by alice): it is deployed but does not answer its HTTP check. Nothing was " +
        "rolled back. Version still believed good: v1.2.0; to redeploy it: " +
        `\`paasenv deploy production --ref v1.2.0 --force --verify\`.${RUN}`,
    ],
    [
      "the deployment failed: production still runs the good version",
      { up: "failure", release: "skipped", check: "deployment", good: "v1.2.0" },
      "failed",
      "Release v1.3.0 failed (tagged by alice): it did not reach production: its deployment failed (build or " +
        "start). Version still believed good: v1.2.0; to redeploy it: " +
        `\`paasenv deploy production --ref v1.2.0 --verify\`.${RUN}`,
    ],
    [
      "refused by the release guard",
      { up: "failure", release: "skipped", check: "guard", good: "v1.4.0" },
      "failed",
      "Release v1.3.0 failed (tagged by alice): it was refused: it is older than the release production runs. " +
        `Version still believed good: v1.4.0; to redeploy it: \`paasenv deploy production --ref v1.4.0 --verify\`.${RUN}`,
    ],
    [
      "production ran a commit no release tag points at: redeploying it needs --force",
      { up: "failure", release: "skipped", check: "deployment", good: "0a1b2c3d4e5f" },
      "failed",
      "Release v1.3.0 failed (tagged by alice): it did not reach production: its deployment failed (build or " +
        "start). Version still believed good: 0a1b2c3d4e5f; to redeploy it: " +
        `\`paasenv deploy production --ref 0a1b2c3d4e5f --force --verify\`.${RUN}`,
    ],
    [
      "the first release failed: nothing ran before",
      { up: "failure", release: "skipped", check: "deployment", actor: undefined },
      "failed",
      "Release v1.3.0 failed: it did not reach production: its deployment failed (build or start). No earlier " +
        `successful deployment is known there.${RUN}`,
    ],
    [
      "up failed after the checks before it reported what production runs",
      { up: "failure", release: "skipped", good: "v1.2.0" },
      "failed",
      "Release v1.3.0 failed (tagged by alice): it did not reach production: the run failed before or during " +
        `the deploy. Version still believed good: v1.2.0; to redeploy it: \`paasenv deploy production --ref v1.2.0 --verify\`.${RUN}`,
    ],
    [
      "up failed before the deploy (no report)",
      { up: "failure", release: "skipped" },
      "failed",
      "Release v1.3.0 failed (tagged by alice): it did not reach production: the run failed before or during " +
        `the deploy. What production runs was not read: see the run.${RUN}`,
    ],
    [
      "cancelled",
      { up: "cancelled", release: "skipped", runUrl: undefined },
      "failed",
      "Release v1.3.0 failed (tagged by alice): it did not reach production: the run was cancelled. What " +
        "production runs was not read: see the run.",
    ],
    [
      "deployed and verified, but the GitHub release failed",
      { release: "failure", good: "v1.2.0" },
      "failed",
      "Release v1.3.0 failed (tagged by alice): it is in production and answers, but its GitHub release could " +
        `not be created. Nothing was rolled back.${RUN}`,
    ],
  ])("%s", (_, facts, outcome, text) => {
    expect(noticeOf({ ...BASE, ...facts })).toEqual({ outcome, text });
  });
});

/** Runs the CLI in-process with captured streams. */
async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = { stdout: "", stderr: "" };
  const io: Io = {
    stdout: (text) => {
      out.stdout += text;
    },
    stderr: (text) => {
      out.stderr += text;
    },
  };
  const code = await main(argv, io);
  return { code, ...out };
}

describe("paasenv release notice", () => {
  it("prints the webhook payload, empty workflow outputs counting as not given", async () => {
    const result = await run(
      "release",
      "notice",
      "v2.0.0",
      "--up",
      "failure",
      "--release",
      "skipped",
      "--check",
      "http",
      "--good",
      "v1.9.1",
      "--actor",
      "",
      "--run-url",
      "",
    );
    expect(result).toEqual({
      code: 0,
      stdout: `${JSON.stringify({
        text:
          "Release v2.0.0 failed: it is deployed but does not answer its HTTP check. Nothing was rolled back. " +
          "Version still believed good: v1.9.1; to redeploy it: `paasenv deploy production --ref v1.9.1 --force --verify`.",
      })}\n`,
      stderr: "",
    });
  });

  it.each([
    [
      ["v1.3", "--up", "success", "--release", "success"],
      'the version must be a release tag vX.Y.Z, got "v1.3"',
    ],
    [["v1.3.0", "--up", "done", "--release", "success"], "argument 'done' is invalid"],
    [
      ["v1.3.0", "--up", "failure", "--release", "skipped", "--check", "build"],
      "argument 'build' is invalid",
    ],
    [["v1.3.0", "--release", "success"], "required option '--up <result>' not specified"],
  ])("refuses %j", async (argv, message) => {
    const result = await run("release", "notice", ...argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(message);
  });
});
