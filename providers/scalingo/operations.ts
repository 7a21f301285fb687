/**
 * Waiting on Scalingo, with the settings' deadlines: asynchronous operations (scale, restart) and add-on
 * provisioning are polled; creates are sent once and looked up after a lost response. Both sit on
 * `../base/polling.ts`.
 * @see https://developers.scalingo.com/operations
 */
import { pathOf } from "../base/http";
import { createOnce, type PollOptions, pollUntil } from "../base/polling";
import type { ScalingoClient } from "./client";
import { operationSchema } from "./schemas";

/** What to poll and when it is over; the deadline and interval come from the client's settings. */
export type Poll<T> = Pick<
  PollOptions<T>,
  "what" | "probe" | "known" | "done" | "failure" | "state" | "clock"
>;

/** Poll until done, within `scalingo:operationTimeoutMs`. */
export function poll<T>(client: ScalingoClient, opts: Poll<T>): Promise<T> {
  return pollUntil({
    ...opts,
    provider: "Scalingo",
    timeoutMs: client.settings.operationTimeoutMs,
    intervalMs: client.settings.pollIntervalMs,
    hint: "raise `scalingo:operationTimeoutMs` or check the Scalingo dashboard",
  });
}

/**
 * Create through `create` at most once per attempt; after a lost response `lookup` decides whether it was
 * applied (`scalingo:createAttempts` attempts, exponential backoff from `scalingo:retryBaseMs`).
 */
export function createOnceWith<T>(
  client: ScalingoClient,
  create: () => Promise<T>,
  lookup: () => Promise<T | undefined>,
): Promise<T> {
  const { createAttempts, retryBaseMs } = client.settings;
  return createOnce({ attempts: createAttempts, delayMs: (n) => retryBaseMs * 2 ** n, create, lookup });
}

/**
 * Wait for an app operation (scale, restart) named by a `Location` header. The ID is its last path segment and
 * the operation is read from the region's API (as the CLI does), whatever host the header names.
 */
export async function waitForOperation(client: ScalingoClient, op: string, appId: string, location: string) {
  const opId = pathOf(location).split("/").filter(Boolean).pop() ?? "";
  const path = `/v1/apps/${appId}/operations/${opId}`;
  const schema = operationSchema(client.z);
  return poll(client, {
    what: `${op}: operation ${opId}`,
    probe: async () => (await client.request({ op, method: "GET", path, root: "operation", schema })).data,
    done: (o) => o.status === "done",
    state: (o) => o.status,
    failure: (o) => (o.status === "error" ? (o.error ?? "error") : undefined),
  });
}
