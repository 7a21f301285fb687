import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { create } from "tar";
import type { EmulatorOptions, RunningEmulator } from "../../../emulator/scalingo/index";
import { startEmulator } from "../../../emulator/scalingo/index";

/** Fast options for tests: no rate limit, tiny delays. */
export const FAST: Partial<EmulatorOptions> = {
  rateLimit: 0,
  addonProvisionMs: 40,
  operationMs: 40,
  faultRate: 0,
};

/** A response read fully. */
export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON paths and assert them
  json: any;
}

/** A small HTTP client for the emulator (fetch, JSON in and out). */
export interface TestClient {
  url: string;
  token: string;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse>;
  control(method: string, name: string, body?: unknown): Promise<ApiResponse>;
}

/** Sends one request and reads the whole response. */
export async function request(
  url: string,
  method: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResponse> {
  const init: RequestInit = { method, headers: { Accept: "application/json", ...headers } };
  if (body instanceof Uint8Array) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { "Content-Type": "application/json", ...init.headers };
  }
  const response = await fetch(url, init);
  const text = await response.text();
  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** Exchanges an API token for a bearer. */
export async function exchange(url: string, apiToken = "tk-us-test"): Promise<string> {
  const basic = Buffer.from(`:${apiToken}`).toString("base64");
  const response = await request(
    `${url}/v1/tokens/exchange`,
    "POST",
    {},
    { Authorization: `Basic ${basic}` },
  );
  if (response.status !== 200) throw new Error(`token exchange failed: ${response.status} ${response.text}`);
  return response.json.token as string;
}

/** A client bound to an emulator with a fresh bearer. */
export async function clientFor(emulator: RunningEmulator, apiToken?: string): Promise<TestClient> {
  const token = await exchange(emulator.url, apiToken);
  return {
    url: emulator.url,
    token,
    call: (method, path, body, headers) =>
      request(`${emulator.url}${path}`, method, body, { Authorization: `Bearer ${token}`, ...headers }),
    control: (method, name, body) => request(`${emulator.url}/__emulator/${name}`, method, body),
  };
}

/** Starts an emulator with {@link FAST} options plus overrides, and a client for it. */
export async function setup(
  options: Partial<EmulatorOptions> = {},
): Promise<{ emulator: RunningEmulator; api: TestClient }> {
  const emulator = await startEmulator({ ...FAST, ...options });
  return { emulator, api: await clientFor(emulator) };
}

/** Creates an app and returns its JSON. */
export async function createApp(
  api: TestClient,
  name: string,
  prefix = "",
): Promise<{ id: string; name: string }> {
  const response = await api.call("POST", `${prefix}/v1/apps`, { app: { name } });
  if (response.status !== 201) throw new Error(`create app ${name}: ${response.status} ${response.text}`);
  return response.json.app;
}

/** Polls `GET path` until `done(json)` holds, at most `tries` times, 20 ms apart; returns the last JSON and the count. */
export async function pollUntil(
  api: TestClient,
  path: string,
  // biome-ignore lint/suspicious/noExplicitAny: mirrors ApiResponse.json
  done: (json: any) => boolean,
  tries = 100,
  // biome-ignore lint/suspicious/noExplicitAny: mirrors ApiResponse.json
): Promise<{ json: any; polls: number }> {
  for (let polls = 1; polls <= tries; polls++) {
    const response = await api.call("GET", path);
    if (done(response.json)) return { json: response.json, polls };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`GET ${path}: condition not met after ${tries} polls`);
}

/** A gzipped tar of `files` (paths relative to the archive root, e.g. `app/Procfile`). */
export async function makeArchive(files: Record<string, string>): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), "emulator-archive-"));
  try {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, "src", path)), { recursive: true });
      writeFileSync(join(dir, "src", path), content);
    }
    const tops = [...new Set(Object.keys(files).map((p) => p.split("/")[0] ?? p))];
    const file = join(dir, "archive.tar.gz");
    await create({ gzip: true, file, cwd: join(dir, "src") }, tops);
    return readFileSync(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Uploads an archive through `POST /v1/sources` + `PUT upload_url`; returns the download URL. */
export async function uploadSource(api: TestClient, archive: Buffer, prefix = ""): Promise<string> {
  const source = await api.call("POST", `${prefix}/v1/sources`, {});
  if (source.status !== 201) throw new Error(`POST /v1/sources: ${source.status}`);
  const put = await request(source.json.source.upload_url, "PUT", archive, {
    "Content-Type": "application/x-gzip",
  });
  if (put.status !== 200) throw new Error(`PUT upload_url: ${put.status}`);
  return source.json.source.download_url as string;
}

/** Deploys an archive and waits for the final status; returns the deployment JSON. */
export async function deploy(api: TestClient, app: string, files: Record<string, string>) {
  const sourceUrl = await uploadSource(api, await makeArchive(files));
  const created = await api.call("POST", `/v1/apps/${app}/deployments`, {
    deployment: { source_url: sourceUrl },
  });
  if (created.status !== 201) throw new Error(`deploy ${app}: ${created.status} ${created.text}`);
  const { json } = await pollUntil(api, `/v1/apps/${app}/deployments/${created.json.deployment.id}`, (j) =>
    ["success", "build-error"].includes(j.deployment.status),
  );
  return json.deployment;
}
