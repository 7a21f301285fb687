/**
 * The one HTTP client of the Scalingo provider.
 *
 * - Token: the API token is exchanged for a short-lived bearer (`POST {auth}/v1/tokens/exchange`), which is
 *   renewed before it expires and once more on a 401.
 * - Regions: each region's API and DB-API URLs come from `GET {auth}/v1/regions` (cached per session) unless
 *   `apiUrl`/`dbApiUrl` force one URL for every region.
 * - Retries (axios-retry, exponential backoff with jitter): 429 always (the request was refused); 5xx and network
 *   errors only for calls that can be replayed as they are (GET/PUT/PATCH/DELETE, the token exchange, restart,
 *   scale and add-on-token POSTs). Creates go through `createOnce`, which looks the object up before trying again.
 * - Every response is parsed with zod; errors come from a factory and name the operation, method, path, status
 *   and Scalingo's own message.
 *
 * Serialization: nothing here runs at module load. axios, axios-retry and zod are `require`d inside functions,
 * so `__provider` holds `require("axios")` rather than a copy of the library; settings hang on the provider
 * object (`configure`), the bearer and region list in a registry on `process`, both at run time only.
 * that `configure` hangs on the provider object at run time.
 * @see https://developers.scalingo.com/
 */
import type { dynamic } from "@pulumi/pulumi";
import type { AxiosError, AxiosInstance, AxiosStatic } from "axios";
import type { AxiosRetry } from "axios-retry";
import type { z } from "zod";
import { type Bag, type ScalingoError, scalingoError } from "./mappers";
import { type ApiRegion, exchangeSchema, operationSchema, regionSchema, type Zod } from "./schemas";

/** Connection settings, from stack config (`scalingo:*`) or the environment. */
export interface Settings {
  apiToken: string | undefined;
  authUrl: string;
  apiUrl: string | undefined;
  dbApiUrl: string | undefined;
  /** The region of resources that do not name one (paasenv always does). */
  defaultRegion: string;
  adoptExisting: boolean;
  timeoutMs: number;
  retries: number;
  retryBaseMs: number;
  retryMaxDelayMs: number;
  createAttempts: number;
  operationTimeoutMs: number;
  pollIntervalMs: number;
}

/**
 * Authentication state shared by every provider of the host process that uses the same token and URLs: one
 * token exchange and one region list per run, not one per resource type (the API allows 60 requests a minute).
 */
export interface SharedAuth {
  bearer?: { token: string; refreshAt: number };
  exchanging?: Promise<string>;
  regions?: Promise<ApiRegion[]>;
}

/** What a call runs with: this provider's settings and the shared authentication state. Never serialized. */
export interface Session {
  settings: Settings;
  auth: SharedAuth;
}

/** What a provider object carries between `configure` and its other methods (also used by the paasenv CLI). */
export interface SessionHolder {
  session?: { settings: Settings };
}

/** A provider object: every method present (tests call them directly), plus its session. */
export type ScalingoProvider = Required<dynamic.ResourceProvider<Bag, Bag>> & SessionHolder;

/** Reads one config key (`scalingo:apiToken`); `undefined` when unset. */
export type ConfigGetter = (key: string) => string | undefined;

/** An HTTP method the client sends. */
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** One API call. `op` names the operation and the object: `create app "shop"`. */
export interface Call<T> {
  op: string;
  method: Method;
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** Which API: the region's (`api`, default), its Database API (`db`) or the global auth API. */
  base?: "api" | "db" | "auth";
  /** The key the resource sits under (`{"app":{…}}`); the schema applies to that value. */
  root?: string;
  schema?: z.ZodType<T>;
}

/** A successful reply. */
export interface Reply<T> {
  status: number;
  data: T;
  location: string | undefined;
}

/** A client bound to one region. */
export interface ScalingoClient {
  region: string;
  settings: Settings;
  z: Zod;
  request<T>(call: Call<T>): Promise<Reply<T>>;
  /** A GET for which 404 means "not there" (returns `undefined`). */
  lookup<T>(call: Omit<Call<T>, "method">): Promise<T | undefined>;
  /** A DELETE for which 404 means "already gone". */
  remove(call: Omit<Call<unknown>, "method">): Promise<void>;
}

const numberOr = (raw: string | undefined, fallback: number): number => {
  const n = raw === undefined || raw === "" ? Number.NaN : Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
};

