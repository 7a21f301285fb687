/**
 * `Alert`: an alert has no name, so it is known by its type, metric, limit and direction: that is how an
 * existing one is found for adoption, and how a create whose answer was lost is found again (among the alerts
 * that were not there before). Updates are flat PATCHes of what changed, as go-scalingo sends them.
 * @see https://developers.scalingo.com/alerts
 *
 * This file is the implementation the provider host runs; the class a program declares is in `alert.ts`.
 */
import { begin, beginFromState, providerMethods } from "../base/resource";
import {
  alertChanges,
  alertCreateBody,
  alertInputsFromApi,
  alertOutputs,
  sameAlert,
  sameDuration,
  sameNotifiers,
} from "./alert-mappers";
import { listAt, type ScalingoClient } from "./client";
import { scalingoError } from "./errors";
import { type AlertInputs, type ApiAlert, alertInputsSchema, alertSchema } from "./monitoring-schemas";
import { createOnceWith } from "./operations";
import { appChildDiff, scalingoResource } from "./resource";
import type { ScalingoProvider } from "./settings";

/** Check and diff: everything changes in place; durations compare in nanoseconds, notifiers as a set. */
const ALERT = scalingoResource({
  kind: "Alert",
  key: "metric",
  inputs: alertInputsSchema,
  what: (inputs) => `alert on ${inputs.metric} of ${inputs.containerType} of app ${inputs.appId}`,
  diff: {
    ...appChildDiff([
      "containerType",
      "metric",
      "limit",
      "sendWhenBelow",
      "durationBeforeTrigger",
      "remindEvery",
      "notifiers",
      "disabled",
    ]),
    same: {
      durationBeforeTrigger: sameDuration("durationBeforeTrigger"),
      remindEvery: sameDuration("remindEvery"),
      notifiers: sameNotifiers,
    },
  },
});

const basePath = (inputs: AlertInputs) => `/v1/apps/${inputs.appId}/alerts`;

async function listAlerts(client: ScalingoClient, op: string, inputs: AlertInputs) {
  return listAt(client, op, basePath(inputs), "alerts", alertSchema);
}

async function patchAlert(client: ScalingoClient, op: string, inputs: AlertInputs, alert: ApiAlert) {
  const changes = alertChanges(inputs, alert);
  if (Object.keys(changes).length === 0) return alert;
  const path = `${basePath(inputs)}/${alert.id}`;
  return (
    await client.request({
      op,
      method: "PATCH",
      path,
      body: changes,
      root: "alert",
      schema: alertSchema(client.z),
    })
  ).data;
}

/** Create the alert once: after a lost answer, a new alert of the same key is the one created. */
async function postAlert(
  client: ScalingoClient,
  op: string,
  inputs: AlertInputs,
  before: readonly ApiAlert[],
) {
  const known = new Set(before.map((a) => a.id));
  const body = alertCreateBody(inputs);
  const schema = alertSchema(client.z);
  return createOnceWith(
    client,
    async () =>
      (await client.request({ op, method: "POST", path: basePath(inputs), body, root: "alert", schema }))
        .data,
    async () => (await listAlerts(client, op, inputs)).find((a) => !known.has(a.id) && sameAlert(inputs, a)),
  );
}

/** The dynamic provider behind {@link Alert}. */
export const alertProvider: ScalingoProvider = {
  ...providerMethods(ALERT),

  async create(raw) {
    const { inputs, op, client } = await begin(this, "create", raw, ALERT);
    const alerts = await listAlerts(client, op, inputs);
    const existing = alerts.find((a) => sameAlert(inputs, a));
    if (existing !== undefined && !(inputs.adopt ?? client.settings.adoptExisting)) {
      throw scalingoError(
        `${op}: the app already has an alert on ${inputs.metric} of ${inputs.containerType} at ${inputs.limit} ` +
          `(${existing.id}). To manage it with paasenv, set \`adopt: true\` on this resource (or \`pulumi config set ` +
          "scalingo:adoptExisting true`) and run `pulumi up` again.",
        { status: 422 },
      );
    }
    const alert =
      existing === undefined
        ? await postAlert(client, op, inputs, alerts)
        : await patchAlert(client, op, inputs, existing);
    return { id: alert.id, outs: alertOutputs(inputs, alert) };
  },

  async read(id, stored) {
    const { state, op, client } = await beginFromState(this, "read", stored ?? {}, ALERT);
    const alert = await client.lookup({
      op,
      path: `${basePath(state)}/${id}`,
      root: "alert",
      schema: alertSchema(client.z),
    });
    if (alert === undefined) return {};
    const inputs = alertInputsFromApi(state, alert);
    return { id, props: alertOutputs(inputs, alert), inputs };
  },

  async update(id, _olds, news) {
    const { inputs, op, client } = await begin(this, "update", news, ALERT);
    const path = `${basePath(inputs)}/${id}`;
    const current = await client.lookup({ op, path, root: "alert", schema: alertSchema(client.z) });
    if (current === undefined) {
      throw scalingoError(
        `${op}: alert ${id} no longer exists on Scalingo; run \`pulumi refresh\` to forget it`,
      );
    }
    return { outs: alertOutputs(inputs, await patchAlert(client, op, inputs, current)) };
  },

  async delete(id, props) {
    const { state, op, client } = await beginFromState(this, "delete", props, ALERT);
    await client.remove({ op, path: `${basePath(state)}/${id}` });
  },
};
