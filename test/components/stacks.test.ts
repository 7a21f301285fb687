/**
 * `index.ts` under Pulumi mocks for the committed staging and production stacks and a review stack made
 * from staging: the resource graph (types, parents, names), the wiring into variables, secrets,
 * protection and the data-loss guard.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { isSerializedSecret, type ProgramRun, type Registered, runProgram, stackFileConfig } from "./harness";

const T = {
  environment: "paasenv:index:AppEnvironment",
  storage: "paasenv:index:ObjectStorage",
  customDomain: "paasenv:index:CustomDomain",
  app: "pulumi-nodejs:dynamic/scalingo:App",
  addon: "pulumi-nodejs:dynamic/scalingo:Addon",
  formation: "pulumi-nodejs:dynamic/scalingo:Formation",
  variables: "pulumi-nodejs:dynamic/scalingo:Variables",
  domain: "pulumi-nodejs:dynamic/scalingo:Domain",
  bucket: "scaleway:object/bucket:Bucket",
  iamApplication: "scaleway:iam/application:Application",
  policy: "scaleway:iam/policy:Policy",
  apiKey: "scaleway:iam/apiKey:ApiKey",
  record: "scaleway:domain/record:Record",
} as const;

/** A secret config value, as `pulumi config set --secret --path 'paasenv:secretEnv.DJANGO_SECRET_KEY'` makes it. */
const SECRET_ENV = { "paasenv:secretEnv": JSON.stringify({ DJANGO_SECRET_KEY: "s3cr3t-value" }) };

/** Importing `index.ts` serializes every dynamic provider: seconds on a busy 2-core machine. */
const RUN_TIMEOUT = 120_000;

const run = (stack: string, config: Record<string, string>) =>
  runProgram(stack, { ...config, ...SECRET_ENV }, ["paasenv:secretEnv"]);

const reviewConfig = () => ({
  ...stackFileConfig("staging"),
  "paasenv:environment": "review",
  "paasenv:reviewNumber": "7",
});

const nameOf = (urn: string) => urn.split("::").pop() ?? "";
const variablesOf = (graph: ProgramRun) =>
  (graph.byType(T.variables)[0]?.inputs.variables ?? {}) as Record<string, string>;

function expectTreeShape(graph: ProgramRun): void {
  const [root, ...others] = graph.resources.filter((resource) => resource.type === T.environment);
  expect(others).toEqual([]);
  expect(root?.name).toBe("paasenv");
  const rootUrn = root?.urn;
  const parentType = (resource: Registered) =>
    graph.resources.find((r) => r.urn === resource.parentUrn)?.type;
  for (const resource of graph.resources) {
    if (resource === root) continue;
    // Every child is named after its parent: `<parent>-<key>`.
    expect(resource.name.startsWith(`${nameOf(resource.parentUrn)}-`), resource.name).toBe(true);
    expect(resource.parentUrn.length, resource.name).toBeGreaterThan(0);
  }
  for (const type of [T.app, T.addon, T.formation, T.variables, T.storage, T.customDomain]) {
    for (const resource of graph.byType(type)) expect(resource.parentUrn, resource.name).toBe(rootUrn);
  }
  for (const type of [T.bucket, T.iamApplication, T.policy, T.apiKey]) {
    for (const resource of graph.byType(type)) expect(parentType(resource), resource.name).toBe(T.storage);
  }
  for (const type of [T.domain, T.record]) {
    for (const resource of graph.byType(type))
      expect(parentType(resource), resource.name).toBe(T.customDomain);
  }
}

