/**
 * Pure mappers of the `Alert` resource. Durations are declared as Go duration strings (`"5m"`); the API takes
 * `duration_before_trigger` in nanoseconds and `remind_every` as a Go duration string on create, in nanoseconds
 * on go-scalingo's flat update, and answers `remind_every` as Go writes it (`"1h0m0s"`): values are compared in
 * nanoseconds, never as text.
 * @see https://developers.scalingo.com/alerts
 */
import type { Bag } from "../base/inputs";
import { formatGoDuration, parseGoDuration } from "./durations";
import type { AlertInputs, ApiAlert } from "./monitoring-schemas";
import { sameIds } from "./notifier-mappers";

const ns = (duration: string | undefined): number =>
  duration === undefined ? 0 : (parseGoDuration(duration) ?? 0);

/** `POST …/alerts`, wrapped, `remind_every` as a string (as go-scalingo creates alerts). */
export function alertCreateBody(inputs: AlertInputs) {
  return {
    alert: {
      container_type: inputs.containerType,
      metric: inputs.metric,
      limit: inputs.limit,
      send_when_below: inputs.sendWhenBelow,
      disabled: inputs.disabled,
      duration_before_trigger: ns(inputs.durationBeforeTrigger),
      notifiers: [...inputs.notifiers],
      ...(inputs.remindEvery === undefined ? {} : { remind_every: formatGoDuration(ns(inputs.remindEvery)) }),
    },
  };
}

/** The flat `PATCH …/alerts/:id` body go-scalingo sends: the fields that differ, durations in nanoseconds. */
export function alertChanges(inputs: AlertInputs, alert: ApiAlert): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  const set = (field: string, wanted: unknown, current: unknown) => {
    if (wanted !== current) changes[field] = wanted;
  };
  set("container_type", inputs.containerType, alert.container_type);
  set("metric", inputs.metric, alert.metric);
  set("limit", inputs.limit, alert.limit);
  set("send_when_below", inputs.sendWhenBelow, alert.send_when_below ?? false);
  set("disabled", inputs.disabled, alert.disabled ?? false);
  set("duration_before_trigger", ns(inputs.durationBeforeTrigger), alert.duration_before_trigger ?? 0);
  set("remind_every", ns(inputs.remindEvery), ns(alert.remind_every ?? undefined));
  if (!sameIds(inputs.notifiers, alert.notifiers ?? [])) changes.notifiers = [...inputs.notifiers];
  return changes;
}

/** A declared duration kept as written while it equals the API's, else the API's in Go's form. */
function durationAsDeclared(declared: string | undefined, apiNs: number): string | undefined {
  if (ns(declared) === apiNs) return declared;
  return formatGoDuration(apiNs);
}

/** Inputs as they are on Scalingo. */
export function alertInputsFromApi(state: AlertInputs, alert: ApiAlert): AlertInputs {
  const notifiers = alert.notifiers ?? [];
  const remind = durationAsDeclared(state.remindEvery, ns(alert.remind_every ?? undefined));
  return {
    ...state,
    containerType: alert.container_type,
    metric: alert.metric as AlertInputs["metric"],
    limit: alert.limit,
    sendWhenBelow: alert.send_when_below ?? false,
    disabled: alert.disabled ?? false,
    durationBeforeTrigger:
      durationAsDeclared(state.durationBeforeTrigger, alert.duration_before_trigger ?? 0) ?? "0s",
    notifiers: sameIds(state.notifiers, notifiers) ? state.notifiers : [...notifiers],
    ...(remind === undefined || (state.remindEvery === undefined && remind === "0s")
      ? {}
      : { remindEvery: remind }),
  };
}

/** Whether an existing alert is the declared one: same type, metric, limit and direction. */
export function sameAlert(inputs: AlertInputs, alert: ApiAlert): boolean {
  return (
    alert.container_type === inputs.containerType &&
    alert.metric === inputs.metric &&
    alert.limit === inputs.limit &&
    (alert.send_when_below ?? false) === inputs.sendWhenBelow
  );
}

/** Full outputs of an Alert. */
export function alertOutputs(inputs: AlertInputs, alert: ApiAlert) {
  return { ...inputs, alertId: alert.id };
}

/** Durations equal in nanoseconds (`"60m"` is `"1h"`), notifiers equal as sets: for `diff`. */
export const sameDuration = (field: string) => (olds: Bag, news: Bag) => {
  const text = (v: unknown) => (typeof v === "string" ? v : undefined);
  return ns(text(olds[field])) === ns(text(news[field]));
};
export const sameNotifiers = (olds: Bag, news: Bag): boolean => {
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
  return sameIds(list(olds.notifiers), list(news.notifiers));
};
