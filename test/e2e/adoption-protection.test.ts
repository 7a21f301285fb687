import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withDestroyPermission } from "../../cli/lib/data-loss";
import { configFromValues } from "../../cli/lib/stack-config";
import { fullConfig, productionConfig } from "./configs";
import { viewOfApp, viewOfConfig } from "./expect-state";
import { clearRequests, type E2E, openStack, scalingoApi, startE2E, storedApp, writeCalls } from "./harness";
import { cliFailure } from "./refusals";

// Taking over an app made outside paasenv (scalingo:adoptExisting), and a protected production environment:
// `pulumi destroy --yes --skip-preview` is refused by its protected guard before anything is deleted.

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

    await withDestroyPermission(stack, console.info, () => stack.destroy());
    expect(await storedApp(e2e, APP)).toBeUndefined();
  });
});

describe("production protection", () => {
  const APP = "e2e-production";
  const domains = (...names: string[]) => ({
    "paasenv:domains": names.map((name, index) => ({ name, canonical: index === 0 })),
    "paasenv:dns": { provider: "manual" },
  });

  it("8. destroy --yes --skip-preview is refused before anything is touched; removing a domain deletes just it", async () => {
    const config = productionConfig(APP, domains("www.e2e-prod.example.com", "e2e-prod.example.com"));
    const stack = await openStack(e2e, "production", config);
    const up = await stack.up();
    expect(up.summary.result).toBe("succeeded");
    const before = await storedApp(e2e, APP);
    if (before === undefined) throw new Error(`the emulator has no app ${APP}`);
    expect(viewOfApp(before)).toEqual(viewOfConfig(config));

    await clearRequests(e2e);
    const destroy = await cliFailure(e2e, ["destroy", "--yes", "--skip-preview", "--stack", "production"]);
    expect(destroy).toMatch(/paasenv-guard" cannot be deleted\s+because it is protected/);
    expect(await writeCalls(e2e)).toEqual([]);
    expect(await storedApp(e2e, APP)).toEqual(before);

    await openStack(e2e, "production", productionConfig(APP, domains("www.e2e-prod.example.com")));
    await clearRequests(e2e);
    await stack.up();
    const apex = before.domains.find((domain) => domain.name === "e2e-prod.example.com");
    expect(await writeCalls(e2e)).toEqual([`DELETE /v1/apps/${before.app.id}/domains/${apex?.id}`]);
    expect((await storedApp(e2e, APP))?.domains.map((domain) => domain.name)).toEqual([
      "www.e2e-prod.example.com",
    ]);
  });
});
