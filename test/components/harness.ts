/**
 * Runs `index.ts` under Pulumi mocks for a given stack config and records the resource graph.
 *
 * The mock monitor's `newResource` does not see resource options, so the recording wraps the monitor's
 * `registerResource` and reads them from the request the SDK really sends: `protect`, the parent URN and
 * the inputs as serialized, where every secret value still carries its own secret marker.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { vi } from "vitest";
import { parse } from "yaml";

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
  /** Inputs with secrets unwrapped (the mock's view). */
  inputs: Record<string, unknown>;
  /** Inputs as serialized by the SDK: secret values are `{ [specialSigKey]: specialSecretSig, value }`. */
  raw: Record<string, unknown>;
}

/** The outputs `index.ts` exports, resolved, with their secretness. */
export interface ProgramRun {
  resources: Registered[];
  outputs: Record<string, unknown>;
  /** The names of the exported outputs that are secret. */
  secretOutputs: string[];
  /** Messages logged with `pulumi.log.info`. */
  logs: string[];
  /** Messages logged with `pulumi.log.warn`. */
  warnings: string[];
  byType(type: string): Registered[];
  byName(name: string): Registered;
}

/** The program threw while being imported; `resources` are those registered before it did. */
export class ProgramError extends Error {
  constructor(
    override readonly cause: unknown,
    readonly resources: Registered[],
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = "ProgramError";
  }
}

/** The {@link ProgramError} a run ends with; fails the test when the run succeeds or fails otherwise. */
export async function programError(run: Promise<ProgramRun>): Promise<ProgramError> {
  try {
    await run;
  } catch (error) {
    if (error instanceof ProgramError) return error;
    throw error;
  }
  throw new Error("the program was expected to fail, but it ran");
}

/** Resolve an output in a test (`await promiseOf(x)`), never `expect` inside an unawaited `apply`. */
export const promiseOf = <T>(output: pulumi.Output<T>): Promise<T> =>
  new Promise((resolve) => output.apply((value) => resolve(value)));

/** Whether a serialized input value is marked secret. */
export function isSerializedSecret(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<string, unknown>)[specialSigKey] === specialSecretSig
  );
}

/** A stack file's `config:` block as Pulumi passes it to a program: every value a string (JSON for non-strings). */
export function stackFileConfig(stack: string): Record<string, string> {
  const file = parse(readFileSync(join(__dirname, "..", "..", `Pulumi.${stack}.yaml`), "utf8")) as {
    config: Record<string, unknown>;
  };
  return flattenConfig(file.config);
}

/** Pulumi's string form of config values. */
export function flattenConfig(config: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => [
      key,
      typeof value === "string" ? value : JSON.stringify(value),
    ]),
  );
}

/** Plausible outputs per resource type, so every output the component reads resolves. */
function mockState(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
  const text = (key: string) => String(inputs[key] ?? "");
  switch (type) {
    case "pulumi-nodejs:dynamic/scalingo:App": {
      const host = `${text("name")}.${text("region")}.scalingo.io`;
      return {
        ...inputs,
        appId: `app-id-${text("name")}`,
        url: `https://${host}`,
        baseUrl: `https://${host}`,
        gitUrl: `git@ssh.${text("region")}.scalingo.com:${text("name")}.git`,
        cnameTarget: `${host}.`,
      };
    }
    case "pulumi-nodejs:dynamic/scalingo:Addon":
      return {
        ...inputs,
        addonId: `addon-id-${text("provider")}`,
        resourceId: `res-${name}`,
        status: "running",
      };
    case "pulumi-nodejs:dynamic/scalingo:Domain":
      return { ...inputs, domainId: `domain-id-${text("name")}` };
    case "pulumi-nodejs:dynamic/scalingo:Notifier":
      return { ...inputs, notifierId: `no-${text("name")}` };
    case "pulumi-nodejs:dynamic/scalingo:DatabaseSettings": {
      const backups = (inputs.backups ?? {}) as { enabled?: boolean; hour?: number };
      return { ...inputs, periodicBackups: { enabled: backups.enabled ?? true, hours: [backups.hour ?? 0] } };
    }
    case "pulumi-nodejs:dynamic/scalingo:DatabaseUser":
      return { ...inputs, connectionUrl: `postgresql://${text("name")}:generated@db.example:30000/db` };
    case "scaleway:object/bucket:Bucket":
      return {
        ...inputs,
        projectId: inputs.projectId ?? "default-project-id",
        endpoint: `https://${text("name")}.s3.${text("region")}.scw.cloud`,
        apiEndpoint: `https://s3.${text("region")}.scw.cloud`,
      };
    case "scaleway:iam/apiKey:ApiKey":
      return { ...inputs, accessKey: "SCWMOCKACCESSKEY", secretKey: "mock-secret-key" };
    default:
      return inputs;
  }
}