/** Settings from config keys (`scalingo:<key>`) falling back to environment variables, then defaults. */
export function settingsFrom(get: ConfigGetter, env: Readonly<Record<string, string | undefined>>): Settings {
  const pick = (key: string, name: string) => get(`scalingo:${key}`) ?? env[name] ?? undefined;
  const blankToUndefined = (v: string | undefined) =>
    v === undefined || v.trim() === "" ? undefined : v.trim();
  const trimSlash = (v: string | undefined) => blankToUndefined(v)?.replace(/\/+$/, "");
  return {
    apiToken: blankToUndefined(pick("apiToken", "SCALINGO_API_TOKEN")),
    authUrl: trimSlash(pick("authUrl", "SCALINGO_AUTH_URL")) ?? "https://auth.scalingo.com",
    apiUrl: trimSlash(pick("apiUrl", "SCALINGO_API_URL")),
    dbApiUrl: trimSlash(pick("dbApiUrl", "SCALINGO_DB_API_URL")),
    defaultRegion: blankToUndefined(pick("region", "SCALINGO_REGION")) ?? "osc-fr1",
    adoptExisting: pick("adoptExisting", "SCALINGO_ADOPT_EXISTING") === "true",
    timeoutMs: numberOr(pick("httpTimeoutMs", "SCALINGO_HTTP_TIMEOUT_MS"), 30_000),
    retries: numberOr(pick("httpRetries", "SCALINGO_HTTP_RETRIES"), 8),
    retryBaseMs: numberOr(pick("retryBaseMs", "SCALINGO_RETRY_BASE_MS"), 250),
    retryMaxDelayMs: numberOr(pick("retryMaxDelayMs", "SCALINGO_RETRY_MAX_DELAY_MS"), 20_000),
    createAttempts: numberOr(pick("createAttempts", "SCALINGO_CREATE_ATTEMPTS"), 4),
    operationTimeoutMs: numberOr(pick("operationTimeoutMs", "SCALINGO_OPERATION_TIMEOUT_MS"), 600_000),
    pollIntervalMs: numberOr(pick("pollIntervalMs", "SCALINGO_POLL_INTERVAL_MS"), 2_000),
  };
}

/** `configure` of every provider: settings from the stack config, falling back to the environment. */
export function configureSession(holder: SessionHolder, get: ConfigGetter): void {
  holder.session = { settings: settingsFrom(get, process.env) };
}

/** The process-wide registry of shared authentication states, kept on `process` (not in module state). */
function authRegistry(): Map<string, SharedAuth> {
  const key = Symbol.for("paasenv.scalingo.auth");
  const existing: unknown = Reflect.get(process, key);
  if (existing instanceof Map) return existing;
  const created = new Map<string, SharedAuth>();
  Reflect.set(process, key, created);
  return created;
}

/** Forget every shared bearer and region list (tests that restart the API between cases). */
export function resetSessions(): void {
  authRegistry().clear();
}

/** The provider's session; settings come from the environment when `configure` was never called. */
export function sessionOf(holder: SessionHolder): Session {
  const settings = holder.session?.settings ?? settingsFrom(() => undefined, process.env);
  const key = JSON.stringify([settings.apiToken, settings.authUrl, settings.apiUrl, settings.dbApiUrl]);
  const registry = authRegistry();
  const auth = registry.get(key) ?? {};
  registry.set(key, auth);
  return { settings, auth };
}

/**
 * Pulumi's "created but failed to initialize" error: the engine records `id` and `properties` in state, so the
 * next `up` updates the object instead of creating a duplicate. `properties` must carry `__provider`.
 */
export function initError(cause: unknown, id: string, properties: Bag) {
  const message = cause instanceof Error ? cause.message : String(cause);
  return Object.assign(new Error(message), { name: "ScalingoInitError", id, properties, reasons: [message] });
}

/** The HTTP status carried by an error, if any. */
export function errorStatus(error: unknown): number | undefined {
  if (error === null || typeof error !== "object" || !("status" in error)) return undefined;
  return typeof error.status === "number" ? error.status : undefined;
}

