/**
 * The HTTP client of the Alwaysdata provider, on the shared core of `../base/http.ts`: Basic auth, a 30 s
 * timeout per request, retries on 429 and (for idempotent methods) 5xx, response validation with zod, and
 * errors naming the operation, method, path, status and the API's own message, with a fix when there is one.
 *
 * Nothing here is created at module load: the client is built inside each provider method
 * (docs/design.md, "How provider code reaches the engine").
 * @see https://api.alwaysdata.com/doc/
 */
import type { AxiosResponse } from "axios";
import { type ApiStyle, apiError, type CallName, undefinedIf404 } from "../base/errors";
import { type Call, httpInstance, issueList, type Reply, shouldRetry, toApiError } from "../base/http";
import type { Zod } from "../base/inputs";
import { type AlwaysdataSessionHolder, basicAuthUser, resolveConnection } from "./settings";

/** A hint for statuses with a known fix. */
const hintFor = (status: number): string => {
  if (status === 401 || status === 403) {
    return " Check the API key (`pulumi config set alwaysdata:apiKey --secret <key>` or ALWAYSDATA_API_KEY) and the account (`alwaysdata:account` or ALWAYSDATA_ACCOUNT).";
  }
  if (status === 429) {
    return " Alwaysdata's rate limit (50 requests per minute, 250 for GET) was still exceeded after retrying.";
  }
  return "";
};

/** Shortens and flattens a message for a one-line error. */
const oneLine = (text: string): string => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 300 ? `${flat.slice(0, 297)}...` : flat;
};

/** One field's messages of a validation body such as `{"value": ["Enter a valid value."]}`. */
const fieldMessages = (key: string, value: unknown): string => {
  const messages = Array.isArray(value) ? value.map(String).join(" ") : String(JSON.stringify(value));
  return `${key}: ${messages}`;
};

/**
 * The API's own message from an error body: a string, `{ detail | message | error }`, or per-field
 * validation messages.
 */
export const apiErrorDetail = (body: unknown): string => {
  if (body === undefined || body === null || body === "") return "no message";
  if (typeof body === "string") return oneLine(body);
  if (typeof body !== "object") return oneLine(String(body));
  const record = body as Record<string, unknown>;
  const direct = [record.detail, record.message, record.error].find((v) => typeof v === "string");
  if (typeof direct === "string") return oneLine(direct);
  const fields = Object.entries(record).map(([key, value]) => fieldMessages(key, value));
  return fields.length > 0 ? oneLine(fields.join("; ")) : "no message";
};

/**
 * How Alwaysdata failures read, as `AlwaysdataApiError`s:
 * `create record "www.example.com" (CNAME): POST /v1/record/ failed: 401 (Invalid token.). Check the API key …`;
 * a call without a response reports status `0`.
 */
export const ALWAYSDATA_API: ApiStyle = {
  provider: "Alwaysdata",
  kind: "Api",
  message: apiErrorDetail,
  noResponse: (code, message) => ({
    status: 0,
    text: "0",
    detail: code === undefined || code === "" ? message : `${code}: ${message}`,
  }),
  suffix: (status) => `.${hintFor(status ?? 0)}`,
};

const IDEMPOTENT = ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"];

/**
 * Whether a failed request may be sent again: always on 429 (the request was refused, not run); on 5xx
 * or a lost response only for idempotent methods. A POST is never blindly repeated: `create` looks the
 * record up first.
 */
export const isRetryable = (method: string, status: number | undefined): boolean =>
  shouldRetry(IDEMPOTENT.includes(method.toUpperCase()), status);

/** Retries after a failure; six cover one full minute of Alwaysdata's rate-limit window. */
export const MAX_RETRIES = 6;

/** Delay before retry `n` (1-based): the server's `Retry-After` if given (at most 60 s), else 1, 2, 4 … 30 s. */
export const retryDelayMs = (retryNumber: number, retryAfter: number | undefined): number =>
  retryAfter === undefined
    ? Math.min(30_000, 1000 * 2 ** Math.max(0, retryNumber - 1))
    : Math.min(60_000, retryAfter);

/** An API client for one provider call. */
export interface AlwaysdataClient {
  z: Zod;
  /** Sends a call and validates the body of the 2xx answer with `call.schema`. */
  request<T>(call: Call<T>): Promise<Reply<T>>;
  /** A DELETE for which 404 means "already gone". */
  remove(call: Omit<Call<unknown>, "method">): Promise<void>;
}

/** The body of a 2xx answer checked with `schema` (an empty body counts as none). */
function parseBody<T>(name: CallName, response: AxiosResponse, schema: Call<T>["schema"]): T {
  if (schema === undefined) return undefined as T;
  const parsed = schema.safeParse(response.data === "" ? undefined : response.data);
  if (parsed.success) return parsed.data;
  const detail = `unexpected response: ${issueList(parsed.error.issues, "body")}`;
  throw apiError(ALWAYSDATA_API, name, response.status, detail);
}

/** A client with Basic auth, a 30 s timeout per request and bounded retries, from the settings at run time. */
export async function alwaysdataClient(holder: AlwaysdataSessionHolder): Promise<AlwaysdataClient> {
  const { z }: { z: Zod } = require("zod");
  const connection = resolveConnection(holder.session?.settings, process.env);
  const http = httpInstance({
    baseURL: connection.apiUrl.replace(/\/+$/, ""),
    auth: { username: basicAuthUser(connection.apiKey, connection.account), password: "" },
    headers: { Accept: "application/json" },
    timeoutMs: 30_000,
    retries: MAX_RETRIES,
    replayable: (method) => IDEMPOTENT.includes(method.toUpperCase()),
    delayMs: retryDelayMs,
  });
  const basePath = new URL(connection.apiUrl).pathname.replace(/\/+$/, "");
  const request = async <T>(call: Call<T>): Promise<Reply<T>> => {
    const name = { op: call.op, method: call.method, path: `${basePath}${call.path}` };
    const response = await http
      .request({ method: call.method, url: call.path, data: call.body })
      .catch((error: unknown) => Promise.reject(toApiError(ALWAYSDATA_API, name, error)));
    const location = typeof response.headers.location === "string" ? response.headers.location : undefined;
    return { status: response.status, data: parseBody(name, response, call.schema), location };
  };
  const remove = async (call: Omit<Call<unknown>, "method">): Promise<void> => {
    await undefinedIf404(request({ ...call, method: "DELETE" }));
  };
  return { z, request, remove };
}
