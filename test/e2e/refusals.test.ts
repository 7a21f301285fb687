import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConfigJson, configFromValues } from "../../cli/lib/stack-config";
import { fullConfig, fullValues } from "./configs";
import {
  clearRequests,
  type E2E,
  emulatorApp,
  loggedRequests,
  openStack,
  pulumiCli,
  startE2E,
  storedApp,
  writeCalls,
} from "./harness";

// Configs refused before they can half-build or damage an environment, under the real engine. An unknown plan
// or stack is refused by the App's `check`, before anything exists on Scalingo: in preview, with
// `up --skip-preview` (the CLI) and with the Automation API's `up` (which skips the preview too). The App is
// the first resource of the environment and every other one waits for it; an add-on's own `check` would run
// only once the app exists. A variable an add-on owns, a secretEnv in clear and a provider-setting typo are
// refused by the program itself, before any API call. Calls are counted: an unchanged preview makes none.

const APP = "e2e-catalog";
const BAD_PLAN = "postgresql-starter-999";
const PG_PLANS =
  "postgresql-sandbox, postgresql-starter-512, postgresql-starter-1024, postgresql-starter-2048, " +
  "postgresql-business-1024, postgresql-business-2048";
const PLAN_REFUSED =
  `App "paasenv-app": \`addonPlans.postgresql\` (paasenv:addons.postgresql.plan) must be a postgresql plan of ` +
  `osc-fr1: ${PG_PLANS} (got "${BAD_PLAN}")`;

let e2e: E2E;

/** The full staging environment with `changes`, DNS off (no record needed for this test). */
const config = (changes: Record<string, unknown> = {}): ConfigJson =>
  fullConfig(APP, { "paasenv:dns": { provider: "none" }, ...changes });

const withPlan = (plan: string) => ({
  "paasenv:addons": { postgresql: { plan, version: "16" }, redis: { plan: "redis-starter-256" } },
});

/** `"<METHOD> <path>"` of every logged call. */
const calls = async () => (await loggedRequests(e2e)).map((request) => `${request.method} ${request.path}`);

/** What a failed run printed and said: the error's message, and the CLI's stdout where the diagnostics go. */
async function failure(run: Promise<unknown>): Promise<string> {
  try {
    await run;
  } catch (error) {
    const stdout =
      error !== null && typeof error === "object" && "stdout" in error ? String(error.stdout) : "";
    return `${error instanceof Error ? error.message : String(error)}\n${stdout}`;
  }
  throw new Error("expected the run to fail");
}

beforeAll(async () => {
  e2e = await startE2E("catalog");
});

afterAll(async () => {
  await e2e?.stop();
});

describe("an unknown plan is refused before anything is created", () => {
  it("1. preview fails naming the key and the plans that exist; only the catalog is read", async () => {
    const stack = await openStack(e2e, "catalog", config(withPlan(BAD_PLAN)));
    await clearRequests(e2e);
    expect(await failure(stack.preview())).toContain(PLAN_REFUSED);
    expect(await writeCalls(e2e)).toEqual([]);
    expect((await calls()).filter((call) => call.startsWith("GET /v1/addon_providers")).sort()).toEqual([
      "GET /v1/addon_providers/postgresql/plans",
      "GET /v1/addon_providers/redis/plans",
    ]);
  });

  it("2. `pulumi up --skip-preview` (the CLI) creates nothing", async () => {
    await clearRequests(e2e);
    expect(await failure(pulumiCli(e2e, ["up", "--yes", "--skip-preview", "--stack", "catalog"]))).toContain(
      PLAN_REFUSED,
    );
    expect(await writeCalls(e2e)).toEqual([]);
    expect(await emulatorApp(e2e, APP)).toBeUndefined();
  });

  it("3. the Automation API's up (no preview either) creates nothing", async () => {
    const stack = await openStack(e2e, "catalog", config(withPlan(BAD_PLAN)));
    await clearRequests(e2e);
    expect(await failure(stack.up())).toContain(PLAN_REFUSED);
    expect(await writeCalls(e2e)).toEqual([]);
    expect(await emulatorApp(e2e, APP)).toBeUndefined();
  });
});

describe("once the values exist", () => {
  it("4. up succeeds, and an unchanged preview makes no API call at all", async () => {
    const stack = await openStack(e2e, "catalog", config(withPlan("postgresql-starter-512")));
    expect((await stack.up()).summary.result).toBe("succeeded");
    await clearRequests(e2e);
    expect(Object.keys((await stack.preview()).changeSummary)).toEqual(["same"]);
    expect(await calls()).toEqual([]);
  });

  it("5. an unknown stack on a live environment fails the preview naming `paasenv:app.stack`, changing nothing", async () => {
    const app = { name: APP, region: "osc-fr1", stack: "scalingo-99", forceHttps: true, routerLogs: true };
    const stack = await openStack(
      e2e,
      "catalog",
      config({ ...withPlan("postgresql-starter-512"), "paasenv:app": app }),
    );
    await clearRequests(e2e);
    expect(await failure(stack.preview())).toContain(
      'App "paasenv-app": `stack` (paasenv:app.stack) must be a stack of osc-fr1: scalingo-22, scalingo-24, ' +
        'scalingo-26 (got "scalingo-99")',
    );
    expect(await calls()).toEqual(["POST /v1/tokens/exchange", "GET /v1/regions", "GET /v1/features/stacks"]);
    expect((await emulatorApp(e2e, APP))?.app.name).toBe(APP);
  });
});

describe("what the program refuses before any API call", () => {
  it("6. DATABASE_URL over the add-on's, a secretEnv in clear and scalingo:adoptExisting: yes, all at once; the live database URL is kept", async () => {
    const values = {
      ...fullValues(APP),
      ...withPlan("postgresql-starter-512"),
      "paasenv:dns": { provider: "none" },
      "paasenv:env": { DJANGO_SETTINGS_MODULE: "app.settings", DATABASE_URL: "postgres://elsewhere/db" },
      "scalingo:adoptExisting": "yes",
    };
    const stack = await openStack(e2e, "catalog", configFromValues(values)); // secretEnv not marked secret
    await clearRequests(e2e);
    const refused = await failure(stack.preview());
    for (const problem of [
      "`paasenv:env.DATABASE_URL` is set by the PostgreSQL add-on (`paasenv:addons.postgresql`), and a value " +
        "here would replace its own; remove it (other variables can refer to it as `$DATABASE_URL`)",
      '`scalingo:adoptExisting` must be true or false (got "yes")',
      "`paasenv:secretEnv` holds values written in clear (`SECRET_KEY`), not encrypted with `secure:`",
    ]) {
      expect(refused).toContain(problem);
    }
    expect(await calls()).toEqual([]);
    const databaseUrl = (await storedApp(e2e, APP))?.variables.find((v) => v.name === "DATABASE_URL");
    expect(databaseUrl?.value).toBe("$SCALINGO_POSTGRESQL_URL");
  });
});
