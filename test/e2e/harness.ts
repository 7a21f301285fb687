/**
 * What the end-to-end tests share: the real Pulumi CLI on a temporary copy of the project (its own
 * file backend, so no stack file or state lands in the repository), the Scalingo emulator in this
 * process, and small clients for the emulator's control endpoints.
 */

import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import type { EngineEvent, PulumiCommand, Stack } from "@pulumi/pulumi/automation";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { z } from "zod";
import {
  appStateSchema,
  type EmulatorAppState,
  type EmulatorState,
  emulatorStateSchema,
} from "../../cli/demo/summary";
import { type TempProject, tempProject } from "../../cli/lib/project";
import { type ConfigJson, writeStackConfig } from "../../cli/lib/stack-config";
import { type EmulatorOptions, type RunningEmulator, startEmulator } from "../../emulator/scalingo";
import { ensurePulumiCli, pulumiCommand, pulumiEnv } from "../helpers/pulumi";

const run = promisify(execFile);

/** The API token the tests give the provider; stack exports must never contain it. */
export const E2E_TOKEN = "tk-e2e-0123456789abcdef-never-in-state";

/** Fast emulator defaults for tests (no rate limit, short provisioning and operations). */
export const FAST_EMULATOR: Partial<EmulatorOptions> = {
  rateLimit: 0,
  addonProvisionMs: 50,
  operationMs: 50,
};

/** One end-to-end setting: a project copy, a backend, the CLI and an emulator. */
export interface E2E {
  project: TempProject;
  backendDir: string;
  command: PulumiCommand;
  emulator: RunningEmulator;
  /** The environment of every `pulumi` process. */
  env: Record<string, string>;
  /** Stops the emulator and deletes the temporary folders. */
  stop(): Promise<void>;
}

/** Builds (or finds) the CLI, copies the project, starts an emulator. */
export async function startE2E(
  prefix: string,
  emulatorOptions: Partial<EmulatorOptions> = FAST_EMULATOR,
): Promise<E2E> {
  ensurePulumiCli();
  const command = await pulumiCommand();
  const project = tempProject(`paasenv-e2e-${prefix}-`);
  const backendDir = path.join(project.root, "backend");
  fs.mkdirSync(backendDir);
  const emulator = await startEmulator(emulatorOptions);
  const env: Record<string, string> = {
    ...pulumiEnv(backendDir),
    SCALINGO_AUTH_URL: emulator.url,
    SCALINGO_API_TOKEN: E2E_TOKEN,
  };
  delete env.SCALINGO_API_URL;
  delete env.SCALINGO_DB_API_URL;
  delete env.SCALINGO_ADOPT_EXISTING;
  return {
    project,
    backendDir,
    command,
    emulator,
    env,
    stop: async () => {
      await emulator.stop();
      project.remove();
    },
  };
}

