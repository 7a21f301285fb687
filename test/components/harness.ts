/**
 * Runs `index.ts` under Pulumi mocks for a given stack config and records the resource graph
 * (`cli/check/record.ts`: `protect`, the parent URN and the inputs as serialized, where every secret value
 * still carries its own secret marker).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { vi } from "vitest";
import { parse } from "yaml";
import { type Registered, setRecordingMocks, settle } from "../../cli/check/record";

export { isSerializedSecret, type Registered } from "../../cli/check/record";

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
