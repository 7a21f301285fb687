/**
 * The resource classes under Pulumi mocks: type tokens, provider version, and secrets (the connection URL,
 * variable values and certificates must never be plain in state).
 */
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
// Static import: the provider modules read no Pulumi config at load time, so mocks only need to precede `new`.
import { implementations } from "../../../providers/implementations";
import { SecretKey } from "../../../providers/paasenv/secret-key";
import * as scalingo from "../../../providers/scalingo";

interface Registration {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  secretOutputs: string[];
}

const registered: Registration[] = [];

/** The mock monitor drops `additionalSecretOutputs`; record them from the raw request on the way in. */
function recordSecretOutputs(): void {
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource(
      req: { getName(): string; getAdditionalsecretoutputsList(): string[] },
      cb: unknown,
    ): void;
  };
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) => {
    secretOutputsByName.set(req.getName(), req.getAdditionalsecretoutputsList());
    original(req, cb);
  };
}
const secretOutputsByName = new Map<string, string[]>();

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        const secretOutputs = secretOutputsByName.get(args.name) ?? [];
        registered.push({ type: args.type, name: args.name, inputs: args.inputs, secretOutputs });
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    "paasenv",
    "test",
    false,
  );
  recordSecretOutputs();
});

const urnOf = (r: pulumi.Resource) => new Promise<string>((resolve) => r.urn.apply(resolve));

/** One resource of each production type, on the app `child` names. */
function productionResources(child: { appId: pulumi.Output<string>; region: string }): pulumi.Resource[] {
  const db = { ...child, addonId: "ad-1" };
  return [
    new scalingo.Notifier("shop-notifier", {
      ...child,
      name: "team",
      platform: "slack",
      webhookUrl: "https://h.example/x",
    }),
    new scalingo.Alert("shop-alert", { ...child, containerType: "web", metric: "cpu", limit: 0.9 }),
    new scalingo.LogDrain("shop-drain", { ...child, type: "datadog", token: "t", drainRegion: "eu-west-2" }),
    new scalingo.DatabaseSettings("shop-pg-settings", { ...db, backups: { enabled: true } }),
    new scalingo.DatabaseUser("shop-pg-user", { ...db, name: "metabase", password: "p".repeat(24) }),
    new scalingo.Autoscaler("shop-autoscaler", {
      ...child,
      containerType: "web",
      minContainers: 2,
      maxContainers: 4,
      metric: "cpu",
      target: 0.6,
    }),
    new scalingo.Collaborator("shop-dev", { ...child, email: "dev@example.com" }),
  ];
}

