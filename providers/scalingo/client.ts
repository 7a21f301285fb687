/**
 * The one HTTP client of the Scalingo provider, on the shared core of `../base/http.ts`.
 *
 * - Every call carries a bearer from `session.ts`, and is sent again once with a fresh one after a 401.
 * - Retries (exponential backoff with jitter): 429 always; 5xx and network errors only for calls that can be
 *   replayed as they are (GET/PUT/PATCH/DELETE, the token exchange, restart, scale and add-on-token POSTs).
 *   Creates go through `createOnce`, which looks the object up before trying again.
 * - Bodies are wrapped in and unwrapped from their root key (`{"app":{…}}`) and parsed with zod; errors name
 *   the operation, method, path, status and Scalingo's own message.
 * @see https://developers.scalingo.com/
 */
import type { AxiosInstance, AxiosStatic } from "axios";
import type { z } from "zod";
import { undefinedIf404 } from "../base/errors";
import {
  type Call as BaseCall,
  backoffMs,
  shouldRetry as baseShouldRetry,
  httpInstance,
  issueList,
  type Reply,
} from "../base/http";
import type { Zod } from "../base/inputs";
import { sendShared, singleFlight } from "../base/single-flight";
import { scalingoError, toApiError } from "./errors";
import {
  bearerToken,
  type CatalogItem,
  regionUrls,
  type Session,
  type SharedAuth,
  sessionOf,
} from "./session";
import type { SessionHolder, Settings } from "./settings";

export type { Method, Reply } from "../base/http";

/** One Scalingo API call. `op` names the operation and the object: `create app "shop"`. */
export interface Call<T> extends BaseCall<T> {
  query?: Record<string, string>;
  /** Which API: the region's (`api`, default), its Database API (`db`) or the global auth API. */
  base?: "api" | "db" | "auth";
  /** The key the resource sits under (`{"app":{…}}`); the schema applies to that value. */
  root?: string;
  /** Send no bearer: the public catalog (`/v1/features/stacks`, `/v1/addon_providers/:id/plans`). */
  anonymous?: boolean;
  /** A bearer to send instead of the user's (a Database API add-on token, `database-api.ts`). */
  token?: string;
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
  /** A catalog list loaded once per host process for this region and `key` (a failed load is forgotten). */
  onceList(key: string, load: () => Promise<CatalogItem[]>): Promise<CatalogItem[]>;
  /** The authentication state this client shares with every provider of the host using the same token. */
  shared: SharedAuth;
}

/**
 * Whether a call can be sent again as it is after a lost response. GET/PUT/PATCH/DELETE are idempotent; of the
 * POSTs, only the token exchange, restart, scale (its replay is checked by the formation), add-on token and
 * database feature (enabling an enabled feature changes nothing).
 */
export function replayable(method: string, path: string): boolean {
  if (method.toUpperCase() !== "POST") return true;
  return /\/(tokens\/exchange|restart|scale|addons\/[^/]+\/token|databases\/[^/]+\/features)$/.test(path);
}

/** axios-retry's condition for a Scalingo call: 429 always, 5xx and network errors for replayable calls. */
export function shouldRetry(
  method: string,
  path: string,
  status: number | undefined,
  code?: string,
): boolean {
  return baseShouldRetry(replayable(method, path), status, code);
}

/** The axios instance of one call (nothing is shared at module level). */
export function scalingoHttp(settings: Settings): AxiosInstance {
  return httpInstance({
    timeoutMs: settings.timeoutMs,
    headers: {
      Accept: "application/json",
      "Content-Type": "application/json",
      "User-Agent": "paasenv-scalingo",
    },
    retries: settings.retries,
    replayable,
    delayMs: (n, retryAfter) => backoffMs(n, settings.retryBaseMs, settings.retryMaxDelayMs, retryAfter),
  });
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
  throw scalingoError(
    `${call.op}: ${call.method} ${call.path} returned an unexpected payload${where} (${issueList(parsed.error.issues, "(root)")})`,
    { method: call.method, path: call.path },
  );
}

