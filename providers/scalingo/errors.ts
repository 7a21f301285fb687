/**
 * How the Scalingo provider words its errors, on the shared factories of `../base/errors.ts`: every error is a
 * `ScalingoError`; API failures read `create app "shop-prod": POST /v1/apps failed: 422 (name: …)`.
 */
import {
  type ApiStyle,
  type CallName,
  type ErrorDetails,
  initError,
  type ProviderError,
  providerError,
} from "../base/errors";
import { toApiError as baseToApiError } from "../base/http";

/** An error thrown by the provider; `status` is the HTTP status when there was a response. */
export type ScalingoError = ProviderError;

/** The provider's error factory. */
export function scalingoError(message: string, details: ErrorDetails = {}): ScalingoError {
  return providerError("Scalingo", message, details);
}

/** Pulumi's "created but failed to initialize" error, named `ScalingoInitError`. */
export function scalingoInitError(cause: unknown, id: string, properties: Record<string, unknown>) {
  return initError("Scalingo", cause, id, properties);
}

/** Scalingo's own message from an error body: `{"error"}`, `{"errors":{field:[…]}}`, or plain text. */
export function apiMessage(body: unknown): string {
  if (typeof body === "string") return body.trim() === "" ? "empty body" : body.trim().slice(0, 300);
  if (body === null || typeof body !== "object") return "empty body";
  const record = body as Record<string, unknown>;
  const errors = record.errors;
  if (errors !== null && typeof errors === "object" && !Array.isArray(errors)) {
    const parts = Object.entries(errors).map(
      ([field, list]) => `${field}: ${Array.isArray(list) ? list.map(String).join(", ") : String(list)}`,
    );
    if (parts.length > 0) return parts.join("; ");
  }
  if (typeof record.error === "string") {
    return typeof record.resource === "string" ? `${record.resource} ${record.error}` : record.error;
  }
  return JSON.stringify(body).slice(0, 300);
}

/** Scalingo's wording of API failures: a call without a response reads `no response (ECONNRESET)`. */
export const SCALINGO_API: ApiStyle = {
  provider: "Scalingo",
  message: apiMessage,
  noResponse: (code, message) => ({ text: "no response", detail: code ?? message }),
};

/** Turn an axios failure into a provider error: `create app "x": POST /v1/apps failed: 422 (name: …)`. */
export function toApiError(op: string, method: string, path: string, error: unknown): ScalingoError {
  const call: CallName = { op, method, path };
  return baseToApiError(SCALINGO_API, call, error);
}
