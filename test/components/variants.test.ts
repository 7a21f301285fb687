/**
 * What `index.ts` does, under Pulumi mocks, for variants of the staging stack: each DNS adapter, the data-loss guard,
 * object storage off, no add-ons, and a config refused before any resource is declared.
 */
import { describe, expect, it, vi } from "vitest";
import { type ProgramRun, programError, runEnvironment, stackFileConfig } from "./harness";

// The first run in a file serializes every dynamic provider (Alwaysdata records: every run): seconds each.
vi.setConfig({ testTimeout: 120_000 });

const SCALINGO_DOMAIN = "pulumi-nodejs:dynamic/scalingo:Domain";
const SCALEWAY_RECORD = "scaleway:domain/record:Record";
const ALWAYSDATA_RECORD = "pulumi-nodejs:dynamic/alwaysdata:Record";

/** The staging stack with some `paasenv:` keys replaced (objects given as values, as in a stack file). */
const staging = (overrides: Record<string, unknown>) =>
  runEnvironment("staging", {
    ...stackFileConfig("staging"),
    "scaleway:accessKey": "SCWMOCKDEPLOYERKEY",
    ...Object.fromEntries(
      Object.entries(overrides).map(([key, value]) => [
        key,
        typeof value === "string" ? value : JSON.stringify(value),
      ]),
    ),
  });

const variableNames = (graph: ProgramRun) =>
  Object.keys((graph.byName("paasenv-variables").inputs.variables ?? {}) as Record<string, string>).sort();

describe("DNS adapters", () => {
  it("alwaysdata: one AlwaysdataRecord per domain, relative name, no Scaleway record", async () => {
    const graph = await staging({
      "paasenv:dns": { provider: "alwaysdata", zone: "example.com", ttl: 600 },
      "paasenv:domains": [{ name: "www.example.com", canonical: true }, { name: "example.com" }],
    });
    expect(graph.byType(SCALEWAY_RECORD)).toEqual([]);
    expect(graph.byType(SCALINGO_DOMAIN)).toHaveLength(2);
    expect(graph.byName("paasenv-www.example.com-dns")).toMatchObject({
      type: ALWAYSDATA_RECORD,
      inputs: {
        zone: "example.com",
        name: "www",
        type: "CNAME",
        value: "myapp-staging.osc-fr1.scalingo.io.",
        ttl: 600,
      },
    });
    expect(graph.byName("paasenv-example.com-dns").inputs).toMatchObject({ name: "", type: "ALIAS" });
  });

  it("manual: the Scalingo domain but no record; the records are an output and printed", async () => {
    const graph = await staging({ "paasenv:dns": { provider: "manual" } });
    expect(graph.byType(SCALEWAY_RECORD)).toEqual([]);
    expect(graph.byType(ALWAYSDATA_RECORD)).toEqual([]);
    expect(graph.byType(SCALINGO_DOMAIN)).toHaveLength(1);
    expect(graph.outputs.dnsRecords).toEqual([
      { name: "staging.example.com", type: "CNAME", value: "myapp-staging.osc-fr1.scalingo.io." },
    ]);
    expect(graph.logs).toEqual([
      "paasenv:dns.provider is manual: create these DNS records yourself:\n" +
        "  staging.example.com. CNAME myapp-staging.osc-fr1.scalingo.io.",
    ]);
  });

  it("none: no Scalingo domain, no record, the app's own URL", async () => {
    const graph = await staging({ "paasenv:dns": { provider: "none" } });
    expect(graph.byType(SCALINGO_DOMAIN)).toEqual([]);
    expect(graph.byType(SCALEWAY_RECORD)).toEqual([]);
    expect(graph.byType("paasenv:index:CustomDomain")).toEqual([]);
    expect(graph.outputs.dnsRecords).toEqual([]);
    expect(graph.outputs.url).toBe("https://myapp-staging.osc-fr1.scalingo.io");
    expect((graph.byName("paasenv-variables").inputs.variables as Record<string, string>).APP_URL).toBe(
      "https://myapp-staging.osc-fr1.scalingo.io",
    );
    expect(graph.logs).toEqual([]);
  });

  it("scaleway without domains declares no DNS at all", async () => {
    const graph = await staging({ "paasenv:domains": [] });
    expect(graph.byType(SCALINGO_DOMAIN)).toEqual([]);
    expect(graph.outputs.dnsRecords).toEqual([]);
  });
});

