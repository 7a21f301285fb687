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
});
