/**
 * Runs paasenv's program under Pulumi's mocks and records what it declares, as the engine would receive it:
 * each resource's type, name, URN, inputs (secrets unwrapped), `protect` and property dependencies. The mock
 * monitor's `newResource` does not see resource options, so the recording wraps the monitor's
 * `registerResource` and reads them from the request the SDK really sends. `paasenv check` runs the policy
 * pack's rules on this record; the component tests (test/components/harness.ts) read it too.
 */
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { mockCall, mockState } from "./mock-state";

/** One registered resource, as the engine would have received it. */
export interface Registered {
  type: string;
  name: string;
  urn: string;
  parentUrn: string;
  custom: boolean;
  protect: boolean;
  /** The URNs it depends on (its `dependsOn`, expanded to the children of components, and its inputs'). */
  dependencies: string[];
  /** The URNs each input comes from (the engine's property dependencies). */
  propertyDependencies: Record<string, string[]>;
  /** Inputs with secrets unwrapped (the mock's view). */
  inputs: Record<string, unknown>;
  /** Inputs as serialized by the SDK: secret values are `{ [specialSigKey]: specialSecretSig, value }`. */
  raw: Record<string, unknown>;
}

/** Whether a serialized input value is marked secret. */
export function isSerializedSecret(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<string, unknown>)[specialSigKey] === specialSecretSig
  );
}

function unwrapSecrets(value: unknown): unknown {
  if (isSerializedSecret(value)) return unwrapSecrets((value as { value: unknown }).value);
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, unwrapSecrets(inner)]));
  }
  return value;
}

/** The part of the SDK's RegisterResourceRequest the recording reads. */
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getProtect(): boolean | undefined;
  getDependenciesList(): string[];
  getPropertydependenciesMap(): {
    forEach(callback: (value: { getUrnsList(): string[] }, key: string) => void): void;
  };
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
}

/** The URN the mock monitor gives a resource (its type qualified by the parent's, as the engine does). */
function mockUrn(parentUrn: string, type: string, name: string): string {
  const parentType = parentUrn.split("::")[2]?.split("$").pop();
  const qualified = parentType === undefined ? type : `${parentType}$${type}`;
  return `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${qualified}::${name}`;
}

/** One request as a {@link Registered}. */
function registered(req: RegisterRequest): Registered {
  const raw = req.getObject()?.toJavaScript() ?? {};
  const parentUrn = req.getParent();
  const propertyDependencies: Record<string, string[]> = {};
  req.getPropertydependenciesMap().forEach((value, key) => {
    propertyDependencies[key] = value.getUrnsList();
  });
  return {
    type: req.getType(),
    name: req.getName(),
    urn: mockUrn(parentUrn, req.getType(), req.getName()),
    parentUrn,
    custom: req.getCustom(),
    protect: req.getProtect() ?? false,
    dependencies: req.getDependenciesList(),
    propertyDependencies,
    inputs: unwrapSecrets(raw) as Record<string, unknown>,
    raw,
  };
}

/** Plausible mocks, and a wrapper on the mock monitor's `registerResource` recording each request. */
export async function setRecordingMocks(stack: string, resources: Registered[]): Promise<void> {
  const mocks: pulumi.runtime.Mocks = {
    newResource: (args) => ({ id: `${args.name}-id`, state: mockState(args.type, args.name, args.inputs) }),
    call: (args) => mockCall(args.token, args.inputs),
  };
  // setMocks also turns on the features a mock engine supports (secrets among them), so wrap its monitor
  // rather than installing our own through setMockOptions, which would reset them.
  await pulumi.runtime.setMocks(mocks, "paasenv", stack, false);
  const monitor: unknown = pulumi.runtime.getMonitor();
  if (!(monitor instanceof MockMonitor)) throw new Error("setMocks did not install a MockMonitor");
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: RegisterRequest, callback) => {
    resources.push(registered(req));
    return register(req, callback);
  };
}

/** Let every pending registration reach the monitor (mocks answer at once; only the RPC queue is async). */
export async function settle(resources: readonly Registered[]): Promise<void> {
  let stableTicks = 0;
  let seen = -1;
  while (stableTicks < 5) {
    await new Promise((resolve) => setImmediate(resolve));
    stableTicks = resources.length === seen ? stableTicks + 1 : 0;
    seen = resources.length;
  }
}
