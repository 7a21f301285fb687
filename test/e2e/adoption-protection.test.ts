import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configFromValues } from "../../cli/lib/stack-config";
import { fullConfig, productionConfig } from "./configs";
import { viewOfApp, viewOfConfig } from "./expect-state";
import { type E2E, openStack, scalingoApi, startE2E, storedApp } from "./harness";

// Taking over an app made outside paasenv (scalingo:adoptExisting), and production's protected database.

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E("adopt-protect");
});

afterAll(async () => {
  await e2e?.stop();
});

describe("adoption", () => {
  const APP = "e2e-adopted";

  it("6. an app created directly on Scalingo is refused, then adopted with scalingo:adoptExisting and converged", async () => {
    await scalingoApi(e2e, "POST", "/v1/apps", { app: { name: APP } });
    await scalingoApi(e2e, "PATCH", `/v1/apps/${APP}`, { app: { force_https: false, router_logs: false } });
    const appId = (await storedApp(e2e, APP))?.app.id;
    expect(appId).toBeDefined();

    const config = fullConfig(APP);
    const stack = await openStack(e2e, "adopted", config);
    await expect(stack.up()).rejects.toThrow(
      new RegExp(`an app named "${APP}" already exists in osc-fr1.*scalingo:adoptExisting`, "s"),
    );

    await openStack(e2e, "adopted", {
      ...config,
      ...configFromValues({ "scalingo:adoptExisting": "true" }),
    });
    const up = await stack.up();
    expect(up.summary.result).toBe("succeeded");
    const adopted = await storedApp(e2e, APP);
    expect(adopted?.app.id).toBe(appId);
    if (adopted === undefined) throw new Error(`the emulator lost app ${APP}`);
    expect(viewOfApp(adopted)).toEqual(viewOfConfig(config));
    expect(Object.keys((await stack.preview()).changeSummary)).toEqual(["same"]);

    await stack.destroy();
    expect(await storedApp(e2e, APP)).toBeUndefined();
  });
});

describe("production protection", () => {
  const APP = "e2e-production";

  it("8. a protected production database blocks destroy with a clear message", async () => {
    const stack = await openStack(e2e, "production", productionConfig(APP));
    const up = await stack.up();
    expect(up.summary.result).toBe("succeeded");

    await expect(stack.destroy()).rejects.toThrow(
      /paasenv-postgresql.*protected|protected.*paasenv-postgresql/s,
    );
    const kept = await storedApp(e2e, APP);
    expect(kept?.addons.map((a) => a.plan.name)).toEqual(["postgresql-business-1024"]);
  });
});
