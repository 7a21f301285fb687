/**
 * The resource classes under Pulumi mocks: type tokens, provider version, and secrets (the connection URL,
 * variable values and certificates must never be plain in state).
 */
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
// Static import: the provider modules read no Pulumi config at load time, so mocks only need to precede `new`.
import { implementations } from "../../../providers";
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
      ].map(urnOf),
    );
    const byName = Object.fromEntries(registered.map((r) => [r.name, r]));
    expect(registered.map((r) => `${r.type} ${r.name}`).sort()).toEqual([
      "pulumi-nodejs:dynamic/scalingo:Addon shop-pg",
      "pulumi-nodejs:dynamic/scalingo:App shop",
      "pulumi-nodejs:dynamic/scalingo:Domain shop-www",
      "pulumi-nodejs:dynamic/scalingo:Formation shop-formation",
      "pulumi-nodejs:dynamic/scalingo:Variables shop-env",
    ]);
    for (const r of registered) {
      const resourceType = r.type.replace("pulumi-nodejs:dynamic/", "");
      expect(r.inputs).toMatchObject({ providerVersion: "2", resourceName: r.name, resourceType });
      // The provider host finds the implementation of each type in the registry.
      expect(implementations[resourceType], resourceType).toBeDefined();
    }
    expect(byName.shop?.inputs).toHaveProperty("__provider");
    // One provider object for every resource: Pulumi serializes it once per program.
    expect(new Set(registered.map((r) => r.inputs.__provider)).size).toBe(1);
    expect(byName["shop-pg"]?.secretOutputs).toEqual(["connectionUrl"]);
    expect(byName["shop-env"]?.secretOutputs).toEqual(["variables"]);
    expect(byName["shop-www"]?.secretOutputs).toEqual(["tlsCert", "tlsKey"]);
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
