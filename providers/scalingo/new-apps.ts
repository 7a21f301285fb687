/**
 * Apps this provider host created in this run, and which of their collections are still known to be empty.
 *
 * A new app holds no add-on, no container (Scalingo lists containers only once a Procfile has been deployed)
 * and no variable but those its add-ons inject. So a child's create on it can skip the look-up it makes first —
 * the app's add-ons before provisioning one, its variables before the bulk upsert, its containers before scaling —
 * as long as this host has not written that collection since: each look-up is a request against a limit of 60 a
 * minute, and a review environment makes three of them. (The variables are taken as empty even once an add-on has
 * injected its own: the upsert then sends a declared variable that already had its value, which changes nothing.)
 *
 * - Only this host's own successful `POST /v1/apps` marks an app. An adopted app, or one found after a lost
 *   response, is looked at as before, and so is every app in the next run, or in a run retried after an
 *   interruption (a new host starts with none).
 * - A write of this host to a collection (an add-on of one provider, the variables, the containers: a scale or a
 *   deployment) ends its emptiness from the moment the write is sent.
 * - Writes by anyone else in the seconds between the app's creation and its children's are not seen. Nothing is
 *   lost by it: Scalingo refuses a second add-on of one provider itself, the upsert writes the declared values
 *   either way, and a scale that changes nothing is recognized as such.
 */
import type { ScalingoClient } from "./client";

/** A collection of an app: `variables`, `containers`, or `addons/<provider>` (one add-on per provider). */
export type AppCollection = "variables" | "containers" | `addons/${string}`;

/** Record that this host just created `appId` (its own `POST /v1/apps` succeeded). */
export function markNewApp(client: ScalingoClient, appId: string): void {
  client.shared.newApps ??= new Map();
  client.shared.newApps.set(appId, new Set());
}

/** Whether `collection` of `appId` is known to be empty: the app is new and this host has not written it. */
export function knownEmpty(client: ScalingoClient, appId: string, collection: AppCollection): boolean {
  const written = client.shared.newApps?.get(appId);
  return written !== undefined && !written.has(collection);
}

/** Record a write of this host to `collection` of `appId`, before it is sent. */
export function writing(client: ScalingoClient, appId: string, collection: AppCollection): void {
  client.shared.newApps?.get(appId)?.add(collection);
}
