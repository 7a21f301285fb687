/**
 * `Variables`: the environment variables paasenv manages on an app. Only the declared keys are touched:
 * variables injected by add-ons or set by hand are left alone. Values are secrets in state.
 * @see https://developers.scalingo.com/environment
 */
import * as pulumi from "@pulumi/pulumi";
import { undefinedIf404 } from "../base/errors";
import { begin, beginFromState, providerMethods } from "../base/resource";
import type { ScalingoClient } from "./client";
import { waitForOperation } from "./operations";
import { appChildDiff, scalingoResource } from "./resource";
import { appSchema, type VariablesInputs, variableSchema, variablesInputsSchema } from "./schemas";
import type { ScalingoProvider } from "./settings";
import { declaredVariables, variablesOutputs, variablesPlan } from "./variables-mappers";

/** Bump when the CRUD logic changes, so `up` rewrites the code stored in state. */
export const VARIABLES_PROVIDER_VERSION = "1";

/** Check and diff of a Variables resource: values change in place; another app is another set. */
const VARIABLES = scalingoResource({
  kind: "Variables",
  key: "appId",
  inputs: variablesInputsSchema,
  what: (inputs) => `variables of app ${inputs.appId}`,
  diff: appChildDiff(["variables", "restartOnChange"]),
});

/** Arguments of a {@link Variables} resource. */
export interface VariablesArgs {
  /** The app's ID (`App.appId`). */
  appId: pulumi.Input<string>;
  /** The app's region. @example `"osc-fr1"` */
  region: pulumi.Input<string>;
  /**
   * The variables, by name. Names: letters, digits and underscores, not starting with `_`, at most 64
   * characters. A value `$OTHER` is an alias. Removing a key deletes that variable.
   * @example `{ NODE_ENV: "production", DATABASE_POOL: "10" }`
   */
  variables: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * Restart the app after a change (Scalingo does not; skipped while the app was never deployed).
   * @default `false`
   */
  restartOnChange?: pulumi.Input<boolean>;
}

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

/** Move the app's declared variables from `previous` to `inputs`: one bulk upsert, one DELETE per removed key. */
async function converge(
  client: ScalingoClient,
  op: string,
  previous: Record<string, string>,
  inputs: VariablesInputs,
) {
  const remote = await listVariables(client, op, inputs.appId);
  const plan = variablesPlan(previous, inputs.variables, remote);
  const path = `/v1/apps/${inputs.appId}/variables`;
  if (plan.upsert.length > 0) {
    await client.request({ op, method: "PUT", path, body: { variables: plan.upsert } });
  }
  for (const variable of plan.remove) {
    await client.remove({ op, path: `${path}/${variable.id}` });
  }
  const changed = plan.upsert.length + plan.remove.length > 0;
  if (changed && inputs.restartOnChange) await restart(client, op, inputs.appId);
}

/** The dynamic provider behind {@link Variables}. */
export const variablesProvider: ScalingoProvider = {
  ...providerMethods(VARIABLES),

  /** Bulk upsert is idempotent, so existing variables of the same name are simply taken over. */
  async create(raw) {
    const { inputs, op, client } = await begin(this, "create", raw, VARIABLES);
    await converge(client, op, {}, inputs);
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
    const none = { ...state, variables: {}, restartOnChange: false };
    await undefinedIf404(converge(client, op, state.variables, none));
  },
};

/**
 * The environment variables paasenv manages on an app (values are secrets in state).
 *
 * @example
 * ```ts
 * new Variables("shop-env", { appId: app.appId, region: "osc-fr1", variables: { NODE_ENV: "production" } });
 * ```
 */
export class Variables extends pulumi.dynamic.Resource {
  /** The managed variable names, sorted. */
  declare readonly names: pulumi.Output<string[]>;

  constructor(name: string, args: VariablesArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      names: undefined,
      ...args,
      variables: pulumi.secret(args.variables),
      providerVersion: VARIABLES_PROVIDER_VERSION,
      resourceName: name,
    };
    const secrets = [...(opts?.additionalSecretOutputs ?? []), "variables"];
    super(
      variablesProvider,
      name,
      props,
      { ...opts, additionalSecretOutputs: secrets },
      "scalingo",
      "Variables",
    );
  }
}