describe("data-loss permission", () => {
  it("says in every run what paasenv:permitDataLoss lets it lose", async () => {
    const graph = await staging({ "paasenv:permitDataLoss": [{ resource: "addons.redis", id: "ad-2" }] });
    expect(graph.warnings).toEqual([
      '`paasenv:permitDataLoss` lets this run delete or replace, with their data: addons.redis "ad-2". ' +
        "Remove the entries once the change is done (an entry stops applying once its object is gone).",
    ]);
    expect((await staging({})).warnings).toEqual([]);
  });

  it("records only what exists: no add-on, no bucket, the app alone", async () => {
    const graph = await staging({ "paasenv:addons": {}, "paasenv:storage": { enabled: false } });
    expect(graph.byName("paasenv-guard").inputs).toMatchObject({
      held: ["app"],
      ids: { app: "app-id-myapp-staging" },
    });
    expect(graph.byName("paasenv-app").inputs.addons).toEqual([]);
  });
});

describe("optional parts", () => {
  it("without storage: no Scaleway resource, no bucket variable, undefined bucket outputs", async () => {
    const graph = await staging({ "paasenv:storage": { enabled: false } });
    expect(
      graph.resources.filter(
        (resource) => resource.type.startsWith("scaleway:iam") || resource.type.includes("bucket"),
      ),
    ).toEqual([]);
    expect(variableNames(graph)).toEqual(
      [
        "APP_URL",
        "CELERY_BROKER_URL",
        "DJANGO_ALLOWED_HOSTS",
        "DJANGO_SETTINGS_MODULE",
        "WEB_CONCURRENCY",
      ].sort(),
    );
    expect(graph.outputs.bucketName).toBeUndefined();
    expect(graph.outputs.bucketEndpoint).toBeUndefined();
  });

  it("without add-ons or worker: neither is declared, no database id", async () => {
    const graph = await staging({
      "paasenv:addons": {},
      "paasenv:processes": { web: { amount: 1, size: "S" } },
    });
    expect(graph.byType("pulumi-nodejs:dynamic/scalingo:Addon")).toEqual([]);
    expect(graph.byName("paasenv-formation").inputs.processes).toEqual({ web: { amount: 1, size: "S" } });
    expect(graph.outputs.databaseAddonId).toBeUndefined();
  });
});

describe("refused config", () => {
  it("fails before any resource is declared, naming the key", async () => {
    const error = await programError(staging({ "paasenv:env": { AWS_ACCESS_KEY_ID: "by-hand" } }));
    expect(error.message).toContain("`paasenv:env.AWS_ACCESS_KEY_ID` is set by paasenv itself");
    expect(error.resources).toEqual([]);
  });

  it("refuses a secretEnv Pulumi does not hold encrypted (the runtime's secret keys), before any resource", async () => {
    const error = await programError(staging({ "paasenv:secretEnv": { DJANGO_SECRET_KEY: "in-clear" } }));
    expect(error.message).toContain(
      "`paasenv:secretEnv` holds values written in clear (`DJANGO_SECRET_KEY`)",
    );
    expect(error.message).not.toContain("in-clear");
    expect(error.resources).toEqual([]);
  });

  it("refuses a provider setting typo before any resource", async () => {
    const error = await programError(staging({ "scalingo:adoptexisting": "true" }));
    expect(error.message).toContain(
      "`scalingo:adoptexisting` is not a known `scalingo:` setting (a typo? did you mean `scalingo:adoptExisting`)",
    );
    expect(error.resources).toEqual([]);
  });

  it("warns through Pulumi's log about a secret-looking plain variable outside production", async () => {
    const run = await staging({ "paasenv:env": { SENTRY_DSN: "https://key@sentry.example.com/1" } });
    expect(run.warnings.map((message) => message.split(" looks like")[0])).toEqual([
      "`paasenv:env.SENTRY_DSN`",
    ]);
  });

  it("reports a schema error with the key and the bad value", async () => {
    const error = await programError(staging({ "paasenv:processes": { web: { amount: 1, size: "XS" } } }));
    expect(error.message).toMatch(/`paasenv:processes\.web\.size` must be one of .*\(got "XS"\)/);
    expect(error.resources).toEqual([]);
  });
});