/** Scalingo's own message from an error body: `{"error"}`, `{"errors":{field:[…]}}`, or plain text. */
export function apiMessage(body: unknown): string {
  if (typeof body === "string") return body.trim() === "" ? "empty body" : body.trim().slice(0, 300);
  if (body === null || typeof body !== "object") return "empty body";
  const record = body as Bag;
  const errors = record.errors;
  if (errors !== null && typeof errors === "object" && !Array.isArray(errors)) {
    const parts = Object.entries(errors as Bag).map(
      ([field, list]) => `${field}: ${Array.isArray(list) ? list.map(String).join(", ") : String(list)}`,
    );
    if (parts.length > 0) return parts.join("; ");
  }
  if (typeof record.error === "string") {
    return typeof record.resource === "string" ? `${record.resource} ${record.error}` : record.error;
  }
  return JSON.stringify(body).slice(0, 300);
}

/** The `exp` claim of a JWT in epoch seconds, read without verifying the signature (as go-scalingo does). */
export function jwtExpiry(token: string): number | undefined {
  const payload = token.split(".")[1];
  if (payload === undefined) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    if (claims === null || typeof claims !== "object" || !("exp" in claims)) return undefined;
    return typeof claims.exp === "number" ? claims.exp : undefined;
  } catch {
    return undefined;
  }
}

/** When to renew a bearer: 5 minutes before `exp`, or a tenth of its lifetime for short-lived ones. */
export function refreshAt(nowMs: number, expSeconds: number | undefined): number {
  const expMs = expSeconds === undefined ? nowMs + 55 * 60_000 : expSeconds * 1000;
  const margin = Math.min(5 * 60_000, Math.max(0, expMs - nowMs) / 10);
  return expMs - margin;
}

/**
 * Whether a call can be sent again as it is after a lost response. GET/PUT/PATCH/DELETE are idempotent; of the
 * POSTs, only the token exchange, restart, scale (its replay is checked by the formation) and add-on token.
 */
export function replayable(method: string, path: string): boolean {
  if (method.toUpperCase() !== "POST") return true;
  return /\/(tokens\/exchange|restart|scale|addons\/[^/]+\/token)$/.test(path);
}

/** axios-retry's condition: 429 always, 5xx and network errors for replayable calls. */
export function shouldRetry(
  method: string,
  path: string,
  status: number | undefined,
  code?: string,
): boolean {
  if (status === 429) return true;
  if (!replayable(method, path)) return false;
  return status === undefined ? code !== "ERR_CANCELED" : status >= 500;
}

