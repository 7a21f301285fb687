/**
 * `Deployment` (see `deployment.ts`): `create` and `update` deploy the archive and wait for `success`; `read`
 * looks the deployment up; `delete` deletes nothing (the API has no such call: deployments go with their app).
 * @see https://developers.scalingo.com/deployments
 *
 * This file is the implementation the provider host runs; the class a program declares is in `deployment.ts`.
 */
import { begin, beginFromState, providerMethods } from "../base/resource";
import type { ScalingoClient } from "./client";
import {
  type ApiDeployment,
  apiDeploymentSchema,
  type DeploymentInputs,
  deploymentInputsSchema,
  deploymentStage,
  failureMessage,
} from "./deployment-mappers";
import { scalingoError } from "./errors";
import { writing } from "./new-apps";
import { createOnceWith, poll } from "./operations";
import { appChildDiff, scalingoResource } from "./resource";
import type { ScalingoProvider } from "./settings";

/** Check and diff: a new archive or version deploys again in place; another app is another deployment. */
const DEPLOYMENT = scalingoResource({
  kind: "Deployment",
  key: "appId",
  inputs: deploymentInputsSchema,
  what: (inputs) => `deployment ${inputs.gitRef} of app ${inputs.appId}`,
  diff: appChildDiff(["sourceUrl", "gitRef"]),
});

const basePath = (appId: string) => `/v1/apps/${appId}/deployments`;

/** The deployment under way for this version, if any (after a lost answer to the POST). */
async function inProgress(client: ScalingoClient, op: string, inputs: DeploymentInputs) {
  const schema = client.z.array(apiDeploymentSchema(client.z));
  const query = { page: "1", per_page: "5" };
  const path = basePath(inputs.appId);
  const recent = (await client.request({ op, method: "GET", path, query, root: "deployments", schema })).data;
  return recent.find((d) => d.git_ref === inputs.gitRef && deploymentStage(d.status) === "in-progress");
}

/**
 * Start the deployment once, even after a lost answer; one of this version still under way (an earlier run
 * that timed out or was interrupted) is followed instead, since Scalingo runs one deployment at a time.
 */
async function start(client: ScalingoClient, op: string, inputs: DeploymentInputs): Promise<ApiDeployment> {
  const running = await inProgress(client, op, inputs);
  if (running !== undefined) return running;
  const body = { deployment: { source_url: inputs.sourceUrl, git_ref: inputs.gitRef } };
  const schema = apiDeploymentSchema(client.z);
  const path = basePath(inputs.appId);
  return createOnceWith(
    client,
    async () => (await client.request({ op, method: "POST", path, body, root: "deployment", schema })).data,
    () => inProgress(client, op, inputs),
  );
}

async function getDeployment(client: ScalingoClient, op: string, appId: string, id: string) {
  const path = `${basePath(appId)}/${id}`;
  return client.lookup({ op, path, root: "deployment", schema: apiDeploymentSchema(client.z) });
}

/** Deploy and follow until the end; a failure names the status and the end of the build output. */
async function deploy(client: ScalingoClient, op: string, inputs: DeploymentInputs) {
  writing(client, inputs.appId, "containers");
  const started = await start(client, op, inputs);
  const ended = await poll(client, {
    what: `${op}: deployment ${started.id}`,
    probe: async () => (await getDeployment(client, op, inputs.appId, started.id)) ?? started,
    done: (d) => deploymentStage(d.status) !== "in-progress",
  });
  if (deploymentStage(ended.status) === "success") return ended;
  const path = `${basePath(inputs.appId)}/${ended.id}/output`;
  const output = await client.request({ op, method: "GET", path, schema: client.z.unknown() });
  const text = typeof output.data === "string" ? output.data : JSON.stringify(output.data);
  throw scalingoError(failureMessage(op, ended, text));
}

const outputs = (inputs: DeploymentInputs, deployment: ApiDeployment) => ({
  ...inputs,
  deploymentId: deployment.id,
  status: deployment.status,
});

/** The dynamic provider behind {@link Deployment}. */
export const deploymentProvider: ScalingoProvider = {
  ...providerMethods(DEPLOYMENT),

  async create(raw) {
    const { inputs, op, client } = await begin(this, "create", raw, DEPLOYMENT);
    const deployment = await deploy(client, op, inputs);
    return { id: deployment.id, outs: outputs(inputs, deployment) };
  },

  /** The deployment is gone only with its app: then the resource is gone too. */
  async read(id, stored) {
    const { state, op, client } = await beginFromState(this, "read", stored ?? {}, DEPLOYMENT);
    const deploymentId = typeof stored?.deploymentId === "string" ? stored.deploymentId : id;
    const found = await getDeployment(client, op, state.appId, deploymentId);
    if (found === undefined) return {};
    return { id, props: outputs(state, found), inputs: state };
  },

  /** A new version or archive: deploy it (the resource's ID stays the first deployment's). */
  async update(_id, _olds, news) {
    const { inputs, op, client } = await begin(this, "update", news, DEPLOYMENT);
    return { outs: outputs(inputs, await deploy(client, op, inputs)) };
  },

  async delete() {},
};
