/** The committed staging stack under mocks: every resource, its wiring, its outputs. */
import { beforeAll, describe, expect, it } from "vitest";
import { isSerializedSecret, type ProgramRun, stackFileConfig } from "../harness";
import { countTypes, expectTreeShape, P, RUN_TIMEOUT, run, T, variablesOf } from "./graph";

describe("staging stack", () => {
  let graph: ProgramRun;
  beforeAll(async () => {
    graph = await run("staging", stackFileConfig("staging"));
  }, RUN_TIMEOUT);

  it("declares exactly the expected resources", () => {
    expect(countTypes(graph)).toEqual({
      [T.environment]: 1,
      [T.app]: 1,
      [T.formation]: 1,
      [T.addon]: 2,
      [T.storage]: 1,
      [T.bucket]: 1,
      [T.iamApplication]: 1,
      [T.policy]: 1,
      [T.apiKey]: 1,
      [T.bucketPolicy]: 1,
      [T.variables]: 1,
      [T.customDomain]: 1,
      [T.domain]: 1,
      [T.record]: 1,
      [T.guard]: 2,
      [P.monitoring]: 1,
      [P.notifier]: 1,
      [P.logDrain]: 3,
    });
  });

  it("parents every child to its component and names it after it, from map keys", () => {
    expectTreeShape(graph);
    expect(graph.resources.map((resource) => resource.name).sort()).toEqual(
      [
        "paasenv",
        "paasenv-app",
        "paasenv-formation",
        "paasenv-postgresql",
        "paasenv-redis",
        "paasenv-storage",
        "paasenv-storage-bucket",
        "paasenv-storage-app",
        "paasenv-storage-policy",
        "paasenv-storage-key",
        "paasenv-storage-bucket-policy",
        "paasenv-storage-guard",
        "paasenv-guard",
        "paasenv-variables",
        "paasenv-staging.example.com",
        "paasenv-staging.example.com-scalingo",
        "paasenv-staging.example.com-dns",
        "paasenv-monitoring",
        "paasenv-monitoring-notifier-team",
        "paasenv-drain-papertrail-logs-papertrailapp-com",
        "paasenv-drain-papertrail-logs-papertrailapp-com-postgresql",
        "paasenv-drain-papertrail-logs-papertrailapp-com-redis",
      ].sort(),
    );
  });

  it("declares the app and its formation from config", () => {
    expect(graph.byName("paasenv-app").inputs).toMatchObject({
      name: "myapp-staging",
      region: "osc-fr1",
      stack: "scalingo-24",
      forceHttps: true,
      routerLogs: true,
      stickySession: false,
    });
    expect(graph.byName("paasenv-formation").inputs).toMatchObject({
      appId: "app-id-myapp-staging",
      region: "osc-fr1",
      processes: { web: { amount: 1, size: "M" }, worker: { amount: 1, size: "M" } },
    });
  });

  it("declares the add-ons by plan name, and tells the app it holds them", () => {
    expect(graph.byName("paasenv-postgresql").inputs).toMatchObject({
      appId: "app-id-myapp-staging",
      provider: "postgresql",
      plan: "postgresql-starter-512",
    });
    expect(graph.byName("paasenv-redis").inputs).toMatchObject({
      provider: "redis",
      plan: "redis-starter-256",
    });
    expect(graph.byName("paasenv-app").inputs.addons).toEqual(["postgresql", "redis"]);
  });

  it("records the app, the add-ons and the bucket in the guard, which depends on every other resource", () => {
    const guard = graph.byName("paasenv-guard");
    expect(guard.inputs).toMatchObject({
      held: ["app", "addons.postgresql", "addons.redis", "storage"],
      ids: {
        app: "app-id-myapp-staging",
        "addons.postgresql": "addon-id-postgresql",
        "addons.redis": "addon-id-redis",
        storage: "fr-par/myapp-staging-storage",
      },
      production: false,
    });
    const custom = graph.resources.filter((r) => r.custom && r.name !== "paasenv-guard").map((r) => r.urn);
    expect(custom.filter((urn) => !guard.dependencies.includes(urn))).toEqual([]);
  });

  it("makes the bucket wait for its own guard, which records the bucket's ID", () => {
    const guard = graph.byName("paasenv-storage-guard");
    expect(guard.inputs).toMatchObject({
      held: ["storage"],
      ids: { storage: "fr-par/myapp-staging-storage" },
    });
    expect(graph.byName("paasenv-storage-bucket").dependencies).toContain(guard.urn);
  });

  it("wires the bucket, its keys and the public URL into the variables, next to env and secretEnv", () => {
    expect(variablesOf(graph)).toEqual({
      DJANGO_SETTINGS_MODULE: "myapp.settings.staging",
      DJANGO_ALLOWED_HOSTS: "staging.example.com,myapp-staging.osc-fr1.scalingo.io",
      CELERY_BROKER_URL: "$REDIS_URL",
      WEB_CONCURRENCY: "2",
      DJANGO_SECRET_KEY: "s3cr3t-value",
      APP_URL: "https://staging.example.com",
      AWS_STORAGE_BUCKET_NAME: "myapp-staging-storage",
      AWS_S3_ENDPOINT_URL: "https://s3.fr-par.scw.cloud",
      AWS_S3_REGION_NAME: "fr-par",
      AWS_ACCESS_KEY_ID: "SCWMOCKACCESSKEY",
      AWS_SECRET_ACCESS_KEY: "mock-secret-key",
    });
  });

  it("sends every variable value to the engine as a secret", () => {
    const raw = graph.byName("paasenv-variables").raw.variables as Record<string, unknown>;
    const values = isSerializedSecret(raw) ? (raw as { value: Record<string, unknown> }).value : raw;
    expect(Object.keys(values)).toHaveLength(11);
    // Either the whole map is secret, or each value is: no value may travel in clear.
    for (const [name, value] of Object.entries(values)) {
      expect(isSerializedSecret(raw) || isSerializedSecret(value), name).toBe(true);
    }
  });

  it("creates the bucket with a stable name, rules from config, destroyable outside production", () => {
    const bucket = graph.byName("paasenv-storage-bucket");
    expect(bucket.inputs).toMatchObject({
      name: "myapp-staging-storage",
      region: "fr-par",
      versioning: { enabled: false },
      forceDestroy: false,
      lifecycleRules: [{ id: "expire-tmp", enabled: true, prefix: "tmp/", expiration: { days: 7 } }],
      corsRules: [
        {
          allowedOrigins: ["https://staging.example.com", "https://myapp-staging.osc-fr1.scalingo.io"],
          allowedMethods: ["GET", "PUT"],
          allowedHeaders: ["*"],
          maxAgeSeconds: 3000,
        },
      ],
    });
  });

  it("limits the app's API key to objects, and its bucket to the app and the deployer", () => {
    expect(graph.byName("paasenv-storage-policy").inputs).toMatchObject({
      applicationId: "paasenv-storage-app-id",
      rules: [
        {
          permissionSetNames: [
            "ObjectStorageObjectsRead",
            "ObjectStorageObjectsWrite",
            "ObjectStorageObjectsDelete",
          ],
          projectIds: ["default-project-id"],
        },
      ],
    });
    const bucketPolicy = graph.byName("paasenv-storage-bucket-policy").inputs;
    expect(bucketPolicy).toMatchObject({ bucket: "myapp-staging-storage", region: "fr-par" });
    expect(
      JSON.parse(String(bucketPolicy.policy)).Statement.map((s: { Principal: unknown }) => s.Principal),
    ).toEqual([
      { SCW: "application_id:paasenv-storage-app-id" },
      { SCW: "user_id:user-of-SCWMOCKDEPLOYERKEY" },
    ]);
    expect(graph.byName("paasenv-storage-key").inputs).toMatchObject({
      applicationId: "paasenv-storage-app-id",
      defaultProjectId: "default-project-id",
    });
  });

  it("points the domain at the app through a Scaleway CNAME", () => {
    expect(graph.byName("paasenv-staging.example.com-scalingo").inputs).toMatchObject({
      appId: "app-id-myapp-staging",
      name: "staging.example.com",
      canonical: true,
    });
    expect(graph.byName("paasenv-staging.example.com-dns").inputs).toMatchObject({
      dnsZone: "example.com",
      name: "staging",
      type: "CNAME",
      data: "myapp-staging.osc-fr1.scalingo.io.",
      ttl: 3600,
    });
  });

  it("protects nothing, so the stack can be destroyed", () => {
    expect(graph.resources.filter((resource) => resource.protect).map((resource) => resource.name)).toEqual(
      [],
    );
  });

  it("exports the outputs, none of them secret", () => {
    expect(graph.outputs).toEqual({
      appName: "myapp-staging",
      appId: "app-id-myapp-staging",
      url: "https://staging.example.com",
      baseUrl: "https://myapp-staging.osc-fr1.scalingo.io",
      gitUrl: "git@ssh.osc-fr1.scalingo.com:myapp-staging.git",
      dnsRecords: [
        { name: "staging.example.com", type: "CNAME", value: "myapp-staging.osc-fr1.scalingo.io." },
      ],
      bucketName: "myapp-staging-storage",
      bucketEndpoint: "https://myapp-staging-storage.s3.fr-par.scw.cloud",
      databaseAddonId: "addon-id-postgresql",
    });
    expect(graph.secretOutputs).toEqual([]);
  });
});