/** Plausible results of the invokes the program makes: the deployer's API key belongs to a user. */
function mockCall(token: string, inputs: Record<string, unknown>): Record<string, unknown> {
  if (token === "scaleway:iam/getApiKey:getApiKey") {
    return { ...inputs, userId: `user-of-${String(inputs.accessKey)}`, applicationId: "" };
  }
  return inputs;
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
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
}

/** The URN the mock monitor gives a resource (its type qualified by the parent's, as the engine does). */
function mockUrn(parentUrn: string, type: string, name: string): string {
  const parentType = parentUrn.split("::")[2]?.split("$").pop();
  const qualified = parentType === undefined ? type : `${parentType}$${type}`;
  return `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${qualified}::${name}`;
}

/** Plausible mocks, and a wrapper on the mock monitor's `registerResource` recording each request. */
async function setRecordingMocks(stack: string, resources: Registered[]): Promise<void> {
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
    const raw = req.getObject()?.toJavaScript() ?? {};
    const parentUrn = req.getParent();
    resources.push({
      type: req.getType(),
      name: req.getName(),
      urn: mockUrn(parentUrn, req.getType(), req.getName()),
      parentUrn,
      custom: req.getCustom(),
      protect: req.getProtect() ?? false,
      dependencies: req.getDependenciesList(),
      inputs: unwrapSecrets(raw) as Record<string, unknown>,
      raw,
    });
    return register(req, callback);
  };
}

/** Let every pending registration reach the monitor (mocks answer at once; only the RPC queue is async). */
async function settle(resources: Registered[]): Promise<void> {
  let stableTicks = 0;
  let seen = -1;
  while (stableTicks < 5) {
    await new Promise((resolve) => setImmediate(resolve));
    stableTicks = resources.length === seen ? stableTicks + 1 : 0;
    seen = resources.length;
  }
}

/**
 * Run `index.ts` as stack `stack` with `config` (Pulumi's flat string form); `secretKeys` are the config keys
 * Pulumi would mark secret. Mocks and config are set before the program is imported, afresh each time.
 */
export function runProgram(
  stack: string,
  config: Record<string, string>,
  secretKeys: string[] = [],
): Promise<ProgramRun> {
  return record(stack, config, secretKeys, async () => {
    vi.resetModules();
    return import("../../index.js");
  });
}

/**
 * What `index.ts` does, without re-importing the modules: the dynamic providers are then serialized once per
 * file instead of once per run (seconds each), for tests that run many variants of a config.
 */
export function runEnvironment(
  stack: string,
  config: Record<string, string>,
  secretKeys: string[] = [],
): Promise<ProgramRun> {
  return record(stack, config, secretKeys, async () => {
    const { AppEnvironment } = await import("../../components/app-environment.js");
    const { loadConfig } = await import("../../components/config/load.js");
    return new AppEnvironment("paasenv", loadConfig()).outputs();
  });
}

/** Runs `load` under recording mocks with `config` set, and collects what it registered, logged and exported. */
async function record(
  stack: string,
  config: Record<string, string>,
  secretKeys: string[],
  load: () => Promise<Record<string, unknown>>,
): Promise<ProgramRun> {
  const resources: Registered[] = [];
  const logs: string[] = [];
  const warnings: string[] = [];
  await setRecordingMocks(stack, resources);
  pulumi.runtime.setAllConfig(config, secretKeys);
  const info = vi.spyOn(pulumi.log, "info").mockImplementation((message) => {
    logs.push(message);
    return Promise.resolve();
  });
  const warn = vi.spyOn(pulumi.log, "warn").mockImplementation((message) => {
    warnings.push(message);
    return Promise.resolve();
  });
  let program: Record<string, unknown>;
  try {
    program = await load();
  } catch (error) {
    info.mockRestore();
    warn.mockRestore();
    await settle(resources);
    throw new ProgramError(error, resources);
  }
  const { outputs, secretOutputs } = await resolveOutputs(program);
  await settle(resources);
  info.mockRestore();
  warn.mockRestore();
  return {
    resources,
    outputs,
    secretOutputs,
    logs,
    warnings,
    byType: (type) => resources.filter((resource) => resource.type === type),
    byName: (name) => byName(resources, name),
  };
}

/** The program's exported outputs, resolved, and the names of the secret ones. */
async function resolveOutputs(
  program: Record<string, unknown>,
): Promise<Pick<ProgramRun, "outputs" | "secretOutputs">> {
  const outputs: Record<string, unknown> = {};
  const secretOutputs: string[] = [];
  for (const [key, value] of Object.entries(program)) {
    if (!pulumi.Output.isInstance(value)) continue;
    outputs[key] = await promiseOf(value);
    if (await pulumi.isSecret(value)) secretOutputs.push(key);
  }
  return { outputs, secretOutputs };
}

function byName(resources: Registered[], name: string): Registered {
  const found = resources.find((resource) => resource.name === name);
  if (!found)
    throw new Error(`no resource named "${name}" (have: ${resources.map((r) => r.name).join(", ")})`);
  return found;
}