describe("resource classes", () => {
  it("register distinct type tokens, the provider version, the resource name and their secret outputs", async () => {
    const app = new scalingo.App("shop", { name: "shop-staging", region: "osc-fr1" });
    const child = { appId: app.appId, region: "osc-fr1" };
    await Promise.all(
      [
        app,
        new scalingo.Addon("shop-pg", { ...child, provider: "postgresql", plan: "postgresql-sandbox" }),
        new scalingo.Variables("shop-env", { ...child, variables: { A: "1" } }),
        new scalingo.Formation("shop-formation", { ...child, processes: { web: { amount: 1, size: "S" } } }),
        new scalingo.Domain("shop-www", { ...child, name: "www.example.com", tlsCert: "c", tlsKey: "k" }),
        new scalingo.Deployment("shop-code", {
          ...child,
          sourceUrl: "https://example.com/a.tar.gz",
          gitRef: "v1",
        }),
        ...productionResources(child),
      ].map(urnOf),
    );
    const byName = Object.fromEntries(registered.map((r) => [r.name, r]));
    expect(registered.map((r) => `${r.type} ${r.name}`).sort()).toEqual([
      "pulumi-nodejs:dynamic/scalingo:Addon shop-pg",
      "pulumi-nodejs:dynamic/scalingo:Alert shop-alert",
      "pulumi-nodejs:dynamic/scalingo:App shop",
      "pulumi-nodejs:dynamic/scalingo:Autoscaler shop-autoscaler",
      "pulumi-nodejs:dynamic/scalingo:Collaborator shop-dev",
      "pulumi-nodejs:dynamic/scalingo:DatabaseSettings shop-pg-settings",
      "pulumi-nodejs:dynamic/scalingo:DatabaseUser shop-pg-user",
      "pulumi-nodejs:dynamic/scalingo:Deployment shop-code",
      "pulumi-nodejs:dynamic/scalingo:Domain shop-www",
      "pulumi-nodejs:dynamic/scalingo:Formation shop-formation",
      "pulumi-nodejs:dynamic/scalingo:LogDrain shop-drain",
      "pulumi-nodejs:dynamic/scalingo:Notifier shop-notifier",
      "pulumi-nodejs:dynamic/scalingo:Variables shop-env",
    ]);
    for (const r of registered) {
      const resourceType = r.type.replace("pulumi-nodejs:dynamic/", "");
      // The first five went to 2 when their code moved to by-reference; the production resources start at 1.
      const version = ["App", "Addon", "Variables", "Formation", "Domain"].includes(
        r.type.split(":").at(-1) ?? "",
      )
        ? "2"
        : "1";
      expect(r.inputs).toMatchObject({ providerVersion: version, resourceName: r.name, resourceType });
      // The provider host finds the implementation of each type in the registry.
      expect(implementations[resourceType], resourceType).toBeDefined();
    }
    expect(byName.shop?.inputs).toHaveProperty("__provider");
    // One provider object for every resource: Pulumi serializes it once per program.
    expect(new Set(registered.map((r) => r.inputs.__provider)).size).toBe(1);
    expect(byName["shop-pg"]?.secretOutputs).toEqual(["connectionUrl"]);
    expect(byName["shop-env"]?.secretOutputs).toEqual(["variables"]);
    expect(byName["shop-www"]?.secretOutputs).toEqual(["tlsCert", "tlsKey"]);
    expect(byName["shop-notifier"]?.secretOutputs).toEqual(["webhookUrl"]);
    expect(byName["shop-drain"]?.secretOutputs).toEqual(["drainUrl", "token", "url"]);
    expect(byName["shop-pg-user"]?.secretOutputs).toEqual(["password", "connectionUrl"]);
    for (const name of ["shop-alert", "shop-autoscaler", "shop-dev", "shop-pg-settings", "shop-code"]) {
      expect(byName[name]?.secretOutputs, name).toEqual([]);
    }
  });

  it("register a SecretKey's generated value as a secret output (the engine encrypts it in state)", async () => {
    await urnOf(new SecretKey("shop-key", { rotation: "r1" }));
    const key = registered.find((r) => r.name === "shop-key");
    expect(key?.type).toBe("pulumi-nodejs:dynamic/paasenv:SecretKey");
    expect(key?.secretOutputs).toEqual(["value"]);
    expect(implementations["paasenv:SecretKey"]).toBeDefined();
  });

  it("mark webhook URLs, drain tokens and database passwords secret from the inputs on", async () => {
    const child = { appId: "ap-1", region: "osc-fr1" };
    const notifier = new scalingo.Notifier("n2", {
      ...child,
      name: "t",
      platform: "webhook",
      webhookUrl: "https://h.example/x",
    });
    const drain = new scalingo.LogDrain("d2", { ...child, type: "datadog", token: "t", drainRegion: "eu" });
    const user = new scalingo.DatabaseUser("u2", {
      ...child,
      addonId: "ad-1",
      name: "metabase",
      password: "p".repeat(24),
    });
    const outputs = { ...notifier, ...drain, ...user } as unknown as Record<
      "webhookUrl" | "token" | "password",
      pulumi.Output<unknown>
    >;
    for (const key of ["webhookUrl", "token", "password"] as const)
      expect(await pulumi.isSecret(outputs[key]), key).toBe(true);
  });

  it("mark variable values and certificates secret from the inputs on", async () => {
    const vars = new scalingo.Variables("env2", {
      appId: "ap-1",
      region: "osc-fr1",
      variables: { TOKEN: "s3cret" },
    });
    const domain = new scalingo.Domain("www2", {
      appId: "ap-1",
      region: "osc-fr1",
      name: "www.example.org",
      tlsCert: "c",
      tlsKey: "k",
    });
    const outputs = { ...vars, ...domain } as unknown as Record<
      "variables" | "tlsKey",
      pulumi.Output<unknown>
    >;
    expect(await pulumi.isSecret(outputs.variables)).toBe(true);
    expect(await pulumi.isSecret(outputs.tlsKey)).toBe(true);
  });
});
