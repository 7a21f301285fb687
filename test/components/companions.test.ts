/**
 * Metabase beside the main app, under Pulumi mocks: its resources and their wiring, secrets, protection in
 * production, its own guard, and no companion in a review unless asked.
 */
import { describe, expect, it } from "vitest";
import { flattenConfig, isSerializedSecret, type ProgramRun, runEnvironment } from "./harness";

const TIMEOUT = 120_000;

const base = {
  "paasenv:environment": "staging",
  "paasenv:app": { name: "shop-staging" },
  "paasenv:addons": { postgresql: { plan: "postgresql-starter-512" } },
  "paasenv:companions": { metabase: { version: "v1.0.0", domain: "bi.example.com" } },
  "paasenv:dns": { provider: "manual", zone: "example.com" },
};

const run = (config: Record<string, unknown>, stack = "staging") =>
  runEnvironment(stack, flattenConfig({ ...base, ...config }));

const names = (graph: ProgramRun) => graph.resources.map((r) => r.name).filter((n) => n.includes("metabase"));
const TYPE = (t: string) => `pulumi-nodejs:dynamic/${t}`;

describe("Metabase companion", () => {
  it(
    "declares its app, database, formation, key, read-only user, variables, deployment, domain and guard",
    async () => {
      const graph = await run({});
      expect(names(graph).sort()).toEqual(
        [
          "paasenv-metabase",
          "paasenv-metabase-app",
          "paasenv-metabase-postgresql",
          "paasenv-metabase-reader",
          "paasenv-metabase-encryption-key",
          "paasenv-metabase-variables",
          "paasenv-metabase-formation",
          "paasenv-metabase-deployment",
          "paasenv-metabase-bi.example.com",
          "paasenv-metabase-bi.example.com-scalingo",
          "paasenv-metabase-guard",
        ].sort(),
      );
      expect(graph.byName("paasenv-metabase-app").inputs).toMatchObject({
        name: "shop-staging-metabase",
        region: "osc-fr1",
        forceHttps: true,
        addons: ["postgresql"],
        addonPlans: { postgresql: "postgresql-starter-512" },
      });
      expect(graph.byName("paasenv-metabase-postgresql").inputs).toMatchObject({
        appId: "app-id-shop-staging-metabase",
        provider: "postgresql",
        plan: "postgresql-starter-512",
      });
      expect(graph.byName("paasenv-metabase-formation").inputs.processes).toEqual({
        web: { amount: 1, size: "L" },
      });
      // The read-only user is on the main app's PostgreSQL.
      expect(graph.byName("paasenv-metabase-reader").inputs).toMatchObject({
        appId: "app-id-shop-staging",
        addonId: "addon-id-postgresql",
        name: "metabase",
        readOnly: true,
      });
      expect(graph.byName("paasenv-metabase-deployment").inputs).toMatchObject({
        sourceUrl: "https://github.com/Scalingo/metabase-scalingo/archive/v1.0.0.tar.gz",
        gitRef: "v1.0.0",
      });
      expect(graph.byName("paasenv-metabase-bi.example.com-scalingo").inputs).toMatchObject({
        name: "bi.example.com",
        canonical: true,
      });
      expect(graph.outputs).toMatchObject({
        metabaseAppName: "shop-staging-metabase",
        metabaseUrl: "https://bi.example.com",
      });
      expect(graph.outputs.dnsRecords).toContainEqual({
        name: "bi.example.com",
        type: "CNAME",
        value: "shop-staging-metabase.osc-fr1.scalingo.io.",
      });
    },
    TIMEOUT,
  );

  it(
    "sets the archive's variables, the key and the read-only URL as secrets, after which it deploys",
    async () => {
      const graph = await run({});
      const variables = graph.byName("paasenv-metabase-variables");
      expect(isSerializedSecret(variables.raw.variables)).toBe(true);
      expect(variables.inputs.restartOnChange).toBe(true);
      expect(Object.keys(variables.inputs.variables as object).sort()).toEqual([
        "BUILDPACK_URL",
        "MAIN_DATABASE_READONLY_URL",
        "MAX_METASPACE_SIZE",
        "MB_ENCRYPTION_SECRET_KEY",
      ]);
      expect(variables.inputs.variables).toMatchObject({
        BUILDPACK_URL: "https://github.com/Scalingo/multi-buildpack.git",
        MAX_METASPACE_SIZE: "512m",
        MAIN_DATABASE_READONLY_URL: "postgresql://metabase:generated@db.example:30000/db",
        MB_ENCRYPTION_SECRET_KEY: "mock-key-of-paasenv-metabase-encryption-key",
      });
      const deployment = graph.byName("paasenv-metabase-deployment");
      for (const before of ["variables", "postgresql", "formation"])
        expect(deployment.dependencies).toContain(graph.byName(`paasenv-metabase-${before}`).urn);
      expect(graph.secretOutputs).toContain("databaseUsers");
      expect(graph.outputs.databaseUsers).toEqual({
        metabase: "postgresql://metabase:generated@db.example:30000/db",
      });
    },
    TIMEOUT,
  );

  it(
    "has a guard of its own over its app and database, which the environment's guard waits for",
    async () => {
      const graph = await run({});
      const guard = graph.byName("paasenv-metabase-guard");
      expect(guard.inputs).toMatchObject({
        held: ["app", "addons.postgresql"],
        ids: { app: "app-id-shop-staging-metabase", "addons.postgresql": "addon-id-postgresql" },
        production: false,
        deleting:
          "removing `paasenv:companions.metabase` from the configuration (or destroying the environment)",
      });
      expect(guard.protect).toBe(false);
      // `dependsOn` a component expands to its children: the companion's guard among them.
      expect(graph.byName("paasenv-guard").dependencies).toContain(guard.urn);
    },
    TIMEOUT,
  );

  it(
    "protects its app, database, key and guard in production",
    async () => {
      const graph = await run(
        {
          "paasenv:environment": "production",
          "paasenv:app": { name: "shop-production" },
          "paasenv:addons": { postgresql: { plan: "postgresql-starter-512", backups: { enabled: true } } },
        },
        "production",
      );
      const protectedOnes = graph.resources.filter((r) => r.protect).map((r) => r.name);
      for (const name of ["app", "postgresql", "encryption-key", "guard"])
        expect(protectedOnes, name).toContain(`paasenv-metabase-${name}`);
      expect(graph.byType(TYPE("scalingo:App")).every((r) => r.protect)).toBe(true);
    },
    TIMEOUT,
  );

  it(
    "is left out of a review unless paasenv:review.companions asks, then on the review plan without a domain",
    async () => {
      const review = { "paasenv:environment": "review", "paasenv:reviewNumber": 7 };
      expect(names(await run(review, "review-7"))).toEqual([]);
      const graph = await run({ ...review, "paasenv:review": { companions: true } }, "review-7");
      expect(graph.byName("paasenv-metabase-app").inputs.name).toBe("shop-staging-review-7-metabase");
      expect(graph.byName("paasenv-metabase-postgresql").inputs.plan).toBe("postgresql-sandbox");
      expect(names(graph).some((n) => n.includes("bi.example.com"))).toBe(false);
    },
    TIMEOUT,
  );
});
