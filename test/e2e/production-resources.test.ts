import type { Stack } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { withDestroyPermission } from "../../cli/lib/data-loss";
import { configFromValues } from "../../cli/lib/stack-config";
import { describeRun, runPaasenv } from "../cli/run-cli";
import {
  clearRequests,
  type E2E,
  E2E_TOKEN,
  loggedRequests,
  openStack,
  pulumiCli,
  scalingoApi,
  startE2E,
  storedApp,
  writeCalls,
} from "./harness";

// A production-like stack with every production resource, under the real engine and the real `paasenv` CLI,
// against the emulator (storage off, DNS manual): up, a second up with no write, a refresh with no drift,
// no secret in the state, `paasenv status`, `paasenv db restore` refused then confirmed, destroy.

const APP = "e2e-prod-resources";
const WEBHOOK = "https://hooks.slack.example/services/E2E/secret-hook-7c1";
const DRAIN_TOKEN = "e2e-drain-token-4d2a";

const values = {
  "paasenv:environment": "production",
  "paasenv:app": { name: APP, region: "osc-fr1", forceHttps: true },
  "paasenv:processes": { web: { amount: 2, size: "L" }, worker: { amount: 1, size: "M" } },
  "paasenv:addons": {
    postgresql: {
      plan: "postgresql-business-1024",
      backups: { enabled: true, hour: 3 },
      maintenanceWindow: { day: "sunday", hour: 4 },
      features: ["force-ssl"],
      users: [{ name: "metabase", readOnly: true }],
    },
    redis: { plan: "redis-business-256", maintenanceWindow: { day: "sunday", hour: 5 } },
  },
  "paasenv:autoscaler": { web: { min: 2, max: 4, target: 600 } },
  "paasenv:monitoring": {
    notifiers: [
      {
        name: "ops",
        platform: "email",
        emails: ["ops@example.com"],
        events: ["crash", "database_backup_failed"],
      },
      { name: "team", platform: "slack", webhookUrl: WEBHOOK },
    ],
  },
  "paasenv:logDrains": [{ type: "syslog", host: "logs.example.com", port: 6514, token: DRAIN_TOKEN }],
  "paasenv:collaborators": ["dev@example.com"],
  "paasenv:errorPages": { stopped: "https://pages.example.com/stopped.html" },
  "paasenv:domains": [{ name: `${APP}.example.com` }],
  "paasenv:dns": { provider: "manual" },
};

let e2e: E2E;
let stack: Stack;
let appId = "";

const get = async (path: string) => (await scalingoApi(e2e, "GET", path)) as Record<string, unknown[]>;
const paasenv = (...args: string[]) =>
  runPaasenv(["--cwd", e2e.project.dir, "-q", ...args], { ...e2e.env, SCALINGO_POLL_INTERVAL_MS: "50" });

beforeAll(async () => {
  e2e = await startE2E("production-resources");
  stack = await openStack(
    e2e,
    "production",
    configFromValues(values, ["paasenv:monitoring", "paasenv:logDrains"]),
  );
});

afterAll(async () => {
  await e2e?.stop();
});

