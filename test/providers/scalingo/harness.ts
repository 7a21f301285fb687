/**
 * Test harness for the Scalingo provider: an emulator over real HTTP, providers configured against it, and
 * helpers for the emulator's control endpoints (request log, scripted faults, drift).
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import { create as createTar } from "tar";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { startEmulator } from "../../../emulator/scalingo";
import { addonProvider } from "../../../providers/scalingo/addon-provider";
import { appProvider } from "../../../providers/scalingo/app-provider";
import { resetSessions } from "../../../providers/scalingo/session";
import type { ScalingoProvider } from "../../../providers/scalingo/settings";

/** One line of `GET /__emulator/requests`. */
export interface Logged {
  method: string;
  path: string;
  status: number;
}

/** A fault for `POST /__emulator/faults`. */
export interface FaultSpec {
  method?: string;
  path: string;
  times?: number;
  status?: number;
  drop?: boolean;
  when?: "before" | "after";
}

/** A drift for `POST /__emulator/drift`. */
export interface DriftSpec {
  region?: string;
  app: string;
  kind: "app" | "variable" | "addon" | "formation" | "domain";
  key?: string;
  set?: Record<string, unknown>;
  delete?: boolean;
}

/** Anything with a `configure` like our providers. */
type Configurable = Pick<pulumi.dynamic.ResourceProvider, "configure">;

/** Fast retries and polling so fault tests stay short (the delays are not what is tested). */
export const FAST: Record<string, string> = {
  "scalingo:apiToken": "tk-us-test-token-0123456789",
  "scalingo:retryBaseMs": "5",
  "scalingo:retryMaxDelayMs": "50",
  "scalingo:pollIntervalMs": "20",
  "scalingo:operationTimeoutMs": "5000",
};

/** A started emulator plus control helpers. */
export interface Harness {
  url: string;
  stop(): Promise<void>;
  /** Configure providers against this emulator (`scalingo:authUrl` = its URL, regions discovered). */
  configure(providers: Configurable[], extra?: Record<string, string>): Promise<void>;
  requests(): Promise<Logged[]>;
  /** Requests that change something: not GET, not the token exchange. */
  writes(): Promise<Logged[]>;
  clearRequests(): Promise<void>;
  fault(spec: FaultSpec): Promise<void>;
  clearFaults(): Promise<void>;
  drift(spec: DriftSpec): Promise<void>;
  /** The emulator's whole state. */
  state(): Promise<EmulatorStateJson>;
  reset(): Promise<void>;
  /**
   * Start the next run: the providers keep their configuration, but what the host shared is forgotten (the
   * bearer, the catalog, the apps it created). Tests that change an app out of band call it so that the app
   * is, as it would be in real use, one that existed before the run.
   */
  nextRun(): void;
}

/** The part of `GET /__emulator/state` the tests read. */
export interface EmulatorStateJson {
  regions: Record<string, { apps: Record<string, AppStateJson> }>;
}

/** One app's stored state. */
export interface AppStateJson {
  app: { id: string; name: string; force_https: boolean; stack_id: string };
  variables: { id: string; name: string; value: string }[];
  addons: { id: string; status: string; plan: { name: string }; addon_provider: { id: string } }[];
  containers: { name: string; amount: number; size: string }[];
  domains: { id: string; name: string; canonical: boolean; letsencrypt_enabled: boolean }[];
  procfile: Record<string, string> | null;
  deployments: { id: string; status: string }[];
  operations: { id: string; type: string; status: string }[];
}

