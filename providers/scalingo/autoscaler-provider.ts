/**
 * `Autoscaler`: one per process type. A create whose answer was lost is looked up by type (an app has at most
 * one autoscaler per type); updates are flat PATCHes of what changed, as go-scalingo and Terraform send them.
 * @see https://developers.scalingo.com/autoscalers
 *
 * This file is the implementation the provider host runs; the class a program declares is in `autoscaler.ts`.
 */
import { begin, beginFromState, providerMethods } from "../base/resource";
import {
  autoscalerChanges,
  autoscalerCreateBody,
  autoscalerInputsFromApi,
  autoscalerOutputs,
} from "./autoscaler-mappers";
import { listAt, type ScalingoClient } from "./client";
import { scalingoError } from "./errors";
import {
  type ApiAutoscaler,
  type AutoscalerInputs,
  autoscalerInputsSchema,
  autoscalerSchema,
} from "./monitoring-schemas";
import { createOnceWith } from "./operations";
import { appChildDiff, scalingoResource } from "./resource";
import type { ScalingoProvider } from "./settings";

/** Check and diff: bounds, metric and target change in place; another type is another autoscaler. */
const AUTOSCALER = scalingoResource({
  kind: "Autoscaler",
  key: "containerType",
  inputs: autoscalerInputsSchema,
  what: (inputs) => `autoscaler of ${inputs.containerType} of app ${inputs.appId}`,
  diff: appChildDiff(
    ["containerType", "minContainers", "maxContainers", "metric", "target", "disabled"],
    ["containerType"],
  ),
});

const basePath = (inputs: AutoscalerInputs) => `/v1/apps/${inputs.appId}/autoscalers`;

/** The app's autoscalers. */
export async function listAutoscalers(client: ScalingoClient, op: string, appId: string) {
  return listAt(client, op, `/v1/apps/${appId}/autoscalers`, "autoscalers", autoscalerSchema);
}

/** `PATCH` the fields that differ (flat, as go-scalingo sends it); none when nothing does. */
export async function patchAutoscaler(
  client: ScalingoClient,
  op: string,
  appId: string,
  current: ApiAutoscaler,
  changes: Record<string, unknown>,
): Promise<ApiAutoscaler> {
  if (Object.keys(changes).length === 0) return current;
  const path = `/v1/apps/${appId}/autoscalers/${current.id}`;
  const schema = autoscalerSchema(client.z);
  return (await client.request({ op, method: "PATCH", path, body: changes, root: "autoscaler", schema }))
    .data;
}

/** Create the autoscaler once, even after a lost answer. */
async function postAutoscaler(client: ScalingoClient, op: string, inputs: AutoscalerInputs) {
  const schema = autoscalerSchema(client.z);
  const body = autoscalerCreateBody(inputs);
  return createOnceWith(
    client,
    async () =>
      (await client.request({ op, method: "POST", path: basePath(inputs), body, root: "autoscaler", schema }))
        .data,
    async () =>
      (await listAutoscalers(client, op, inputs.appId)).find(
        (a) => a.container_type === inputs.containerType,
      ),
  );
}

async function findAutoscaler(client: ScalingoClient, op: string, inputs: AutoscalerInputs, id: string) {
  return client.lookup({
    op,
    path: `${basePath(inputs)}/${id}`,
    root: "autoscaler",
    schema: autoscalerSchema(client.z),
  });
}

/** The dynamic provider behind {@link Autoscaler}. */
export const autoscalerProvider: ScalingoProvider = {
  ...providerMethods(AUTOSCALER),

  async create(raw) {
    const { inputs, op, client } = await begin(this, "create", raw, AUTOSCALER);
    const existing = (await listAutoscalers(client, op, inputs.appId)).find(
      (a) => a.container_type === inputs.containerType,
    );
    if (existing !== undefined && !(inputs.adopt ?? client.settings.adoptExisting)) {
      throw scalingoError(
        `${op}: the app already has an autoscaler for ${inputs.containerType} (${existing.id}). To manage it with ` +
          "paasenv, set `adopt: true` on this resource (or `pulumi config set scalingo:adoptExisting true`) and run " +
          "`pulumi up` again.",
        { status: 422 },
      );
    }
    const made = existing ?? (await postAutoscaler(client, op, inputs));
    const autoscaler = await patchAutoscaler(client, op, inputs.appId, made, autoscalerChanges(inputs, made));
    return { id: autoscaler.id, outs: autoscalerOutputs(inputs, autoscaler) };
  },

  async read(id, stored) {
    const { state, op, client } = await beginFromState(this, "read", stored ?? {}, AUTOSCALER);
    const autoscaler = await findAutoscaler(client, op, state, id);
    if (autoscaler === undefined) return {};
    const inputs = autoscalerInputsFromApi(state, autoscaler);
    return { id, props: autoscalerOutputs(inputs, autoscaler), inputs };
  },

  async update(id, _olds, news) {
    const { inputs, op, client } = await begin(this, "update", news, AUTOSCALER);
    const current = await findAutoscaler(client, op, inputs, id);
    if (current === undefined) {
      throw scalingoError(
        `${op}: autoscaler ${id} no longer exists on Scalingo; run \`pulumi refresh\` to forget it`,
      );
    }
    const autoscaler = await patchAutoscaler(
      client,
      op,
      inputs.appId,
      current,
      autoscalerChanges(inputs, current),
    );
    return { outs: autoscalerOutputs(inputs, autoscaler) };
  },

  async delete(id, props) {
    const { state, op, client } = await beginFromState(this, "delete", props, AUTOSCALER);
    await client.remove({ op, path: `${basePath(state)}/${id}` });
  },
};
