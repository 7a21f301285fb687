/**
 * The HTTP core every provider's client sits on: one axios instance per call with axios-retry (429 always; 5xx
 * and network errors only for calls that can be replayed as they are), the mapping of axios failures to
 * provider errors, and the wording of a payload that is not what the API documents.
 *
 * Serialization: nothing runs at module load; axios and axios-retry are `require`d inside functions, so
 * `__provider` holds `require("axios")` rather than a copy of the library.
 */
import type { AxiosError, AxiosInstance, AxiosStatic } from "axios";
import type { AxiosRetry } from "axios-retry";
import type { z } from "zod";
import { type ApiStyle, apiError, type CallName, type ProviderError } from "./errors";

/** An HTTP method the clients send. */
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** One API call. `op` names the operation and the object: `create app "shop"`. */
export interface Call<T> {
  op: string;
  method: Method;
  path: string;
  body?: unknown;
  /** Checks the reply's body; without it the body is ignored. */
  schema?: z.ZodType<T>;
}

/** A successful reply. */
export interface Reply<T> {
  status: number;
  data: T;
  location: string | undefined;
}

/** How an axios instance is built. */
export interface HttpOptions {
  baseURL?: string;
  timeoutMs: number;
  headers: Record<string, string>;
  auth?: { username: string; password: string };
  retries: number;
  /** Whether a call can be sent again as it is after a lost response or a 5xx. */
  replayable: (method: string, path: string) => boolean;
  /** The wait before retry `n` (1-based), given the server's `Retry-After` in milliseconds. */
  delayMs: (retry: number, retryAfterMs: number | undefined) => number;
}

/** axios-retry's condition: 429 always (the request was refused), 5xx and network errors when replayable. */
export function shouldRetry(replayable: boolean, status: number | undefined, code?: string): boolean {
  if (status === 429) return true;
  if (!replayable) return false;
  return status === undefined ? code !== "ERR_CANCELED" : status >= 500;
}

/** Milliseconds from a `Retry-After` header (seconds or an HTTP date), `undefined` when absent or bad. */
export function retryAfterMs(header: unknown, now: number): number | undefined {
  if (typeof header !== "string" && typeof header !== "number") return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(String(header));
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Exponential backoff with up to 20 % jitter (axios-retry's `exponentialDelay`): `2^n × baseMs`, or the
 * server's `Retry-After` when longer, capped at `maxMs`.
 */
export function backoffMs(
  retry: number,
  baseMs: number,
  maxMs: number,
  retryAfter: number | undefined,
  random: number = Math.random(),
): number {
  const delay = Math.max(2 ** retry * baseMs, retryAfter ?? 0);
  return Math.min(maxMs, delay * (1 + 0.2 * random));
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

/** An axios instance with bounded retries; built per call, never at module level. */
export function httpInstance(options: HttpOptions): AxiosInstance {
  const axios: AxiosStatic = require("axios");
  const axiosRetry: AxiosRetry = require("axios-retry").default;
  const instance = axios.create({
    timeout: options.timeoutMs,
    headers: options.headers,
    ...(options.baseURL === undefined ? {} : { baseURL: options.baseURL }),
    ...(options.auth === undefined ? {} : { auth: options.auth }),
  });
  axiosRetry(instance, {
    retries: options.retries,
    shouldResetTimeout: true,
    retryCondition: (e: AxiosError) =>
      shouldRetry(
        options.replayable(e.config?.method ?? "GET", pathOf(e.config?.url)),
        e.response?.status,
        e.code,
      ),
    retryDelay: (n: number, e: AxiosError) =>
      options.delayMs(n, retryAfterMs(e.response?.headers["retry-after"], Date.now())),
  });
  return instance;
}

/** Turn a failed call into a provider error worded by `style`: `op: METHOD path failed: STATUS (message)`. */
export function toApiError(style: ApiStyle, call: CallName, error: unknown): ProviderError {
  const axios: AxiosStatic = require("axios");
  if (axios.isAxiosError(error) && error.response !== undefined) {
    return apiError(style, call, error.response.status, style.message(error.response.data));
  }
  const code = axios.isAxiosError(error) ? error.code : undefined;
  const none = style.noResponse(code, error instanceof Error ? error.message : String(error));
  return apiError(style, call, none.status, none.detail, none.text);
}

/** Zod issues in one line: `id: Invalid input; name: Required`, `whole` standing for the root. */
export function issueList(issues: readonly z.core.$ZodIssue[], whole: string): string {
  return issues.map((i) => `${i.path.join(".") || whole}: ${i.message}`).join("; ");
}
