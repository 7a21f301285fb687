/**
 * `index.ts` under Pulumi mocks for the committed staging and production stacks and a review stack made
 * from staging: the resource graph (types, parents, names), the wiring into variables, secrets,
 * protection and the data-loss guard. What the three stacks' tests share.
 */
import { expect } from "vitest";
import { type ProgramRun, type Registered, runProgram, stackFileConfig } from "../harness";

/** The resource types of the graph. */
export const T = {
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
  bucketPolicy: "scaleway:object/bucketPolicy:BucketPolicy",
  record: "scaleway:domain/record:Record",
  guard: "pulumi-nodejs:dynamic/paasenv:Guard",
} as const;

/** The production resources' types. */
export const P = {
  monitoring: "paasenv:index:Monitoring",
  database: "paasenv:index:Database",
  notifier: "pulumi-nodejs:dynamic/scalingo:Notifier",
  alert: "pulumi-nodejs:dynamic/scalingo:Alert",
  logDrain: "pulumi-nodejs:dynamic/scalingo:LogDrain",
  autoscaler: "pulumi-nodejs:dynamic/scalingo:Autoscaler",
  collaborator: "pulumi-nodejs:dynamic/scalingo:Collaborator",
  settings: "pulumi-nodejs:dynamic/scalingo:DatabaseSettings",
  user: "pulumi-nodejs:dynamic/scalingo:DatabaseUser",
} as const;

/** A secret config value, as `pulumi config set --secret --path 'paasenv:secretEnv.DJANGO_SECRET_KEY'` makes it. */
const SECRET_ENV = { "paasenv:secretEnv": JSON.stringify({ DJANGO_SECRET_KEY: "s3cr3t-value" }) };
/** The deployer's Scaleway access key (`scaleway:accessKey`); the mocks say it belongs to `user-of-<key>`. */
export const DEPLOYER_KEY = { "scaleway:accessKey": "SCWMOCKDEPLOYERKEY" };

/** Importing `index.ts` serializes every dynamic provider: seconds on a busy 2-core machine. */
export const RUN_TIMEOUT = 120_000;

/** Runs `index.ts` under mocks for `stack`, with a secret `paasenv:secretEnv` added to `config`. */
export const run = (stack: string, config: Record<string, string>) =>
  runProgram(stack, { ...config, ...SECRET_ENV, ...DEPLOYER_KEY }, ["paasenv:secretEnv"]);

/** The config of stack `review-7`: staging's, made a review. */
export const reviewConfig = () => ({
  ...stackFileConfig("staging"),
  "paasenv:environment": "review",
  "paasenv:reviewNumber": "7",
});

const nameOf = (urn: string) => urn.split("::").pop() ?? "";
/** The app's `Variables` resource's input map (not the error pages'). */
export const variablesOf = (graph: ProgramRun) =>
  (graph.byName("paasenv-variables").inputs.variables ?? {}) as Record<string, string>;

/** One `AppEnvironment` at the root; every child parented to its component and named `<parent>-<key>`. */
export function expectTreeShape(graph: ProgramRun): void {
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
  for (const resource of graph.byType(T.guard).filter((r) => r.name === "paasenv-guard")) {
    expect(resource.parentUrn, resource.name).toBe(rootUrn);
  }
  for (const type of [T.bucket, T.iamApplication, T.policy, T.apiKey, T.bucketPolicy]) {
    for (const resource of graph.byType(type)) expect(parentType(resource), resource.name).toBe(T.storage);
  }
  for (const resource of graph.byType(T.guard).filter((r) => r.name === "paasenv-storage-guard")) {
    expect(parentType(resource), resource.name).toBe(T.storage);
  }
  for (const type of [T.domain, T.record]) {
    for (const resource of graph.byType(type))
      expect(parentType(resource), resource.name).toBe(T.customDomain);
  }
}

/** How many resources of each type the program declared. */
export function countTypes(graph: ProgramRun): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const resource of graph.resources) counts[resource.type] = (counts[resource.type] ?? 0) + 1;
  return counts;
}