describe("a production stack with every production resource", () => {
  it("1. up creates them all, with Scalingo's shapes", async () => {
    const up = await stack.up();
    expect(up.summary.result).toBe("succeeded");
    appId = (await storedApp(e2e, APP))?.app.id ?? "";
    const alerts = (await get(`/v1/apps/${appId}/alerts`)).alerts as {
      metric: string;
      notifiers: string[];
    }[];
    expect(alerts.map((a) => `${a.metric}→${a.notifiers.length}`).sort()).toEqual([
      "5XX→2",
      "cpu→2",
      "memory→2",
      "p95_response_time→2",
    ]);
    const addons = (await get(`/v1/apps/${appId}/addons`)).addons as {
      id: string;
      addon_provider: { name: string };
    }[];
    // The engine provisions both add-ons at once: their order is not fixed.
    expect(addons.map((a) => a.addon_provider.name).sort()).toEqual(["PostgreSQL", "Redis® OSS"]);
    for (const addon of addons) {
      expect((await get(`/v1/apps/${appId}/addons/${addon.id}/log_drains`)).drains).toHaveLength(1);
    }
    expect((await get(`/v1/apps/${appId}/autoscalers`)).autoscalers).toMatchObject([
      { container_type: "web", disabled: false },
    ]);
    expect((await get(`/v1/apps/${appId}/containers`)).containers).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: "web", amount: 2, size: "L" })]),
    );
    expect(up.outputs.backupSchedule?.value).toEqual({ postgresql: { enabled: true, hours: [3] } });
    expect(up.outputs.databaseUsers?.secret).toBe(true);
    const users = z.object({ metabase: z.string() }).parse(up.outputs.databaseUsers?.value);
    expect(users.metabase).toMatch(/^postgresql:\/\/metabase:/);
  });

  it("2. a second up makes no write call", async () => {
    await clearRequests(e2e);
    const up = await stack.up();
    expect(Object.keys(up.summary.resourceChanges ?? {})).toEqual(["same"]);
    expect(await writeCalls(e2e)).toEqual([]);
  });

  it("3. refresh shows no drift (one add-on token per database, reads otherwise), and up then makes no write", async () => {
    await clearRequests(e2e);
    const refresh = await stack.refresh();
    expect(Object.keys(refresh.summary.resourceChanges ?? {})).toEqual(["same"]);
    const tokens = (await writeCalls(e2e)).filter((call) => call.endsWith("/token"));
    expect(await writeCalls(e2e)).toEqual(tokens);
    expect(tokens.length).toBeLessThanOrEqual(2);
    await clearRequests(e2e);
    const preview = await stack.preview();
    expect(Object.keys(preview.changeSummary)).toEqual(["same"]);
  });

  it("4. the state holds no token, webhook URL, drain token, or database password", async () => {
    const exported = await pulumiCli(e2e, ["stack", "export", "--stack", "production"]);
    const users = z.object({ metabase: z.string() }).parse((await stack.outputs()).databaseUsers?.value);
    const password = decodeURIComponent(new URL(users.metabase).password);
    for (const secret of [E2E_TOKEN, WEBHOOK, DRAIN_TOKEN, password]) expect(exported).not.toContain(secret);
  });

  it("5. paasenv status shows the live facts", async () => {
    const addons = (await get(`/v1/apps/${appId}/addons`)).addons as {
      id: string;
      addon_provider: { id: string };
    }[];
    const pg = addons.find((a) => a.addon_provider.id === "postgresql");
    await scalingoApi(e2e, "POST", `/api/databases/${pg?.id}/backups`);
    const run = await paasenv("status", "production", "--json");
    expect(run.code, describeRun(run)).toBe(0);
    const report = JSON.parse(run.stdout);
    const of = (provider: string) => report.addons.find((a: { provider: string }) => a.provider === provider);
    expect(report).toMatchObject({
      stack: "production",
      app: APP,
      autoscalers: [{ type: "web", min: 2, max: 4, enabled: true }],
    });
    expect(of("postgresql")).toMatchObject({
      id: pg?.id,
      lastBackup: { method: "manual" },
      backups: { enabled: true, hoursUtc: [3] },
      maintenanceWindow: { day: "sunday", hourUtc: 4, durationHours: 8 },
    });
    expect(of("postgresql").pitrWindow.latest).toMatch(/Z$/);
    expect(of("redis")).toMatchObject({
      pitrWindow: null,
      maintenanceWindow: { day: "sunday", hourUtc: 5 },
    });
    const text = await paasenv("status", "production");
    expect(text.stdout).toContain(`production: app ${APP} (osc-fr1)`);
  });

  it("6. paasenv db restore refuses production without --confirm, then restores and follows the operation", async () => {
    const to = new Date(Date.now() - 1000).toISOString();
    await clearRequests(e2e);
    const refused = await paasenv("db", "restore", "production", "--to", to);
    expect(refused.code, describeRun(refused)).toBe(1);
    expect(refused.stderr).toContain("production: restore the PostgreSQL database ad-");
    expect(refused.stderr).toContain("refused: production is a production stack");
    expect((await loggedRequests(e2e)).filter((r) => r.path.endsWith("/pitr/restore"))).toEqual([]);
    const done = await paasenv(
      "db",
      "restore",
      "production",
      "--to",
      to,
      "--confirm",
      "production",
      "--json",
    );
    expect(done.code, describeRun(done)).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ stack: "production", app: APP, status: "finished" });
    expect(done.stderr).toMatch(/restore operation \S+ started[\s\S]*finished/);
  });

  it("7. a collaborator removed from the config is deleted alone; destroy (once unprotected) is the app's delete", async () => {
    const { "paasenv:collaborators": _removed, ...rest } = values;
    stack = await openStack(
      e2e,
      "production",
      configFromValues(rest, ["paasenv:monitoring", "paasenv:logDrains"]),
    );
    const [collaborator] = (await get(`/v1/apps/${APP}/collaborators`)).collaborators ?? [];
    const collaboratorId = z.object({ id: z.string() }).parse(collaborator).id;
    await clearRequests(e2e);
    expect((await stack.up()).summary.result).toBe("succeeded");
    expect(await writeCalls(e2e)).toEqual([`DELETE /v1/apps/${appId}/collaborators/${collaboratorId}`]);

    await pulumiCli(e2e, ["state", "unprotect", "--all", "--yes", "--stack", "production"]);
    await clearRequests(e2e);
    const destroy = await withDestroyPermission(stack, console.info, () => stack.destroy());
    expect(destroy.summary.result).toBe("succeeded");
    // Everything else lives inside the app (`deletedWith`): deleting the app deletes it with the app.
    expect(await writeCalls(e2e)).toEqual([`DELETE /v1/apps/${appId}`]);
    expect(await storedApp(e2e, APP)).toBeUndefined();
  });
});
