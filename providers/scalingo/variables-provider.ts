/**
 * `Variables`: the environment variables paasenv manages on an app. Only the declared keys are touched:
 * variables injected by add-ons or set by hand are left alone. Values are secrets in state.
 * @see https://developers.scalingo.com/environment
 *
 * This file is the implementation the provider host runs; the class a program declares is in `variables.ts`.
 */
import { undefinedIf404 } from "../base/errors";
import { keepingObjects } from "../base/kept-objects";
import { begin, beginFromState, providerMethods } from "../base/resource";
import type { ScalingoClient } from "./client";
import { knownEmpty, writing } from "./new-apps";
import { waitForOperation } from "./operations";
import { appChildDiff, scalingoResource } from "./resource";
import {
  type ApiVariable,
  appSchema,
  type VariablesInputs,
  variableSchema,
  variablesInputsSchema,
} from "./schemas";
import type { ScalingoProvider, Settings } from "./settings";
import { declaredVariables, needsRestart, variablesOutputs, variablesPlan } from "./variables-mappers";

/** Check and diff of a Variables resource: values change in place; another app is another set. */
const VARIABLES = scalingoResource({
  kind: "Variables",
  key: "appId",
  inputs: variablesInputsSchema,
  what: (inputs) => `variables of app ${inputs.appId}`,
  diff: appChildDiff(["variables", "restartOnChange", "restartKeys"]),
});

const variablesId = (appId: string) => `${appId}/variables`;

/** Raw values (`aliases=true`), so an alias compares equal to its declaration. */
async function listVariables(client: ScalingoClient, op: string, appId: string) {
  const { z } = client;
  const path = `/v1/apps/${appId}/variables`;
  const schema = z.array(variableSchema(z));
  return (
    await client.request({ op, method: "GET", path, query: { aliases: "true" }, root: "variables", schema })
  ).data;
}

/** Restart through `POST /restart` and wait for the operation; a never-deployed app has nothing to restart. */
async function restart(client: ScalingoClient, op: string, appId: string) {
  const app = (
    await client.request({
      op,
      method: "GET",
      path: `/v1/apps/${appId}`,
      root: "app",
      schema: appSchema(client.z),
    })
  ).data;
  if (app.last_deployed_at === null || app.last_deployed_at === undefined || app.status === "new") return;
  const reply = await client.request({
    op,
    method: "POST",
    path: `/v1/apps/${appId}/restart`,
    body: { scope: null },
  });
  if (reply.location !== undefined) await waitForOperation(client, op, appId, reply.location);
}

/**
 * Move the app's declared variables from `previous` to `inputs`: one bulk upsert, one DELETE per removed key.
 * `known` is the app's variables when they are known without reading them (an app this host just created).
 */
async function converge(
  client: ScalingoClient,
  op: string,
  previous: Record<string, string>,
  inputs: VariablesInputs,
  known?: ApiVariable[],
) {
  const remote = known ?? (await listVariables(client, op, inputs.appId));
  const plan = variablesPlan(previous, inputs.variables, remote);
  const path = `/v1/apps/${inputs.appId}/variables`;
  if (plan.upsert.length > 0 || plan.remove.length > 0) writing(client, inputs.appId, "variables");
  if (plan.upsert.length > 0) {
    await client.request({ op, method: "PUT", path, body: { variables: plan.upsert } });
  }
  for (const variable of plan.remove) {
    await client.remove({ op, path: `${path}/${variable.id}` });
  }
  if (needsRestart(plan, inputs)) await restart(client, op, inputs.appId);
}

/** The dynamic provider behind {@link Variables}. */
export const variablesProvider: ScalingoProvider = keepingObjects<Settings>({
  ...providerMethods(VARIABLES),

  /** Bulk upsert is idempotent, so existing variables of the same name are simply taken over. */
  async create(raw) {
    const { inputs, op, client } = await begin(this, "create", raw, VARIABLES);
    await converge(client, op, {}, inputs, knownEmpty(client, inputs.appId, "variables") ? [] : undefined);
    return { id: variablesId(inputs.appId), outs: variablesOutputs(inputs) };
  },

  async read(id, stored) {
    const { state, op, client } = await beginFromState(this, "read", stored ?? {}, VARIABLES);
    const remote = await undefinedIf404(listVariables(client, op, state.appId));
    if (remote === undefined) return {};
    const inputs = { ...state, variables: declaredVariables(state.variables, remote) };
    return { id, props: variablesOutputs(inputs), inputs };
  },

  async update(_id, olds, news) {
    const { z, inputs, op, client } = await begin(this, "update", news, VARIABLES);
    const previous = z.record(z.string(), z.string()).safeParse(olds.variables).data ?? {};
    await converge(client, op, previous, inputs);
    return { outs: variablesOutputs(inputs) };
  },

  async delete(_id, props) {
    const { state, op, client } = await beginFromState(this, "delete", props, VARIABLES);
    const none = { ...state, variables: {}, restartOnChange: false, restartKeys: [] };
    await undefinedIf404(converge(client, op, state.variables, none));
  },
});