/** The path of a URL (for messages and classification). */
export function pathOf(url: string | undefined): string {
  if (url === undefined) return "";
  try {
    return new URL(url).pathname;
  } catch {
    return url.replace(/[?#].*$/, "");
  }
}

/** Wait `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function httpInstance(settings: Settings): AxiosInstance {
  const axios: AxiosStatic = require("axios");
  const axiosRetry: AxiosRetry = require("axios-retry").default;
  const instance = axios.create({
    timeout: settings.timeoutMs,
    headers: {
      Accept: "application/json",
      "Content-Type": "application/json",
      "User-Agent": "paasenv-scalingo",
    },
  });
  axiosRetry(instance, {
    retries: settings.retries,
    shouldResetTimeout: true,
    retryCondition: (e: AxiosError) =>
      shouldRetry(e.config?.method ?? "GET", pathOf(e.config?.url), e.response?.status, e.code),
    retryDelay: (n: number, e: AxiosError) =>
      Math.min(settings.retryMaxDelayMs, axiosRetry.exponentialDelay(n, e, settings.retryBaseMs)),
  });
  return instance;
}

/** Turn an axios failure into a provider error: `create app "x": POST /v1/apps failed: 422 (name: …)`. */
export function toApiError(op: string, method: string, path: string, error: unknown): ScalingoError {
  const axios: AxiosStatic = require("axios");
  if (!axios.isAxiosError(error)) {
    return scalingoError(
      `${op}: ${method} ${path} failed: ${error instanceof Error ? error.message : error}`,
    );
  }
  const status = error.response?.status;
  if (status === undefined) {
    const reason = error.code ?? error.message;
    return scalingoError(`${op}: ${method} ${path} failed: no response (${reason})`, {
      method,
      path,
      outcomeUnknown: true,
    });
  }
  return scalingoError(`${op}: ${method} ${path} failed: ${status} (${apiMessage(error.response?.data)})`, {
    status,
    method,
    path,
    outcomeUnknown: status >= 500,
  });
}

async function exchange(session: Session, z: Zod, http: AxiosInstance): Promise<string> {
  const { apiToken, authUrl } = session.settings;
  if (apiToken === undefined) {
    throw scalingoError(
      "No Scalingo API token: run `pulumi config set scalingo:apiToken --secret` or set SCALINGO_API_TOKEN",
    );
  }
  const path = "/v1/tokens/exchange";
  const res = await http
    .post(`${authUrl}${path}`, {}, { auth: { username: "", password: apiToken } })
    .catch((e: unknown) => Promise.reject(toApiError("exchange the Scalingo API token", "POST", path, e)));
  const parsed = exchangeSchema(z).safeParse(res.data);
  if (!parsed.success) throw scalingoError(`exchange the Scalingo API token: POST ${path} returned no token`);
  session.auth.bearer = {
    token: parsed.data.token,
    refreshAt: refreshAt(Date.now(), jwtExpiry(parsed.data.token)),
  };
  return parsed.data.token;
}

/** A valid bearer, exchanged when missing, near expiry or `force`d (after a 401). Concurrent callers share one. */
export async function bearerToken(
  session: Session,
  z: Zod,
  http: AxiosInstance,
  force = false,
): Promise<string> {
  const current = session.auth.bearer;
  if (!force && current !== undefined && current.refreshAt > Date.now()) return current.token;
  if (force) session.auth.bearer = undefined;
  session.auth.exchanging ??= exchange(session, z, http).finally(() => {
    session.auth.exchanging = undefined;
  });
  return session.auth.exchanging;
}

async function fetchRegions(session: Session, z: Zod, http: AxiosInstance): Promise<ApiRegion[]> {
  const path = "/v1/regions";
  const token = await bearerToken(session, z, http);
  const res = await http
    .get(`${session.settings.authUrl}${path}`, { headers: { Authorization: `Bearer ${token}` } })
    .catch((e: unknown) => Promise.reject(toApiError("list Scalingo regions", "GET", path, e)));
  const parsed = z.object({ regions: z.array(regionSchema(z)) }).safeParse(res.data);
  if (!parsed.success) {
    throw scalingoError(
      `list Scalingo regions: GET ${path} returned an unexpected payload (${parsed.error.message})`,
    );
  }
  return parsed.data.regions;
}

/** The API and DB-API base URLs of `region`. */
export async function regionUrls(
  session: Session,
  z: Zod,
  http: AxiosInstance,
  region: string,
): Promise<{ api: string; db: string }> {
  const { apiUrl, dbApiUrl } = session.settings;
  if (apiUrl !== undefined && dbApiUrl !== undefined) return { api: apiUrl, db: dbApiUrl };
  session.auth.regions ??= fetchRegions(session, z, http).catch((e: unknown) => {
    session.auth.regions = undefined;
    return Promise.reject(e);
  });
  const regions = await session.auth.regions;
  const found = regions.find((r) => r.name === region);
  if (found === undefined) {
    const known = regions.map((r) => r.name).join(", ");
    throw scalingoError(`Scalingo region "${region}" does not exist (known regions: ${known})`);
  }
  return {
    api: apiUrl ?? found.api.replace(/\/+$/, ""),
    db: dbApiUrl ?? found.database_api.replace(/\/+$/, ""),
  };
}

function parseReply<T>(call: Call<T>, data: unknown): T {
  if (call.schema === undefined) return undefined as T;
  const value =
    call.root === undefined
      ? data
      : typeof data === "object" && data !== null
        ? Reflect.get(data, call.root)
        : undefined;
  const parsed = call.schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const where = call.root === undefined ? "" : ` under "${call.root}"`;
  const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
  throw scalingoError(
    `${call.op}: ${call.method} ${call.path} returned an unexpected payload${where} (${issues})`,
    {
      method: call.method,
      path: call.path,
    },
  );
}

/** A client for `region`; builds its own axios instance (nothing is shared at module level). */
export async function scalingoClient(holder: SessionHolder, region: string): Promise<ScalingoClient> {
  const { z }: { z: Zod } = require("zod");
  const session = sessionOf(holder);
  const http = httpInstance(session.settings);
  const urls = await regionUrls(session, z, http, region);
  const baseOf = (base: Call<unknown>["base"]) =>
    base === "auth" ? session.settings.authUrl : base === "db" ? urls.db : urls.api;

  const send = async <T>(call: Call<T>, token: string): Promise<Reply<T>> => {
    const res = await http.request({
      method: call.method,
      url: `${baseOf(call.base)}${call.path}`,
      params: call.query,
      data: call.body ?? (call.method === "POST" ? {} : undefined),
      headers: { Authorization: `Bearer ${token}` },
    });
    const location = typeof res.headers.location === "string" ? res.headers.location : undefined;
    return { status: res.status, data: parseReply(call, res.data), location };
  };

  const request = async <T>(call: Call<T>): Promise<Reply<T>> => {
    try {
      try {
        return await send(call, await bearerToken(session, z, http));
      } catch (error) {
        const axios: AxiosStatic = require("axios");
        if (!axios.isAxiosError(error) || error.response?.status !== 401) throw error;
        return await send(call, await bearerToken(session, z, http, true));
      }
    } catch (error) {
      if (error instanceof Error && error.name.startsWith("Scalingo")) throw error;
      throw toApiError(call.op, call.method, call.path, error);
    }
  };

  const lookup = async <T>(call: Omit<Call<T>, "method">): Promise<T | undefined> => {
    try {
      return (await request<T>({ ...call, method: "GET" })).data;
    } catch (error) {
      if (errorStatus(error) === 404) return undefined;
      throw error;
    }
  };

  const remove = async (call: Omit<Call<unknown>, "method">): Promise<void> => {
    await request({ ...call, method: "DELETE" }).catch((error: unknown) =>
      errorStatus(error) === 404 ? undefined : Promise.reject(error),
    );
  };

  return { region, settings: session.settings, z, request, lookup, remove };
}

/**
 * Send a create that must never run twice. After a failure whose outcome is unknown (no response, 5xx), the
 * object is looked up by its natural key first: found means the create was applied and its response lost;
 * not found means it is safe to try again. 4xx answers are final.
 */
export async function createOnce<T>(opts: {
  attempts: number;
  delayMs: (attempt: number) => number;
  create: () => Promise<T>;
  lookup: () => Promise<T | undefined>;
}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await opts.create();
    } catch (error) {
      const unknownOutcome =
        error !== null &&
        typeof error === "object" &&
        "outcomeUnknown" in error &&
        error.outcomeUnknown === true;
      if (!unknownOutcome) throw error;
      const found = await opts.lookup();
      if (found !== undefined) return found;
      if (attempt >= opts.attempts) throw error;
      await sleep(opts.delayMs(attempt));
    }
  }
}

