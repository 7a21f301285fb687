/**
 * Pure mappers of the `Notifier` resource: events chosen by name resolved to event-type IDs (and back), the
 * notifier body (`type_data` per platform), and the notifier as inputs and outputs.
 * @see https://developers.scalingo.com/notifiers
 * @see https://developers.scalingo.com/event_types
 */
import type { ApiNotifier, NotifierInputs } from "./monitoring-schemas";

/** An event type or a platform: an ID and a name. */
export interface Named {
  id: string;
  name: string;
}

/** Event-type IDs of `names`, and the names no event type has. */
export function eventIdsOf(
  names: readonly string[],
  types: readonly Named[],
): { ids: string[]; unknown: string[] } {
  const byName = new Map(types.map((t) => [t.name, t.id]));
  return {
    ids: names.flatMap((name) => byName.get(name) ?? []),
    unknown: names.filter((name) => !byName.has(name)),
  };
}

/** Names of event-type IDs (an ID no type has stays as it is, so it shows in a diff). */
export function eventNamesOf(ids: readonly string[], types: readonly Named[]): string[] {
  const byId = new Map(types.map((t) => [t.id, t.name]));
  return ids.map((id) => byId.get(id) ?? id);
}

/** Whether two ID lists hold the same IDs, in any order. */
export const sameIds = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && [...a].sort().every((id, i) => id === [...b].sort()[i]);

/** `{"notifier":{…}}` for POST and PATCH (what go-scalingo sends, minus its empty fields). */
export function notifierBody(inputs: NotifierInputs, platformId: string, eventIds: readonly string[]) {
  const typeData =
    inputs.platform === "email" ? { emails: inputs.emails } : { webhook_url: inputs.webhookUrl ?? "" };
  return {
    notifier: {
      name: inputs.name,
      platform_id: platformId,
      active: inputs.active,
      send_all_alerts: inputs.sendAllAlerts,
      send_all_events: inputs.sendAllEvents,
      selected_event_ids: [...eventIds],
      type_data: typeData,
    },
  };
}

/** Inputs as they are on Scalingo, `events` already named. */
export function notifierInputsFromApi(
  state: NotifierInputs,
  notifier: ApiNotifier,
  events: string[],
): NotifierInputs {
  const data = notifier.type_data ?? {};
  return {
    ...state,
    name: notifier.name,
    active: notifier.active ?? true,
    sendAllAlerts: notifier.send_all_alerts ?? false,
    sendAllEvents: notifier.send_all_events ?? false,
    events,
    ...(state.platform === "email" ? { emails: [...(data.emails ?? [])] } : {}),
    ...(state.platform !== "email" && typeof data.webhook_url === "string"
      ? { webhookUrl: data.webhook_url }
      : {}),
  };
}

/** Full outputs: the inputs, the notifier's and platform's IDs, the selected event-type IDs. */
export function notifierOutputs(inputs: NotifierInputs, notifier: ApiNotifier) {
  return {
    ...inputs,
    notifierId: notifier.id,
    platformId: notifier.platform_id,
    eventIds: [...(notifier.selected_event_ids ?? [])],
  };
}
