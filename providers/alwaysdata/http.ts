/**
 * A thin HTTP layer over the Alwaysdata REST API: connection settings, Basic auth, retries on 429 and
 * (for idempotent methods) 5xx, response validation with zod and one error factory.
 *
 * Nothing here is created at module load: the record provider builds a client inside each method from
 * the `axios`, `axios-retry` and `zod` modules it `require`s there (serialization rules,
 * `shared/reference/pulumi-dynamic-providers.md` §5).
 * @see https://api.alwaysdata.com/doc/
 */
import type { AxiosResponse, AxiosStatic } from "axios";
import type * as Z from "zod";
import { alwaysdataApiError, apiErrorDetail } from "./errors";

/** What the provider's `configure` read from stack config (`alwaysdata:*`); any of it may be missing. */
export interface AlwaysdataSettings {
  apiKey?: string | undefined;
  account?: string | undefined;
  apiUrl?: string | undefined;
}

/** Resolved connection: API root, key and optional account. */
export interface AlwaysdataConnection {
  apiUrl: string;
  apiKey: string;
  account: string | undefined;
}

/** The production API root. */
export const DEFAULT_API_URL = "https://api.alwaysdata.com/v1";

/** `undefined` for unset or blank values. */
const nonBlank = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === "" ? undefined : value.trim();

/**
 * Stack config first (`alwaysdata:apiKey`, `alwaysdata:account`, `alwaysdata:apiUrl`), then the
 * environment (`ALWAYSDATA_API_KEY`, `ALWAYSDATA_ACCOUNT`, `ALWAYSDATA_API_URL`).
 */
export const resolveConnection = (
  settings: AlwaysdataSettings | undefined,
  env: Record<string, string | undefined>,
): AlwaysdataConnection => {
  const apiKey = nonBlank(settings?.apiKey) ?? nonBlank(env.ALWAYSDATA_API_KEY);
  if (apiKey === undefined) {
    throw new Error(
      "Alwaysdata API key missing: run `pulumi config set alwaysdata:apiKey --secret <key>` or set ALWAYSDATA_API_KEY (tokens: https://admin.alwaysdata.com/token/).",
    );
  }
  return {
    apiUrl: nonBlank(settings?.apiUrl) ?? nonBlank(env.ALWAYSDATA_API_URL) ?? DEFAULT_API_URL,
    apiKey,
    account: nonBlank(settings?.account) ?? nonBlank(env.ALWAYSDATA_ACCOUNT),
  };
};

/** The Basic-auth user name: `APIKEY account=NAME`, or just `APIKEY` (the password is empty). */
export const basicAuthUser = (apiKey: string, account: string | undefined): string =>
  account === undefined ? apiKey : `${apiKey} account=${account}`;

const IDEMPOTENT = ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"];

/**
 * Whether a failed request may be sent again: always on 429 (the request was refused, not run); on 5xx
 * or a lost response only for idempotent methods. A POST is never blindly repeated: `create` looks the
 * record up first.
 */
export const isRetryable = (method: string, status: number | undefined): boolean => {
  if (status === 429) {
    return true;
  }
  const idempotent = IDEMPOTENT.includes(method.toUpperCase());
  return idempotent && (status === undefined || status >= 500);
};

/** Milliseconds from a `Retry-After` header (seconds or an HTTP date), `undefined` when absent or bad. */
export const retryAfterMs = (header: unknown, now: number): number | undefined => {
  if (typeof header !== "string" && typeof header !== "number") {
    return undefined;
  }
  const seconds = Number(header);
  if (Number.isFinite(seconds)) {
    return Math.max(0, seconds * 1000);
  }
  const date = Date.parse(String(header));
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
};

/** Retries after a failure; six cover one full minute of Alwaysdata's rate-limit window. */
export const MAX_RETRIES = 6;

/** Delay before retry `n` (1-based): the server's `Retry-After` if given (at most 60 s), else 1, 2, 4 … 30 s. */
export const retryDelayMs = (retryNumber: number, retryAfter: number | undefined): number =>
  retryAfter === undefined
    ? Math.min(30_000, 1000 * 2 ** Math.max(0, retryNumber - 1))
    : Math.min(60_000, retryAfter);

/** The modules a client is built from, `require`d by the calling provider method. */
export interface HttpModules {
  axios: AxiosStatic;
  axiosRetry: typeof import("axios-retry").default;
  z: typeof Z;
}

/** An API client for one provider call. */
export interface AlwaysdataClient {
  modules: HttpModules;
  send: (request: { method: string; path: string; body?: unknown }) => Promise<AxiosResponse<unknown>>;
  /** Path of the API root, e.g. `/v1`, for messages. */
  basePath: string;
}

/** Builds a client with Basic auth, a 30 s timeout per request and bounded retries. */
export const alwaysdataClient = (
  modules: HttpModules,
  connection: AlwaysdataConnection,
): AlwaysdataClient => {
  const http = modules.axios.create({
    baseURL: connection.apiUrl.replace(/\/+$/, ""),
    auth: { username: basicAuthUser(connection.apiKey, connection.account), password: "" },
    headers: { Accept: "application/json" },
    timeout: 30_000,
  });
  modules.axiosRetry(http, {
    retries: MAX_RETRIES,
    shouldResetTimeout: true,
    retryCondition: (error) => isRetryable(error.config?.method ?? "GET", error.response?.status),
    retryDelay: (n, error) =>
      retryDelayMs(n, retryAfterMs(error.response?.headers["retry-after"], Date.now())),
  });
  return {
    modules,
    basePath: new URL(connection.apiUrl).pathname.replace(/\/+$/, ""),
    send: (request) => http.request({ method: request.method, url: request.path, data: request.body }),
  };
};

/** One API call: what it is for (for messages), the request, and the schema of a successful body. */
export interface ApiCall<T> {
  operation: string;
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  body?: unknown;
  schema: Z.ZodType<T>;
}

/** The status and body of a failed call (`0` and the network error when no response arrived). */
const failureOf = (axios: AxiosStatic, error: unknown): { status: number; detail: string } => {
  if (axios.isAxiosError(error) && error.response !== undefined) {
    return { status: error.response.status, detail: apiErrorDetail(error.response.data) };
  }
  const message = error instanceof Error ? error.message : String(error);
  const code = axios.isAxiosError(error) ? (error.code ?? "") : "";
  return { status: 0, detail: code === "" ? message : `${code}: ${message}` };
};

/**
 * Sends a call and validates the body of the 2xx answer; any failure becomes one
 * `alwaysdataApiError` naming operation, method, path, status and the API's message.
 */
export const call = async <T>(
  client: AlwaysdataClient,
  spec: ApiCall<T>,
): Promise<{ data: T; headers: AxiosResponse["headers"] }> => {
  const context = { operation: spec.operation, method: spec.method, path: `${client.basePath}${spec.path}` };
  let response: AxiosResponse<unknown>;
  try {
    response = await client.send(spec);
  } catch (error) {
    throw alwaysdataApiError({ ...context, ...failureOf(client.modules.axios, error) });
  }
  const parsed = spec.schema.safeParse(response.data === "" ? undefined : response.data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
    throw alwaysdataApiError({
      ...context,
      status: response.status,
      detail: `unexpected response: ${issues}`,
    });
  }
  return { data: parsed.data, headers: response.headers };
};
