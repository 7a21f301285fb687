/**
 * The errors every dynamic provider throws, from factories: a serialized `class … extends Error` loses its
 * message (docs/design.md, "How provider code reaches the engine"); `Object.assign(new Error(…))` keeps it.
 * Pure functions only: providers capture this module by value.
 */

/** What a provider error may carry besides its message. */
export interface ErrorDetails {
  /** The HTTP status when a response arrived (an API may report `0` when none did). */
  status?: number | undefined;
  /** The HTTP method of the failed call. */
  method?: string | undefined;
  /** The path of the failed call. */
  path?: string | undefined;
  /** The call may have been applied although it failed (no response, 5xx): look before sending it again. */
  outcomeUnknown?: boolean | undefined;
}

/** An error thrown by a provider. */
export type ProviderError = Error & ErrorDetails;

/**
 * The error factory of every provider, parametrised by the provider's name: `providerError("Scalingo", …)` is
 * named `ScalingoError`; `kind` names a narrower family (`providerError("Alwaysdata", …, {}, "Api")` is an
 * `AlwaysdataApiError`).
 */
export function providerError(
  provider: string,
  message: string,
  details: ErrorDetails = {},
  kind = "",
): ProviderError {
  return Object.assign(new Error(message), { name: `${provider}${kind}Error`, ...details });
}

/**
 * Pulumi's "created but failed to initialize" error: the engine records `id` and `properties` in state, so the
 * next `up` updates the object instead of creating a duplicate. `properties` must carry `__provider`.
 */
export function initError(provider: string, cause: unknown, id: string, properties: Record<string, unknown>) {
  const message = cause instanceof Error ? cause.message : String(cause);
  return Object.assign(new Error(message), {
    name: `${provider}InitError`,
    id,
    properties,
    reasons: [message],
  });
}

/** The HTTP status carried by an error, if any. */
export function errorStatus(error: unknown): number | undefined {
  if (error === null || typeof error !== "object" || !("status" in error)) return undefined;
  return typeof error.status === "number" ? error.status : undefined;
}

/** `promise`'s value, or `undefined` when it fails with a 404 ("not there", "already gone"). */
export function undefinedIf404<T>(promise: Promise<T>): Promise<T | undefined> {
  return promise.catch((error: unknown) => (errorStatus(error) === 404 ? undefined : Promise.reject(error)));
}

/** How one API words its failures; the shape stays `op: METHOD path failed: STATUS (message)`. */
export interface ApiStyle {
  /** The provider's name, for error names (`Scalingo`). */
  provider: string;
  /** The error family of API failures (`Api` makes `AlwaysdataApiError`); none by default. */
  kind?: string;
  /** The API's own message in an error body. */
  message: (body: unknown) => string;
  /** A call that got no response: the status it reports, how that status reads, and the detail. */
  noResponse: (
    code: string | undefined,
    message: string,
  ) => { status?: number; text: string; detail: string };
  /** What follows the closing parenthesis, e.g. a fix for a status that has one. */
  suffix?: (status: number | undefined) => string;
}

/** The call an error names: `create app "shop"`, `POST`, `/v1/apps`. */
export interface CallName {
  op: string;
  method: string;
  path: string;
}

/**
 * A failed API call: `create app "shop": POST /v1/apps failed: 422 (name: has already been taken)`. Without a
 * response or with a 5xx the outcome is unknown, so a create looks the object up before trying again.
 */
export function apiError(
  style: ApiStyle,
  call: CallName,
  status: number | undefined,
  detail: string,
  text = String(status),
): ProviderError {
  const suffix = style.suffix?.(status) ?? "";
  const message = `${call.op}: ${call.method} ${call.path} failed: ${text} (${detail})${suffix}`;
  const outcomeUnknown = status === undefined || status === 0 || status >= 500;
  const details = { ...(status === undefined ? {} : { status }), method: call.method, path: call.path };
  return providerError(style.provider, message, { ...details, outcomeUnknown }, style.kind);
}
