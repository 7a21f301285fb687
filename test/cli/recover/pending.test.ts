import { describe, expect, it } from "vitest";
import {
  type Decision,
  decideAll,
  type ExportedStack,
  type FoundObject,
  naturalKeyOf,
  type PendingOperation,
  repairedStack,
} from "../../../cli/recover/pending";

const PREFIX = "urn:pulumi:staging::paasenv::paasenv:index:AppEnvironment$pulumi-nodejs:dynamic/";
const SECRET = {
  "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
  ciphertext: "v1:abc",
};
const PROVIDER = "urn:pulumi:staging::paasenv::pulumi:providers:pulumi-nodejs::default::9e4e";

/** A pending operation on a paasenv dynamic resource, shaped as `pulumi stack export` writes it. */
function op(
  kind: string,
  name: string,
  inputs: Record<string, unknown>,
  type = "creating",
): PendingOperation {
  return {
    type,
    resource: {
      urn: `${PREFIX}${kind}::${name}`,
      custom: true,
      type: `pulumi-nodejs:dynamic/${kind}`,
      inputs: { __provider: "exports.handler = …", resourceType: kind, ...inputs },
      parent: "urn:pulumi:staging::paasenv::paasenv:index:AppEnvironment::paasenv",
      provider: PROVIDER,
      additionalSecretOutputs: ["connectionUrl"],
    },
  };
}

const APP = op("scalingo:App", "paasenv-app", { name: "shop-staging", region: "osc-fr1", forceHttps: true });
const ADDON = op("scalingo:Addon", "paasenv-postgresql", {
  appId: "app-1",
  region: "osc-fr1",
  provider: "scalingo-postgresql",
  plan: "postgresql-starter-512",
});
const DOMAIN = op("scalingo:Domain", "paasenv-domain", {
  appId: "app-1",
  region: "osc-fr1",
  name: "www.shop.fr",
});

const stackWith = (pending: PendingOperation[], resources: Array<{ urn: string; type: string }> = []) =>
  ({
    version: 3,
    deployment: {
      manifest: { time: "2026-11-30T20:25:22Z" },
      resources: [
        { urn: PROVIDER.split("::9e4e")[0] ?? "", type: "pulumi:providers:pulumi-nodejs" },
        ...resources,
      ],
      pending_operations: pending,
    },
  }) satisfies ExportedStack;

const RUN_START = new Date("2026-11-30T20:25:00Z");
const FACTS = { startedAfter: RUN_START, clockSkewMs: 5 * 60_000 };

const found = (id: string, createdAt: string | undefined): FoundObject => ({
  id,
  createdAt: createdAt === undefined ? undefined : new Date(createdAt),
});

const outcomes = (decisions: Decision[]) =>
  decisions.map((d) => `${d.outcome} ${d.type}${d.id ? ` ${d.id}` : ""}`);

describe("naturalKeyOf", () => {
  it("reads the name an app, an add-on (provider normalised) or a domain was being created under", () => {
    expect([APP, ADDON, DOMAIN].map((o) => naturalKeyOf(o.resource))).toEqual([
      { kind: "app", region: "osc-fr1", name: "shop-staging" },
      { kind: "addon", region: "osc-fr1", appId: "app-1", provider: "postgresql" },
      { kind: "domain", region: "osc-fr1", appId: "app-1", name: "www.shop.fr" },
    ]);
  });

  it("gives none when the key is a secret or the type has no natural key", () => {
    const secretName = op("scalingo:App", "paasenv-app", { name: SECRET, region: "osc-fr1" });
    expect(naturalKeyOf(secretName.resource)).toBeUndefined();
    expect(
      naturalKeyOf(op("alwaysdata:Record", "paasenv-dns", { zone: "shop.fr" }).resource),
    ).toBeUndefined();
  });
});

