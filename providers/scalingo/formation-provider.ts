/**
 * `Formation`: how many containers of which size run each process type. Only the declared types are managed;
 * a type removed from `processes` is scaled to 0. Deleting the resource leaves the containers as they are
 * (as Terraform's `scalingo_container_type` does); deleting the app stops them.
 * @see https://developers.scalingo.com/apps#scale-an-application
 *
 * This file is the implementation the provider host runs; the class a program declares is in `formation.ts`.
 */
import { sameValue } from "../base/diff";
import { errorStatus, undefinedIf404 } from "../base/errors";
import { begin, beginFromState, providerMethods } from "../base/resource";
import type { ScalingoClient } from "./client";
import { scalingoError } from "./errors";
import { declaredProcesses, formationChanges } from "./formation-mappers";
import { waitForOperation } from "./operations";
import { appChildDiff, scalingoResource } from "./resource";
import { type ApiContainer, containerSchema, type FormationInputs, formationInputsSchema } from "./schemas";
import type { ScalingoProvider } from "./settings";

/** Check and diff of a Formation: scales change in place; another app or region is another formation. */
const FORMATION = scalingoResource({
  kind: "Formation",
  key: "appId",
  inputs: formationInputsSchema,
  what: (inputs) => `formation of app ${inputs.appId}`,
  diff: appChildDiff(["processes"]),
});

const formationId = (appId: string) => `${appId}/formation`;

async function listContainers(client: ScalingoClient, op: string, appId: string): Promise<ApiContainer[]> {
  const { z } = client;
  const path = `/v1/apps/${appId}/containers`;
  return (
    await client.request({ op, method: "GET", path, root: "containers", schema: z.array(containerSchema(z)) })
  ).data;
}

/** A clear message for a type the app does not have (422 or 404 `container_type` from the API). */
function unknownTypeError(
  op: string,
  inputs: FormationInputs,
  current: readonly ApiContainer[],
  error: Error,
) {
  const missing = Object.keys(inputs.processes).filter((name) => !current.some((c) => c.name === name));
  if (missing.length === 0) return error;
  return scalingoError(
    `${op}: process type(s) ${missing.join(", ")} are not in the app's Procfile (it has ${current.map((c) => c.name).join(", ") || "none"}); add them to the Procfile and deploy, or remove them from \`processes\`. Scalingo said: ${error.message}`,
    { status: errorStatus(error) },
  );
}

/**
 * `POST /scale` with the changed types, then wait for the operation (a never-deployed app answers 200 without
 * one). A replay after a lost response gets 400 "no change in containers formation": success when the
 * formation now matches.
 */
async function scale(
  client: ScalingoClient,
  op: string,
  inputs: FormationInputs,
  previous: FormationInputs["processes"],
) {
  const current = await listContainers(client, op, inputs.appId);
  const containers = formationChanges(previous, inputs.processes, current);
  if (containers.length === 0) return;
  const path = `/v1/apps/${inputs.appId}/scale`;
  try {
    const reply = await client.request({ op, method: "POST", path, body: { containers } });
    if (reply.location !== undefined) await waitForOperation(client, op, inputs.appId, reply.location);
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    const status = errorStatus(error);
    if (status === 400 && /no change in containers formation/.test(error.message)) {
      const now = await listContainers(client, op, inputs.appId);
      if (formationChanges(previous, inputs.processes, now).length === 0) return;
    }
    if (status === 422 || status === 404) throw unknownTypeError(op, inputs, current, error);
    throw error;
  }
}

/** The dynamic provider behind {@link Formation}. */
export const formationProvider: ScalingoProvider = {
  ...providerMethods(FORMATION),

  async create(raw) {
    const { inputs, op, client } = await begin(this, "create", raw, FORMATION);
    await scale(client, op, inputs, {});
    return { id: formationId(inputs.appId), outs: { ...inputs } };
  },

  async read(id, stored) {
    const { state, op, client } = await beginFromState(this, "read", stored ?? {}, FORMATION);
    const current = await undefinedIf404(listContainers(client, op, state.appId));
    if (current === undefined) return {};
    const processes = declaredProcesses(state.processes, current);
    const inputs = {
      ...state,
      processes: sameValue(processes, state.processes) ? state.processes : processes,
    };
    return { id, props: { ...inputs }, inputs };
  },

  async update(_id, olds, news) {
    const { z, inputs, op, client } = await begin(this, "update", news, FORMATION);
    const previous = formationInputsSchema(z).shape.processes.safeParse(olds.processes).data ?? {};
    await scale(client, op, inputs, previous);
    return { outs: { ...inputs } };
  },

  /** Leaves the containers running: removing the resource should not stop a production app by surprise. */
  async delete() {},
};
