/** The committed production stack under mocks: protection, versioning, domains, formation. */
import { beforeAll, describe, expect, it } from "vitest";
import { type ProgramRun, stackFileConfig } from "../harness";
import { expectTreeShape, P, RUN_TIMEOUT, run, T, variablesOf } from "./graph";

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
    ).toEqual([T.addon, T.addon, T.app, T.bucket, T.guard].sort());
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

  it("allows its own hosts, canonical first, in Django and in the bucket's CORS rules", () => {
    expect(variablesOf(graph).DJANGO_ALLOWED_HOSTS).toBe(
      "www.example.com,example.com,myapp-production.osc-fr1.scalingo.io",
    );
    expect(graph.byName("paasenv-storage-bucket").inputs.corsRules).toMatchObject([
      {
        allowedOrigins: [
          "https://www.example.com",
          "https://example.com",
          "https://myapp-production.osc-fr1.scalingo.io",
        ],
      },
    ]);
  });

  it("keeps production's bucket out of every other key's reach", () => {
    const bucketPolicy = graph.byName("paasenv-storage-bucket-policy");
    const policy = JSON.parse(String(bucketPolicy.inputs.policy));
    expect(policy).toEqual({
      Version: "2023-04-17",
      Id: "paasenv-myapp-production-storage",
      Statement: [
        {
          Sid: "TheAppReadsAndWritesItsObjects",
          Effect: "Allow",
          Principal: { SCW: "application_id:paasenv-storage-app-id" },
          Action: [
            "s3:ListBucket",
            "s3:ListBucketMultipartUploads",
            "s3:ListMultipartUploadParts",
            "s3:GetObject",
            "s3:PutObject",
            "s3:DeleteObject",
            "s3:AbortMultipartUpload",
          ],
          Resource: ["myapp-production-storage", "myapp-production-storage/*"],
        },
        {
          Sid: "TheDeployerManagesTheBucket",
          Effect: "Allow",
          Principal: { SCW: "user_id:user-of-SCWMOCKDEPLOYERKEY" },
          Action: ["s3:*"],
          Resource: ["myapp-production-storage", "myapp-production-storage/*"],
        },
      ],
    });
    expect(graph.byName("paasenv-storage-policy").inputs.rules).toEqual([
      {
        permissionSetNames: [
          "ObjectStorageObjectsRead",
          "ObjectStorageObjectsWrite",
          "ObjectStorageObjectsDelete",
        ],
        projectIds: ["default-project-id"],
      },
    ]);
  });
});

describe("production stack: the production resources", () => {
  let graph: ProgramRun;
  beforeAll(async () => {
    graph = await run("production", stackFileConfig("production"));
  }, RUN_TIMEOUT);

  const names = (type: string) =>
    graph
      .byType(type)
      .map((r) => r.name)
      .sort();

  it("sends the default alerts to the e-mail notifier, with Scalingo's units", () => {
    expect(graph.byName("paasenv-monitoring-notifier-ops").inputs).toMatchObject({
      name: "ops",
      platform: "email",
      emails: ["ops@example.com"],
      events: ["deployment", "crash", "repeated_crash", "database_backup_failed"],
    });
    const alerts = graph.byType(P.alert).map((a) => {
      const i = a.inputs;
      return `${a.name}: ${i.containerType} ${i.metric} > ${i.limit} for ${i.durationBeforeTrigger}, every ${i.remindEvery}, to ${JSON.stringify(i.notifiers)}`;
    });
    expect(alerts.sort()).toEqual([
      'paasenv-monitoring-alert-web-5xx: web 5XX > 10 for 2m, every 1h, to ["no-ops"]',
      'paasenv-monitoring-alert-web-cpu: web cpu > 0.9 for 5m, every 1h, to ["no-ops"]',
      'paasenv-monitoring-alert-web-memory: web memory > 0.9 for 5m, every 1h, to ["no-ops"]',
      'paasenv-monitoring-alert-web-p95-response-time: web p95_response_time > 1000 for 5m, every 1h, to ["no-ops"]',
    ]);
  });

  it("hands web's count to an autoscaler declared after the formation", () => {
    expect(graph.byName("paasenv-formation").inputs).toMatchObject({
      autoscaled: { web: { min: 2, max: 6 } },
    });
    expect(graph.byName("paasenv-autoscaler-web").inputs).toMatchObject({
      containerType: "web",
      minContainers: 2,
      maxContainers: 6,
      metric: "rpm_per_container",
      target: 600,
    });
  });

  it("manages each database's settings and users, and drains the app and both add-ons", () => {
    expect(graph.byName("paasenv-postgresql-database-settings").inputs).toMatchObject({
      addonId: "addon-id-postgresql",
      backups: { enabled: true, hour: 3 },
      maintenanceWindow: { day: "sunday", hour: 4 },
      features: ["force-ssl"],
    });
    expect(graph.byName("paasenv-redis-database-settings").inputs).toMatchObject({
      maintenanceWindow: { day: "sunday", hour: 5 },
    });
    expect(graph.byName("paasenv-postgresql-database-user-metabase").inputs).toMatchObject({
      name: "metabase",
      readOnly: true,
    });
    expect(names(P.logDrain)).toEqual([
      "paasenv-drain-papertrail-logs-papertrailapp-com",
      "paasenv-drain-papertrail-logs-papertrailapp-com-postgresql",
      "paasenv-drain-papertrail-logs-papertrailapp-com-redis",
    ]);
    expect(graph.byName("paasenv-drain-papertrail-logs-papertrailapp-com-redis").inputs).toMatchObject({
      addonId: "addon-id-redis",
      type: "papertrail",
      port: 12345,
    });
  });

  it("invites the collaborator and sets the error pages with the app's variables, restarting when they change", () => {
    expect(graph.byName("paasenv-collaborator-dev@example.com").inputs).toMatchObject({
      email: "dev@example.com",
      limited: false,
    });
    expect(graph.byName("paasenv-variables").inputs).toMatchObject({
      restartKeys: [
        "SCALINGO_STOPPED_PAGE_URL",
        "SCALINGO_NO_FRONT_ERROR_URL",
        "SCALINGO_APP_ERROR_URL",
        "SCALINGO_TIMEOUT_ERROR_URL",
      ],
      variables: {
        SCALINGO_STOPPED_PAGE_URL: "https://www.example.com/maintenance.html",
        SCALINGO_NO_FRONT_ERROR_URL: "https://www.example.com/maintenance.html",
        SCALINGO_APP_ERROR_URL: "https://www.example.com/error.html",
        SCALINGO_TIMEOUT_ERROR_URL: "https://www.example.com/timeout.html",
      },
    });
  });

  it("exports the backup schedule, and the users' connection URLs as a secret", () => {
    expect(graph.outputs.backupSchedule).toEqual({ postgresql: { enabled: true, hours: [3] } });
    expect(graph.outputs.databaseUsers).toEqual({
      metabase: "postgresql://metabase:generated@db.example:30000/db",
    });
    expect(graph.secretOutputs).toEqual(["databaseUsers"]);
  });
});
