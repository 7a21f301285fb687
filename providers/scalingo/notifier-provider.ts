/**
 * `Notifier`: platform and events resolved by name (`GET /v1/notification_platforms/search`,
 * `GET /v1/event_types`); a create whose answer was lost is found by name. A refresh reads the notifier once,
 * and the event types only when the selected IDs changed.
 * @see https://developers.scalingo.com/notifiers
 *
 * This file is the implementation the provider host runs; the class a program declares is in `notifier.ts`.
 */
import { begin, beginFromState, providerMethods } from "../base/resource";
import { listAt, type ScalingoClient } from "./client";
import { scalingoError } from "./errors";
import {
  type ApiNotifier,
  type NotifierInputs,
  namedSchema,
  notifierInputsSchema,
  notifierSchema,
} from "./monitoring-schemas";
import {
  eventIdsOf,
  eventNamesOf,
  type Named,
  notifierBody,
  notifierInputsFromApi,
  notifierOutputs,
  sameIds,
} from "./notifier-mappers";
import { createOnceWith } from "./operations";
import { appChildDiff, scalingoResource } from "./resource";
import type { ScalingoProvider } from "./settings";

/** Check and diff: everything changes in place but the platform. */
const NOTIFIER = scalingoResource({
  kind: "Notifier",
  key: "name",
  inputs: notifierInputsSchema,
  what: (inputs) => `notifier "${inputs.name}" of app ${inputs.appId}`,
  diff: appChildDiff(
    ["name", "platform", "active", "sendAllAlerts", "sendAllEvents", "events", "emails", "webhookUrl"],
    ["platform"],
  ),
});

const basePath = (inputs: NotifierInputs) => `/v1/apps/${inputs.appId}/notifiers`;

/** The event types. @see https://developers.scalingo.com/event_types */
async function eventTypes(client: ScalingoClient, op: string): Promise<Named[]> {
  const { z } = client;
  const schema = z.array(namedSchema(z));
  return (await client.request({ op, method: "GET", path: "/v1/event_types", root: "event_types", schema }))
    .data;
}

/** The platform's ID and the selected events' IDs; an unknown event name fails naming the known ones. */
async function resolve(client: ScalingoClient, op: string, inputs: NotifierInputs) {
  const { z } = client;
  const path = "/v1/notification_platforms/search";
  const schema = z.array(namedSchema(z));
  const query = { name: inputs.platform };
  const platforms = await client.request({
    op,
    method: "GET",
    path,
    query,
    root: "notification_platforms",
    schema,
  });
  const platform = platforms.data.find((p) => p.name === inputs.platform);
  if (platform === undefined)
    throw scalingoError(`${op}: Scalingo has no notification platform "${inputs.platform}"`);
  if (inputs.events.length === 0) return { platformId: platform.id, eventIds: [] };
  const types = await eventTypes(client, op);
  const { ids, unknown } = eventIdsOf(inputs.events, types);
  if (unknown.length > 0) {
    const known = types.map((t) => t.name).join(", ");
    throw scalingoError(`${op}: \`events\` has unknown event type(s) ${unknown.join(", ")}; known: ${known}`);
  }
  return { platformId: platform.id, eventIds: ids };
}

async function listNotifiers(client: ScalingoClient, op: string, inputs: NotifierInputs) {
  return listAt(client, op, basePath(inputs), "notifiers", notifierSchema);
}

async function patchNotifier(client: ScalingoClient, op: string, inputs: NotifierInputs, id: string) {
  const { platformId, eventIds } = await resolve(client, op, inputs);
  const path = `${basePath(inputs)}/${id}`;
  const body = notifierBody(inputs, platformId, eventIds);
  return (
    await client.request({
      op,
      method: "PATCH",
      path,
      body,
      root: "notifier",
      schema: notifierSchema(client.z),
    })
  ).data;
}

/** Create the notifier once, even after a lost answer (found again by name). */
async function postNotifier(client: ScalingoClient, op: string, inputs: NotifierInputs) {
  const { platformId, eventIds } = await resolve(client, op, inputs);
  const body = notifierBody(inputs, platformId, eventIds);
  const schema = notifierSchema(client.z);
  return createOnceWith(
    client,
    async () =>
      (await client.request({ op, method: "POST", path: basePath(inputs), body, root: "notifier", schema }))
        .data,
    async () => (await listNotifiers(client, op, inputs)).find((n) => n.name === inputs.name),
  );
}

/** The notifier's events by name: the stored names while the IDs are the stored ones, else resolved again. */
async function eventNames(
  client: ScalingoClient,
  op: string,
  state: Record<string, unknown>,
  inputs: NotifierInputs,
  notifier: ApiNotifier,
) {
  const ids = notifier.selected_event_ids ?? [];
  const stored = client.z.array(client.z.string()).safeParse(state.eventIds).data;
  if (stored !== undefined && sameIds(stored, ids)) return inputs.events;
  return ids.length === 0 ? [] : eventNamesOf(ids, await eventTypes(client, op));
}

/** The dynamic provider behind {@link Notifier}. */
export const notifierProvider: ScalingoProvider = {
  ...providerMethods(NOTIFIER),

  async create(raw) {
    const { inputs, op, client } = await begin(this, "create", raw, NOTIFIER);
    const existing = (await listNotifiers(client, op, inputs)).find((n) => n.name === inputs.name);
    if (existing !== undefined && !(inputs.adopt ?? client.settings.adoptExisting)) {
      throw scalingoError(
        `${op}: the app already has a notifier named "${inputs.name}" (${existing.id}). To manage it with paasenv, ` +
          "set `adopt: true` on this resource (or `pulumi config set scalingo:adoptExisting true`) and run " +
          "`pulumi up` again.",
        { status: 422 },
      );
    }
    const notifier =
      existing === undefined
        ? await postNotifier(client, op, inputs)
        : await patchNotifier(client, op, inputs, existing.id);
    return { id: notifier.id, outs: notifierOutputs(inputs, notifier) };
  },

  async read(id, stored) {
    const props = stored ?? {};
    const { state, op, client } = await beginFromState(this, "read", props, NOTIFIER);
    const path = `${basePath(state)}/${id}`;
    const notifier = await client.lookup({ op, path, root: "notifier", schema: notifierSchema(client.z) });
    if (notifier === undefined) return {};
    const events = await eventNames(client, op, props, state, notifier);
    const inputs = notifierInputsFromApi(state, notifier, events);
    return { id, props: notifierOutputs(inputs, notifier), inputs };
  },

  async update(id, _olds, news) {
    const { inputs, op, client } = await begin(this, "update", news, NOTIFIER);
    return { outs: notifierOutputs(inputs, await patchNotifier(client, op, inputs, id)) };
  },

  async delete(id, props) {
    const { state, op, client } = await beginFromState(this, "delete", props, NOTIFIER);
    await client.remove({ op, path: `${basePath(state)}/${id}` });
  },
};
