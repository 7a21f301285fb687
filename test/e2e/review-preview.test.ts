import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliRun, describeRun, runPaasenv } from "../cli/run-cli";
import { fullConfig, PLAIN_VALUE, SECRET_VALUE } from "./configs";
import { clearRequests, drift, type E2E, E2E_TOKEN, openStack, startE2E, storedApp } from "./harness";

// `paasenv preview <stack> --markdown <file>` with the real Pulumi CLI against the emulator: a plan
// upgrade (an in-place update) and a version change (a replace of the database, flagged), and the drift
// check (`--refresh --expect-no-changes`). No secret value may reach the Markdown.

const APP = "myapp-preview";
const NEW_SECRET = "e2e-rotated-secret-8d41c";
const SECRETS = [E2E_TOKEN, SECRET_VALUE, NEW_SECRET];

let e2e: E2E;

function paasenv(...args: string[]): Promise<CliRun> {
  return runPaasenv(["--cwd", e2e.project.dir, "-q", ...args], e2e.env);
}

/** Sets the stack's config to the full environment with `changes`, then writes the preview Markdown. */
async function previewWith(
  changes: Record<string, unknown>,
  file: string,
): Promise<{ run: CliRun; markdown: string }> {
  const stack = await openStack(
    e2e,
    "staging",
    fullConfig(APP, { "paasenv:dns": { provider: "none" }, ...changes }),
  );
  await stack.setConfig("scalingo:apiToken", { value: E2E_TOKEN, secret: true });
  const markdownFile = path.join(e2e.project.root, file);
  const run = await paasenv("preview", "staging", "--markdown", markdownFile);
  return { run, markdown: fs.existsSync(markdownFile) ? fs.readFileSync(markdownFile, "utf8") : "" };
}

beforeAll(async () => {
  e2e = await startE2E("review-preview");
  const stack = await openStack(e2e, "staging", fullConfig(APP, { "paasenv:dns": { provider: "none" } }));
  await stack.setConfig("scalingo:apiToken", { value: E2E_TOKEN, secret: true });
  await stack.up();
});

afterAll(async () => {
  await e2e?.stop();
});

describe("paasenv preview --markdown", () => {
  it("summarizes a plan upgrade with a rotated secret: one add-on update, variables as [secret]", async () => {
    const { run, markdown } = await previewWith(
      {
        "paasenv:addons": {
          postgresql: { plan: "postgresql-starter-1024", version: "16" },
          redis: { plan: "redis-starter-256" },
        },
        "paasenv:secretEnv": { SECRET_KEY: NEW_SECRET },
      },
      "upgrade.md",
    );
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toMatch(/^staging: 0 to create, 2 to update, 0 to replace, 0 to delete; summary in /);
    expect(markdown).toContain("<!-- paasenv-preview:staging -->");
    expect(markdown).toContain("**0 to replace, 0 to delete, 2 to update, 0 to create**");
    expect(markdown).toContain(
      "| ~ update | `paasenv-postgresql` 🛢️ | Addon | `plan`: `postgresql-starter-512` → `postgresql-starter-1024` |",
    );
    expect(markdown).toContain("`variables`: `[secret]` (changed)");
    expect(markdown).not.toContain("[!WARNING]");
    expect(SECRETS.filter((secret) => markdown.includes(secret) || run.stdout.includes(secret))).toEqual([]);
    expect(markdown).not.toContain(PLAIN_VALUE); // the Variables resource holds every value as a secret
  });

  it("summarizes a permitted database version change as a flagged replace", async () => {
    const postgres = (await storedApp(e2e, APP))?.addons.find((a) =>
      a.addon_provider.id.endsWith("postgresql"),
    );
    const { run, markdown } = await previewWith(
      {
        "paasenv:addons": {
          postgresql: { plan: "postgresql-starter-512", version: "17" },
          redis: { plan: "redis-starter-256" },
        },
        "paasenv:permitDataLoss": [{ resource: "addons.postgresql", id: postgres?.id }],
      },
      "replace.md",
    );
    expect(run.code, describeRun(run)).toBe(0);
    expect(markdown).toContain("**1 to replace, 0 to delete,");
    expect(markdown).toContain("> [!WARNING]");
    expect(markdown).toContain("`paasenv-postgresql` (Addon, replace)");
    expect(markdown).toMatch(
      /\| ± replace \| `paasenv-postgresql` 🛢️ \| Addon \| .*`version`: `16` → `17` \*\*\(forces replacement\)\*\*/,
    );
    expect(SECRETS.filter((secret) => markdown.includes(secret))).toEqual([]);
  });

  it("previews without any Scalingo credential, as the pull-request jobs do, calling no API", async () => {
    await openStack(
      e2e,
      "staging",
      fullConfig(APP, {
        "paasenv:dns": { provider: "none" },
        "paasenv:processes": { web: { amount: 2, size: "M" }, worker: { amount: 1, size: "M" } },
      }),
    );
    const env: Record<string, string> = { ...e2e.env, SCALINGO_AUTH_URL: "http://127.0.0.1:9" };
    delete env.SCALINGO_API_TOKEN;
    await clearRequests(e2e);
    const run = await runPaasenv(["--cwd", e2e.project.dir, "-q", "preview", "staging"], env);
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toContain("`processes.web.amount`: `1` → `2`");
    const logged = (await (await fetch(`${e2e.emulator.url}/__emulator/requests`)).json()) as {
      requests: unknown[];
    };
    expect(logged.requests).toEqual([]);
  });

  it("passes the drift check when nothing drifted, and fails naming what drifted", async () => {
    await openStack(e2e, "staging", fullConfig(APP, { "paasenv:dns": { provider: "none" } }));
    const clean = await paasenv(
      "preview",
      "staging",
      "--refresh",
      "--expect-no-changes",
      "--markdown",
      path.join(e2e.project.root, "clean.md"),
    );
    expect(clean.code, describeRun(clean)).toBe(0);

    await drift(e2e, { app: APP, kind: "formation", key: "web", set: { amount: 3 } });
    const drifted = await paasenv("preview", "staging", "--refresh", "--expect-no-changes");
    expect(drifted.code, describeRun(drifted)).toBe(1);
    expect(drifted.stderr).toContain(
      "drift detected on staging: 1 resource would change: update paasenv-formation (Formation)",
    );
    expect(drifted.stdout).toContain("`processes.web.amount`: `3` → `1`");
  });
});