describe("decideAll", () => {
  it("imports what the interrupted run created, clears what it never created", () => {
    const exported = stackWith([APP, ADDON, DOMAIN]);
    const objects = new Map([
      [APP.resource.urn, found("app-1", "2026-11-30T20:25:21Z")],
      [ADDON.resource.urn, undefined],
      // Within the clock slack: the runner's clock may be ahead of Scalingo's.
      [DOMAIN.resource.urn, found("dom-1", "2026-11-30T20:21:00Z")],
    ]);
    const decisions = decideAll(exported, objects, FACTS);
    expect(outcomes(decisions)).toEqual([
      "imported scalingo:App app-1",
      "cleared scalingo:Addon",
      "imported scalingo:Domain dom-1",
    ]);
    expect(decisions[0]?.detail).toBe(
      'app "shop-staging" (osc-fr1) (app-1) created at 2026-11-30T20:25:21.000Z by the interrupted run: the next ' +
        "`pulumi up` finishes it",
    );
    expect(decisions[1]?.detail).toBe(
      "no postgresql add-on of app app-1 exists: the next `pulumi up` creates it",
    );
  });

  it.each([
    [
      "created before the run started",
      found("app-0", "2026-11-30T18:00:00Z"),
      FACTS,
      "was created at 2026-11-30T18:00:00.000Z, before the interrupted run started (2026-11-30T20:25:00.000Z): " +
        "it is not this stack's",
    ],
    [
      "when nothing dates the run",
      found("app-0", "2026-11-30T20:25:21Z"),
      { ...FACTS, startedAfter: undefined },
      "nothing proves the interrupted run created it (no lock dates the run)",
    ],
    [
      "when Scalingo gives no creation time",
      found("app-0", undefined),
      FACTS,
      "(Scalingo gives no creation time for it)",
    ],
  ])("never takes an object %s", (_what, object, facts, detail) => {
    const [decision] = decideAll(stackWith([APP]), new Map([[APP.resource.urn, object]]), facts);
    expect(decision?.outcome).toBe("needs-you");
    expect(decision?.detail).toContain(detail);
  });

  it("clears upserts and other operations, records components, and leaves the rest to a person", () => {
    const component: PendingOperation = {
      type: "creating",
      resource: {
        urn: "urn:pulumi:staging::paasenv::paasenv:index:ObjectStorage::st",
        type: "paasenv:index:ObjectStorage",
        custom: false,
      },
    };
    const exported = stackWith(
      [
        op("scalingo:Variables", "paasenv-variables", { appId: "app-1", region: "osc-fr1" }),
        op("scalingo:Formation", "paasenv-formation", { appId: "app-1", region: "osc-fr1" }),
        op("scalingo:Domain", "paasenv-www", { appId: "app-1", region: "osc-fr1", name: "x.fr" }, "updating"),
        component,
        op("alwaysdata:Record", "paasenv-dns", { zone: "shop.fr" }),
        ADDON,
      ],
      [{ urn: ADDON.resource.urn, type: ADDON.resource.type }],
    );
    expect(outcomes(decideAll(exported, new Map(), FACTS))).toEqual([
      "cleared scalingo:Variables",
      "cleared scalingo:Formation",
      "cleared scalingo:Domain",
      "imported paasenv:index:ObjectStorage",
      "needs-you alwaysdata:Record",
      "needs-you scalingo:Addon",
    ]);
  });
});

describe("repairedStack", () => {
  it("appends the imported resources with their ID and an init error, and keeps no pending operation", () => {
    const exported = stackWith([APP, ADDON]);
    const decisions = decideAll(
      exported,
      new Map([
        [APP.resource.urn, found("app-1", "2026-11-30T20:25:21Z")],
        [ADDON.resource.urn, undefined],
      ]),
      FACTS,
    );
    const repaired = repairedStack(exported, decisions);
    expect(repaired.deployment.pending_operations).toEqual([]);
    expect(repaired.deployment.resources).toEqual([
      ...(exported.deployment.resources ?? []),
      {
        ...APP.resource,
        id: "app-1",
        outputs: APP.resource.inputs,
        initErrors: [
          "paasenv recover: created by a `pulumi up` that was interrupted; the next update finishes it",
        ],
      },
    ]);
    expect(repaired.deployment.manifest).toEqual(exported.deployment.manifest);
  });
});
