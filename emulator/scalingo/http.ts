import type { IncomingHttpHeaders } from "node:http";
import type { EmulatorOptions } from "./options";
import type { Store } from "./store";
import type { RegionName } from "./types";

/** What a handler answers: JSON (`json`), plain text (`text`), bytes or an empty body. */
export interface Reply {
  status: number;
  json?: unknown;
  text?: string;
  /** Binary body (downloads). */
  bytes?: Buffer;
  headers?: Record<string, string>;
}

/** Who is calling, from the bearer JWT. */
export interface Caller {
  /** `user` for exchanged API tokens, `addon` for database API tokens. */
  kind: "user" | "addon";
  /** Rate-limit key: a digest of the API token behind the JWT. */
  tokenKey: string;
  /** For add-on tokens: the add-on (database) the token opens. */
  addonId?: string;
}

/** Everything a handler needs about one request. */
export interface Ctx {
  method: string;
  /** Path inside the region (prefix removed). */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body (`undefined` when empty or not JSON). */
  body: unknown;
  rawBody: Buffer;
  region: RegionName;
  /** Absolute base URL of the region's API on this emulator, e.g. `http://127.0.0.1:4000/osc-secnum-fr1`. */
  regionUrl: string;
  /** Absolute base URL of the emulator (the auth API). */
  rootUrl: string;
  caller: Caller | undefined;
  store: Store;
  options: EmulatorOptions;
  now: number;
}

/** A request handler. */
export type Handler = (ctx: Ctx) => Reply | Promise<Reply>;

/** An error carrying the reply to send (thrown from deep inside handlers). */
export type ReplyError = Error & { reply: Reply };

/** Throws a reply: the request ends with this status and body. */
export function fail(status: number, json: unknown): never {
  const error: ReplyError = Object.assign(new Error(`emulator reply ${status}`), { reply: { status, json } });
  throw error;
}

/** `true` for errors thrown by {@link fail}. */
export const isReplyError = (error: unknown): error is ReplyError =>
  error instanceof Error && "reply" in error && typeof error.reply === "object" && error.reply !== null;

/** 404 in the documented shape `{"resource","error":"not found"}`. */
export function notFound(resource: string): never {
  return fail(404, { resource, error: "not found" });
}

/** 422 with a non-empty `errors` map. */
export const invalid = (field: string, message: string): never =>
  fail(422, { errors: { [field]: [message] } });

/** 200 (or another status) with a JSON body. */
export const ok = (json: unknown, status = 200, headers?: Record<string, string>): Reply => ({
  status,
  json,
  ...(headers === undefined ? {} : { headers }),
});

/** 201 with a JSON body. */
export const created = (json: unknown): Reply => ok(json, 201);

/** 204, no body. */
export const noContent = (): Reply => ({ status: 204 });

/** The value as a plain object, or undefined. */
export const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

/** The object under `root` in the body (`{"app":{…}}`), or 422 `{"errors":{"<root>":["missing field"]}}`. */
export const wrapped = (body: unknown, root: string): Record<string, unknown> =>
  asRecord(asRecord(body)?.[root]) ?? invalid(root, "missing field");

/** A field that must be a boolean when present. */
export function optionalBoolean(object: Record<string, unknown>, field: string): boolean | undefined {
  const value = object[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") invalid(field, "must be a boolean");
  return value as boolean;
}

/** A field that must be a string when present. */
export function optionalString(object: Record<string, unknown>, field: string): string | undefined {
  const value = object[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") invalid(field, "must be a string");
  return value as string;
}

/** A required non-empty string field. */
export function requiredString(object: Record<string, unknown>, field: string): string {
  const value = optionalString(object, field);
  return value === undefined || value === "" ? invalid(field, "can't be blank") : value;
}

/** A parameter read from the query string first, then from the JSON body (clients disagree, see reference §9). */
export function queryOrBody(ctx: Ctx, name: string): string | undefined {
  const fromQuery = ctx.query.get(name);
  if (fromQuery !== null && fromQuery !== "") return fromQuery;
  const fromBody = asRecord(ctx.body)?.[name];
  return typeof fromBody === "string" ? fromBody : undefined;
}
