/** The committed production stack under mocks: protection, versioning, domains, formation. */
import { beforeAll, describe, expect, it } from "vitest";
import { type ProgramRun, stackFileConfig } from "../harness";
import { expectTreeShape, RUN_TIMEOUT, run, T, variablesOf } from "./graph";

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
