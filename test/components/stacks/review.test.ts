/** A review stack made from staging under mocks: its name, sandbox plans, domain and bucket. */
import { beforeAll, describe, expect, it } from "vitest";
import type { ProgramRun } from "../harness";
import { expectTreeShape, P, RUN_TIMEOUT, reviewConfig, run, variablesOf } from "./graph";

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

  it("drops staging's notifier and log drains: review.keep names none", () => {
    for (const type of Object.values(P)) expect(graph.byType(type), type).toEqual([]);
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
      DJANGO_ALLOWED_HOSTS: "review-7.staging.example.com,myapp-staging-review-7.osc-fr1.scalingo.io",
    });
  });

  it("lets the browser reach its bucket from its own hosts, not staging's", () => {
    expect(graph.byName("paasenv-storage-bucket").inputs.corsRules).toMatchObject([
      {
        allowedOrigins: [
          "https://review-7.staging.example.com",
          "https://myapp-staging-review-7.osc-fr1.scalingo.io",
        ],
      },
    ]);
  });

  it("admits only its own app and the deployer in its bucket", () => {
    const policy = JSON.parse(String(graph.byName("paasenv-storage-bucket-policy").inputs.policy));
    expect(policy.Statement[0].Resource).toEqual([
      "myapp-staging-review-7-storage",
      "myapp-staging-review-7-storage/*",
    ]);
    expect(policy.Statement.map((statement: { Principal: unknown }) => statement.Principal)).toEqual([
      { SCW: "application_id:paasenv-storage-app-id" },
      { SCW: "user_id:user-of-SCWMOCKDEPLOYERKEY" },
    ]);
  });

  it("checks the review plans against the catalog with the app, naming the review keys", () => {
    expect(graph.byName("paasenv-app").inputs).toMatchObject({
      addonPlans: { postgresql: "postgresql-sandbox", redis: "redis-sandbox" },
      configKeys: {
        stack: "paasenv:app.stack",
        "addonPlans.postgresql": "paasenv:review.plans.postgresql",
        "addonPlans.redis": "paasenv:review.plans.redis",
      },
    });
  });
});
