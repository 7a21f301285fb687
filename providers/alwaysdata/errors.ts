/**
 * Error factory for the Alwaysdata provider. A factory, not a class: a serialized `class … extends Error`
 * loses its message (`shared/reference/pulumi-dynamic-providers.md` §5, rule 3).
 */

/** What an API error message names. */
export interface ApiErrorContext {
  /** The operation and resource, e.g. `create record "www.example.com" (CNAME)`. */
  operation: string;
  /** HTTP method. */
  method: string;
  /** Path under the API host, e.g. `/v1/record/`. */
  path: string;
  /** HTTP status, `0` when no response arrived. */
  status: number;
  /** The API's own message (or the network error). */
  detail: string;
}

/** An `Error` carrying `status`, `method` and `path`, with a one-line message naming all of them. */
export type AlwaysdataApiError = Error & { status: number; method: string; path: string };

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

/**
 * Builds the error thrown for a failed API call.
 * @example
 * alwaysdataApiError({ operation: 'create record "www.example.com" (CNAME)', method: "POST",
 *   path: "/v1/record/", status: 401, detail: "Invalid token" })
 * // create record "www.example.com" (CNAME): POST /v1/record/ failed: 401 (Invalid token). Check the API key …
 */
export const alwaysdataApiError = (ctx: ApiErrorContext): AlwaysdataApiError =>
  Object.assign(
    new Error(
      `${ctx.operation}: ${ctx.method} ${ctx.path} failed: ${ctx.status} (${ctx.detail}).${hintFor(ctx.status)}`,
    ),
    { name: "AlwaysdataApiError", status: ctx.status, method: ctx.method, path: ctx.path },
  );

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
  if (body === undefined || body === null || body === "") {
    return "no message";
  }
  if (typeof body === "string") {
    return oneLine(body);
  }
  if (typeof body !== "object") {
    return oneLine(String(body));
  }
  const record = body as Record<string, unknown>;
  const direct = [record.detail, record.message, record.error].find((v) => typeof v === "string");
  if (typeof direct === "string") {
    return oneLine(direct);
  }
  const fields = Object.entries(record).map(([key, value]) => fieldMessages(key, value));
  return fields.length > 0 ? oneLine(fields.join("; ")) : "no message";
};