function countTypes(graph: ProgramRun): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const resource of graph.resources) counts[resource.type] = (counts[resource.type] ?? 0) + 1;
  return counts;
}

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
      [T.variables]: 1,
      [T.customDomain]: 1,
      [T.domain]: 1,
      [T.record]: 1,
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
        "paasenv-variables",
        "paasenv-staging.example.com",
        "paasenv-staging.example.com-scalingo",
        "paasenv-staging.example.com-dns",
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

  it("declares the add-ons by plan name, with the data-loss guard off", () => {
    expect(graph.byName("paasenv-postgresql").inputs).toMatchObject({
      appId: "app-id-myapp-staging",
      provider: "postgresql",
      plan: "postgresql-starter-512",
      allowReplace: false,
    });
    expect(graph.byName("paasenv-redis").inputs).toMatchObject({
      provider: "redis",
      plan: "redis-starter-256",
      allowReplace: false,
    });
  });

  it("wires the bucket, its keys and the public URL into the variables, next to env and secretEnv", () => {
    expect(variablesOf(graph)).toEqual({
      DJANGO_SETTINGS_MODULE: "myapp.settings.staging",
      DJANGO_ALLOWED_HOSTS: "staging.example.com",
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
          allowedOrigins: ["https://staging.example.com"],
          allowedMethods: ["GET", "PUT"],
          allowedHeaders: ["*"],
          maxAgeSeconds: 3000,
        },
      ],
    });
  });

  it("limits the app's API key to Object Storage in the bucket's project", () => {
    expect(graph.byName("paasenv-storage-policy").inputs).toMatchObject({
      applicationId: "paasenv-storage-app-id",
      rules: [{ permissionSetNames: ["ObjectStorageFullAccess"], projectIds: ["default-project-id"] }],
    });
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

describe("production stack", () => {
  let graph: ProgramRun;
  beforeAll(async () => {
    graph = await run("production", stackFileConfig("production"));
  }, RUN_TIMEOUT);

  it("keeps the tree shape", () => {
    expectTreeShape(graph);
  });

  it("protects the app, the add-ons and the bucket, and only them", () => {
    expect(
      graph.resources
        .filter((resource) => resource.protect)
        .map((resource) => resource.type)
        .sort(),
    ).toEqual([T.addon, T.addon, T.app, T.bucket].sort());
  });

  it("versions the bucket and keeps it on destroy", () => {
    expect(graph.byName("paasenv-storage-bucket").inputs).toMatchObject({
      name: "myapp-production-storage",
      versioning: { enabled: true },
      forceDestroy: false,
      lifecycleRules: [
        { id: "expire-old-versions", enabled: true, noncurrentVersionExpiration: { noncurrentDays: 30 } },
        { id: "abort-multipart", enabled: true, abortIncompleteMultipartUploadDays: 2 },
      ],
    });
  });

  it("keys domains by name: a canonical www CNAME and an apex ALIAS", () => {
    expect(graph.byName("paasenv-www.example.com-scalingo").inputs).toMatchObject({ canonical: true });
    expect(graph.byName("paasenv-example.com-scalingo").inputs).toMatchObject({ canonical: false });
    expect(graph.byName("paasenv-www.example.com-dns").inputs).toMatchObject({ name: "www", type: "CNAME" });
    expect(graph.byName("paasenv-example.com-dns").inputs).toMatchObject({
      name: "",
      type: "ALIAS",
      data: "myapp-production.osc-fr1.scalingo.io.",
    });
  });

  it("runs two web and two worker containers and uses the canonical domain as URL", () => {
    expect(graph.byName("paasenv-formation").inputs.processes).toEqual({
      web: { amount: 2, size: "L" },
      worker: { amount: 2, size: "M" },
    });
    expect(graph.outputs.url).toBe("https://www.example.com");
    expect(variablesOf(graph).APP_URL).toBe("https://www.example.com");
  });
});

describe("review stack made from staging", () => {
  let graph: ProgramRun;
  beforeAll(async () => {
    graph = await run("review-7", reviewConfig());
  }, RUN_TIMEOUT);

  it("keeps the tree shape and protects nothing", () => {
    expectTreeShape(graph);
    expect(graph.resources.filter((resource) => resource.protect)).toEqual([]);
  });

  it("names the app <source>-review-<N> and runs one small web container, no worker", () => {
    expect(graph.byName("paasenv-app").inputs).toMatchObject({ name: "myapp-staging-review-7" });
    expect(graph.byName("paasenv-formation").inputs.processes).toEqual({ web: { amount: 1, size: "S" } });
  });

  it("uses the sandbox plans", () => {
    expect(graph.byName("paasenv-postgresql").inputs).toMatchObject({ plan: "postgresql-sandbox" });
    expect(graph.byName("paasenv-redis").inputs).toMatchObject({ plan: "redis-sandbox" });
  });

  it("gets review-<N>.<source canonical domain> in the source zone", () => {
    expect(graph.byName("paasenv-review-7.staging.example.com-dns").inputs).toMatchObject({
      dnsZone: "example.com",
      name: "review-7.staging",
      type: "CNAME",
      data: "myapp-staging-review-7.osc-fr1.scalingo.io.",
    });
    expect(graph.outputs.url).toBe("https://review-7.staging.example.com");
  });

  it("has its own bucket, emptied and deleted with the stack", () => {
    expect(graph.byName("paasenv-storage-bucket").inputs).toMatchObject({
      name: "myapp-staging-review-7-storage",
      forceDestroy: true,
      versioning: { enabled: false },
    });
    expect(variablesOf(graph)).toMatchObject({
      AWS_STORAGE_BUCKET_NAME: "myapp-staging-review-7-storage",
      APP_URL: "https://review-7.staging.example.com",
      DJANGO_ALLOWED_HOSTS: "staging.example.com",
    });
  });
});
