/**
 * `Variables`: the environment variables paasenv manages on an app. Only the declared keys are touched:
 * variables injected by add-ons or set by hand are left alone. Values are secrets in state.
 * @see https://developers.scalingo.com/environment
 */
import * as pulumi from "@pulumi/pulumi";
import {
  configureSession,
  errorStatus,
  type ScalingoClient,
  type ScalingoProvider,
  scalingoClient,
  waitForOperation,
} from "./http";
import { type Bag, declaredVariables, inputMethods, parseInputs, variablesPlan } from "./mappers";
import { appSchema, type VariablesInputs, variableSchema, variablesInputsSchema, type Zod } from "./schemas";

/** Bump when the CRUD logic changes, so `up` rewrites the code stored in state. */
export const VARIABLES_PROVIDER_VERSION = "1";

const DIFF_FIELDS = ["appId", "region", "variables", "restartOnChange", "providerVersion"];
const REPLACE_ON = ["appId", "region"];

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

const label = (news: Bag) => `Variables "${String(news.resourceName ?? news.appId)}"`;
const what = (inputs: VariablesInputs) => `variables of app ${inputs.appId}`;
const variablesId = (appId: string) => `${appId}/variables`;

/** Outputs of the resource: the inputs plus the managed names. */
function variablesOutputs(inputs: VariablesInputs) {
  return { ...inputs, names: Object.keys(inputs.variables).sort() };
}

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
  async configure(req) {
    configureSession(this, (key) => req.config.get(key));
  },

  ...inputMethods(variablesInputsSchema, label, DIFF_FIELDS, REPLACE_ON),

  /** Bulk upsert is idempotent, so existing variables of the same name are simply taken over. */
  async create(raw) {
    const { z }: { z: Zod } = require("zod");
    const inputs = parseInputs(variablesInputsSchema(z), raw, label(raw));
    const client = await scalingoClient(this, inputs.region);
    await converge(client, `create ${what(inputs)}`, {}, inputs);
    return { id: variablesId(inputs.appId), outs: variablesOutputs(inputs) };
  },

  async read(id, stored) {
    const { z }: { z: Zod } = require("zod");
    const props = stored ?? {};
    const previous = parseInputs(variablesInputsSchema(z), props, label(props));
    const op = `read ${what(previous)}`;
    const client = await scalingoClient(this, previous.region);
    const remote = await listVariables(client, op, previous.appId).catch((error: unknown) =>
      errorStatus(error) === 404 ? undefined : Promise.reject(error),
    );
    if (remote === undefined) return {};
    const inputs = { ...previous, variables: declaredVariables(previous.variables, remote) };
    return { id, props: variablesOutputs(inputs), inputs };
  },

  async update(_id, olds, news) {
    const { z }: { z: Zod } = require("zod");
    const inputs = parseInputs(variablesInputsSchema(z), news, label(news));
    const previous = z.record(z.string(), z.string()).safeParse(olds.variables).data ?? {};
    const client = await scalingoClient(this, inputs.region);
    await converge(client, `update ${what(inputs)}`, previous, inputs);
    return { outs: variablesOutputs(inputs) };
  },

  async delete(_id, props) {
    const { z }: { z: Zod } = require("zod");
    const previous = parseInputs(variablesInputsSchema(z), props, label(props));
    const client = await scalingoClient(this, previous.region);
    const none = { ...previous, variables: {}, restartOnChange: false };
    await converge(client, `delete ${what(previous)}`, previous.variables, none).catch((error: unknown) =>
      errorStatus(error) === 404 ? undefined : Promise.reject(error),
    );
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