/** Send `call` without a bearer. Failures become `ScalingoError`s. */
async function sendAnonymously<T>(
  send: (token?: string) => Promise<Reply<T>>,
  call: Call<T>,
): Promise<Reply<T>> {
  try {
    return await send();
  } catch (error) {
    if (error instanceof Error && error.name.startsWith("Scalingo")) throw error;
    throw toApiError(call.op, call.method, call.path, error);
  }
}

/**
 * Send `call` with the user's bearer (after a 401, once more with a fresh one), or with the call's own `token`
 * as it is. Failures become `ScalingoError`s.
 */
async function sendWithBearer<T>(
  session: Session,
  z: Zod,
  http: AxiosInstance,
  send: (token: string) => Promise<Reply<T>>,
  call: Call<T>,
): Promise<Reply<T>> {
  try {
    if (call.token !== undefined) return await send(call.token);
    try {
      return await send(await bearerToken(session, z, http));
    } catch (error) {
      const axios: AxiosStatic = require("axios");
      if (!axios.isAxiosError(error) || error.response?.status !== 401) throw error;
      return await send(await bearerToken(session, z, http, true));
    }
  } catch (error) {
    if (error instanceof Error && error.name.startsWith("Scalingo")) throw error;
    throw toApiError(call.op, call.method, call.path, error);
  }
}

/**
 * A client for `region`; builds its own axios instance (nothing is shared at module level). A client for a
 * refresh's `read` (`snapshot`) shares the answers of identical reads already made in that refresh.
 */
export async function scalingoClient(
  holder: SessionHolder,
  region: string,
  mode: { snapshot?: boolean } = {},
): Promise<ScalingoClient> {
  const { z }: { z: Zod } = require("zod");
  const session = sessionOf(holder);
  const http = scalingoHttp(session.settings);
  const urls = await regionUrls(session, z, http, region);
  const baseOf = (base: Call<unknown>["base"]) =>
    base === "auth" ? session.settings.authUrl : base === "db" ? urls.db : urls.api;

  const request = <T>(call: Call<T>): Promise<Reply<T>> => {
    const send = async (token?: string): Promise<Reply<T>> => {
      session.auth.reads ??= singleFlight();
      const config = {
        method: call.method,
        url: `${baseOf(call.base)}${call.path}`,
        params: call.query,
        data: call.body ?? (call.method === "POST" ? {} : undefined),
        headers: token === undefined ? {} : { Authorization: `Bearer ${token}` },
      };
      const res = await sendShared(session.auth.reads, http, config, mode.snapshot);
      const location = typeof res.headers.location === "string" ? res.headers.location : undefined;
      return { status: res.status, data: parseReply(call, res.data), location };
    };
    return call.anonymous ? sendAnonymously(send, call) : sendWithBearer(session, z, http, send, call);
  };

  const lookup = async <T>(call: Omit<Call<T>, "method">): Promise<T | undefined> =>
    (await undefinedIf404(request<T>({ ...call, method: "GET" })))?.data;

  const remove = async (call: Omit<Call<unknown>, "method">): Promise<void> => {
    await undefinedIf404(request({ ...call, method: "DELETE" }));
  };

  const onceList = (key: string, load: () => Promise<CatalogItem[]>): Promise<CatalogItem[]> => {
    session.auth.lists ??= new Map();
    const lists = session.auth.lists;
    const slot = `${region} ${key}`;
    const loading =
      lists.get(slot) ??
      load().catch((error: unknown) => {
        lists.delete(slot);
        return Promise.reject(error);
      });
    lists.set(slot, loading);
    return loading;
  };

  return { region, settings: session.settings, z, request, lookup, remove, onceList, shared: session.auth };
}

/** The items of a list endpoint: `GET path` → `{"<root>":[…]}`, each parsed with `item`. */
export async function listAt<T>(
  client: ScalingoClient,
  op: string,
  path: string,
  root: string,
  item: (z: Zod) => z.ZodType<T>,
): Promise<T[]> {
  const schema = client.z.array(item(client.z));
  return (await client.request({ op, method: "GET", path, root, schema })).data;
}