async function control(url: string, method: string, name: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${url}/__emulator/${name}`, {
    method,
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json: unknown = await res.json();
  if (!res.ok) throw new Error(`emulator ${method} ${name} failed: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Start an emulator (no rate limit, fast add-ons and operations unless overridden). */
export async function startHarness(options: Parameters<typeof startEmulator>[0] = {}): Promise<Harness> {
  const emulator = await startEmulator({ rateLimit: 0, addonProvisionMs: 50, operationMs: 50, ...options });
  const { url } = emulator;
  const requests = async () => ((await control(url, "GET", "requests")) as { requests: Logged[] }).requests;
  return {
    url,
    stop: () => emulator.stop(),
    configure: async (providers, extra = {}) => {
      const values: Record<string, string> = { ...FAST, "scalingo:authUrl": url, ...extra };
      const config = {
        get: (key: string) => values[key],
        require: (key: string) => values[key] ?? `missing ${key}`,
      };
      resetSessions();
      for (const p of providers) await p.configure?.({ config });
    },
    requests,
    writes: async () =>
      (await requests()).filter((r) => r.method !== "GET" && !r.path.endsWith("/tokens/exchange")),
    clearRequests: async () => {
      await control(url, "DELETE", "requests");
    },
    fault: async (spec) => {
      await control(url, "POST", "faults", spec);
    },
    clearFaults: async () => {
      await control(url, "DELETE", "faults");
    },
    drift: async (spec) => {
      await control(url, "POST", "drift", spec);
    },
    state: async () => (await control(url, "GET", "state")) as EmulatorStateJson,
    reset: async () => {
      await control(url, "POST", "reset");
    },
    nextRun: resetSessions,
  };
}

/** Stored apps of a region, by name. */
export async function appsOf(h: Harness, region = "osc-fr1"): Promise<Record<string, AppStateJson>> {
  return (await h.state()).regions[region]?.apps ?? {};
}

/** What `check` then `create` gave, as the engine runs them. */
export interface Created {
  inputs: Record<string, unknown>;
  id: string;
  outs: Record<string, unknown>;
}

/** `check` then `create`, as the engine runs them; a check failure fails the test with the reasons. */
export async function checkAndCreate(
  provider: ScalingoProvider,
  news: Record<string, unknown>,
): Promise<Created> {
  const { inputs, failures } = await provider.check({}, news);
  if ((failures ?? []).length > 0) throw new Error(`check failed: ${JSON.stringify(failures)}`);
  const created = await provider.create({ ...inputs, __provider: "code" });
  return { inputs: inputs ?? {}, id: created.id, outs: created.outs ?? {} };
}

/** Await a promise expected to reject and return its error (so the test can assert on the message). */
export async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error as Error & Record<string, unknown>;
    throw new Error(`rejected with a non-Error: ${String(error)}`);
  }
  throw new Error("expected the promise to reject, but it resolved");
}

/**
 * Call the emulator's API as a user would (exchange, then Bearer): setup steps the provider does not do, and
 * changes made outside Pulumi (drift) in the API's own terms.
 */
export async function api(
  h: Harness,
  method: string,
  path: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const basic = Buffer.from(`:${FAST["scalingo:apiToken"]}`).toString("base64");
  const exchanged = await fetch(`${h.url}/v1/tokens/exchange`, {
    method: "POST",
    headers: { Authorization: `Basic ${basic}`, "Content-Type": "application/json" },
    body: "{}",
  });
  const { token } = (await exchanged.json()) as { token: string };
  const res = await fetch(`${h.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (res.status === 204 ? {} : await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${path} failed: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Deploy an archive with this Procfile to the app and wait for success (the app then has running types). */
export async function deployApp(h: Harness, appName: string, procfile: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "paasenv-deploy-"));
  try {
    await mkdir(join(dir, "app"));
    await writeFile(join(dir, "app", "Procfile"), procfile);
    await createTar({ gzip: true, file: join(dir, "app.tar.gz"), cwd: dir }, ["app"]);
    const { source } = (await api(h, "POST", "/v1/sources", {})) as {
      source: { upload_url: string; download_url: string };
    };
    await fetch(source.upload_url, { method: "PUT", body: await readFile(join(dir, "app.tar.gz")) });
    const body = { deployment: { source_url: source.download_url, git_ref: "main" } };
    const { deployment } = (await api(h, "POST", `/v1/apps/${appName}/deployments`, body)) as {
      deployment: { id: string };
    };
    for (let i = 0; i < 200; i++) {
      const status = (await appsOf(h))[appName]?.deployments.find((d) => d.id === deployment.id)?.status;
      if (status === "success") return;
      if (status?.endsWith("error")) throw new Error(`deployment of ${appName} failed: ${status}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`deployment of ${appName} did not finish`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** An app and one add-on of it, created through the providers (configure them first). */
export async function appWithAddon(
  appName: string,
  provider: "postgresql" | "redis",
  plan: string,
): Promise<{ appId: string; addonId: string }> {
  const appId = (await appProvider.create({ name: appName, region: "osc-fr1" })).id;
  const addonId = (await addonProvider.create({ appId, region: "osc-fr1", provider, plan })).id;
  return { appId, addonId };
}

/**
 * One emulator for the test file: started before all tests, stopped after, reset and `providers` configured
 * before each test. Returns the harness (read it inside tests and hooks).
 */
export function useHarness(
  providers: Configurable[],
  options: Parameters<typeof startEmulator>[0] = {},
): () => Harness {
  let harness: Harness | undefined;
  const current = () => {
    if (harness === undefined) throw new Error("the harness is not started yet");
    return harness;
  };
  beforeAll(async () => {
    harness = await startHarness(options);
  });
  afterAll(async () => {
    await harness?.stop();
  });
  beforeEach(async () => {
    await current().reset();
    await current().configure(providers);
  });
  return current;
}