/** Runs the `pulumi` CLI itself in the project copy (for what the Automation API does differently). */
export async function pulumiCli(e2e: E2E, args: string[]): Promise<string> {
  const { stdout } = await run(e2e.command.command, args, {
    cwd: e2e.project.dir,
    env: e2e.env,
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

/** Creates (or selects) a stack of the project copy and makes its configuration exactly `config`. */
export async function openStack(e2e: E2E, stackName: string, config: ConfigJson): Promise<Stack> {
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName, workDir: e2e.project.dir },
    { pulumiCommand: e2e.command, envVars: e2e.env },
  );
  await writeStackConfig(stack.workspace, stackName, config);
  return stack;
}

/** One engine step: operation and resource name (the last part of the URN). */
export interface Step {
  op: string;
  name: string;
  type: string;
}

/** Records the steps the engine reports (`resourcePreEvent`), for `preview`, `up`, `refresh` and `destroy`. */
export function stepRecorder(): { steps: Step[]; onEvent: (event: EngineEvent) => void } {
  const steps: Step[] = [];
  return {
    steps,
    onEvent: (event) => {
      const metadata = event.resourcePreEvent?.metadata;
      if (metadata === undefined) return;
      steps.push({
        op: metadata.op,
        name: metadata.urn.split("::").at(-1) ?? metadata.urn,
        type: metadata.type,
      });
    },
  };
}

/**
 * The steps that change something, as `"<op> <name>"`, sorted. Not `same` steps, not the stack, and not the
 * default provider: it takes the whole stack config as inputs, so any config change "updates" it.
 */
export function changes(steps: readonly Step[]): string[] {
  return steps
    .filter((step) => step.op !== "same" && step.type !== "pulumi:pulumi:Stack")
    .filter((step) => !step.type.startsWith("pulumi:providers:"))
    .map((step) => `${step.op} ${step.name}`)
    .sort();
}

async function control(
  e2e: Pick<E2E, "emulator">,
  method: string,
  name: string,
  body?: unknown,
): Promise<unknown> {
  const response = await fetch(`${e2e.emulator.url}/__emulator/${name}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
  const json: unknown = await response.json();
  if (!response.ok)
    throw new Error(`${method} /__emulator/${name} failed: ${response.status} (${JSON.stringify(json)})`);
  return json;
}

/** `GET /__emulator/state`. */
export async function emulatorState(e2e: Pick<E2E, "emulator">): Promise<EmulatorState> {
  return emulatorStateSchema.parse(await control(e2e, "GET", "state"));
}

/** The app called `name` in osc-fr1, or `undefined`. */
export async function emulatorApp(
  e2e: Pick<E2E, "emulator">,
  name: string,
): Promise<EmulatorAppState | undefined> {
  return (await emulatorState(e2e)).regions["osc-fr1"]?.apps[name];
}

const storedAppSchema = appStateSchema.extend({
  app: appStateSchema.shape.app.extend({
    force_https: z.boolean(),
    router_logs: z.boolean(),
    sticky_session: z.boolean(),
  }),
  variables: z.array(z.object({ id: z.string(), name: z.string(), value: z.string() })),
  domains: z.array(z.object({ id: z.string(), name: z.string(), canonical: z.boolean() })),
});

/** A stored app with what the tests check beyond the summary: variable values, domain IDs. */
export type StoredApp = z.infer<typeof storedAppSchema>;

/** The app called `name` in osc-fr1 with variable values, or `undefined`. */
export async function storedApp(e2e: Pick<E2E, "emulator">, name: string): Promise<StoredApp | undefined> {
  const state = z
    .object({ regions: z.record(z.string(), z.object({ apps: z.record(z.string(), storedAppSchema) })) })
    .parse(await control(e2e, "GET", "state"));
  return state.regions["osc-fr1"]?.apps[name];
}

const loggedRequestSchema = z.object({ method: z.string(), path: z.string(), status: z.number() });

/** One line of `GET /__emulator/requests`. */
export type LoggedRequest = z.infer<typeof loggedRequestSchema>;

/** `DELETE /__emulator/requests`. */
export async function clearRequests(e2e: Pick<E2E, "emulator">): Promise<void> {
  await control(e2e, "DELETE", "requests");
}

/** Every logged call. */
export async function loggedRequests(e2e: Pick<E2E, "emulator">): Promise<LoggedRequest[]> {
  return z.object({ requests: z.array(loggedRequestSchema) }).parse(await control(e2e, "GET", "requests"))
    .requests;
}

/** The logged calls that may write: everything but GETs and the token exchange, as `"<METHOD> <path>"`. */
export async function writeCalls(e2e: Pick<E2E, "emulator">): Promise<string[]> {
  return (await loggedRequests(e2e))
    .filter((request) => request.method !== "GET" && request.path !== "/v1/tokens/exchange")
    .map((request) => `${request.method} ${request.path}`);
}

/**
 * `POST /__emulator/faults`: the next `times` requests matching `method` and `path` (a prefix, region prefix
 * included) fail with `status` before they are applied; `times: 0` clears every fault.
 */
export async function failRequests(
  e2e: Pick<E2E, "emulator">,
  fault: { method: string; path: string; status: number; times: number },
): Promise<void> {
  if (fault.times === 0) await control(e2e, "DELETE", "faults");
  else await control(e2e, "POST", "faults", { ...fault, when: "before" });
}

/** `POST /__emulator/drift`: changes or deletes one object out of band. */
export async function drift(
  e2e: Pick<E2E, "emulator">,
  body: { app: string; kind: string; key?: string; set?: Record<string, unknown>; delete?: boolean },
): Promise<void> {
  await control(e2e, "POST", "drift", body);
}

/** Calls the emulator's Scalingo API as a user would (token exchange, then a bearer request); `null` for no body. */
export async function scalingoApi(
  e2e: Pick<E2E, "emulator">,
  method: string,
  apiPath: string,
  body?: unknown,
): Promise<unknown> {
  const exchange = await fetch(`${e2e.emulator.url}/v1/tokens/exchange`, {
    method: "POST",
    headers: { authorization: `Basic ${Buffer.from(`:${E2E_TOKEN}`).toString("base64")}` },
  });
  const { token } = (await exchange.json()) as { token: string };
  const response = await fetch(`${e2e.emulator.url}${apiPath}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
      accept: "application/json",
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const json: unknown = text === "" ? null : JSON.parse(text);
  if (!response.ok)
    throw new Error(`${method} ${apiPath} failed: ${response.status} (${JSON.stringify(json)})`);
  return json;
}