/** Poll `probe` until `done`, failing on `failure` or after `timeoutMs` (customTimeouts do not reach us). */
export async function pollUntil<T>(opts: {
  what: string;
  timeoutMs: number;
  intervalMs: number;
  probe: () => Promise<T>;
  done: (value: T) => boolean;
  failure?: (value: T) => string | undefined;
}): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  // Slow down while waiting (×1.5 up to 15 s): provisioning can take minutes and the API allows 60 calls a minute.
  let interval = opts.intervalMs;
  for (;;) {
    const value = await opts.probe();
    const failed = opts.failure?.(value);
    if (failed !== undefined) throw scalingoError(`${opts.what} failed: ${failed}`);
    if (opts.done(value)) return value;
    if (Date.now() >= deadline) {
      throw scalingoError(
        `${opts.what} did not finish within ${Math.round(opts.timeoutMs / 1000)} s; ` +
          "raise `scalingo:operationTimeoutMs` or check the Scalingo dashboard",
      );
    }
    await sleep(Math.min(interval, Math.max(0, deadline - Date.now())));
    interval = Math.min(interval * 1.5, Math.max(opts.intervalMs, 15_000));
  }
}

/**
 * Wait for an app operation (scale, restart) named by a `Location` header. The ID is its last path segment and
 * the operation is read from the region's API (as the CLI does), whatever host the header names.
 */
export async function waitForOperation(client: ScalingoClient, op: string, appId: string, location: string) {
  const opId = pathOf(location).split("/").filter(Boolean).pop() ?? "";
  const schema = operationSchema(client.z);
  return pollUntil({
    what: `${op}: operation ${opId}`,
    timeoutMs: client.settings.operationTimeoutMs,
    intervalMs: client.settings.pollIntervalMs,
    probe: async () =>
      (
        await client.request({
          op,
          method: "GET",
          path: `/v1/apps/${appId}/operations/${opId}`,
          root: "operation",
          schema,
        })
      ).data,
    done: (o) => o.status === "done",
    failure: (o) => (o.status === "error" ? (o.error ?? "error") : undefined),
  });
}
