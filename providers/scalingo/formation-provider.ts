/**
 * `Formation`: how many containers of which size run each process type. Only the declared types are managed;
 * a type removed from `processes` is scaled to 0. The amount of an autoscaled type belongs to its autoscaler
 * (`autoscaled`). Deleting the resource leaves the containers as they are (as Terraform's
 * `scalingo_container_type` does); deleting the app stops them.
 * @see https://developers.scalingo.com/apps#scale-an-application
 *
 * This file is the implementation the provider host runs; the class a program declares is in `formation.ts`.
 */
import { sameValue } from "../base/diff";
import { errorStatus, undefinedIf404 } from "../base/errors";
import { begin, beginFromState, providerMethods } from "../base/resource";
import { listAutoscalers, patchAutoscaler } from "./autoscaler-provider";
import type { ScalingoClient } from "./client";
import { scalingoError } from "./errors";
import { declaredProcesses, formationChanges } from "./formation-mappers";
import type { ApiAutoscaler } from "./monitoring-schemas";
import { knownEmpty, writing } from "./new-apps";
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
  diff: {
    ...appChildDiff(["processes", "autoscaled"]),
    // Formations stored before autoscalers existed have no `autoscaled`: the same as none.
    same: { autoscaled: (olds, news) => sameValue(olds.autoscaled ?? {}, news.autoscaled ?? {}) },
  },
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

/** The enabled autoscalers of the autoscaled types a scale call names (the call will disable them). */
async function autoscalersToKeep(
  client: ScalingoClient,
  op: string,
  inputs: FormationInputs,
  names: readonly string[],
): Promise<ApiAutoscaler[]> {
  if (!names.some((name) => name in inputs.autoscaled)) return [];
  const all = await listAutoscalers(client, op, inputs.appId);
  return all.filter(
    (a) => !a.disabled && names.includes(a.container_type) && a.container_type in inputs.autoscaled,
  );
}

/** `POST /scale` and wait for the operation (a never-deployed app answers 200 without one). */
async function sendScale(client: ScalingoClient, op: string, appId: string, containers: unknown[]) {
  writing(client, appId, "containers");
  const reply = await client.request({
    op,
    method: "POST",
    path: `/v1/apps/${appId}/scale`,
    body: { containers },
  });
  if (reply.location !== undefined) await waitForOperation(client, op, appId, reply.location);
}

/**
 * `POST /scale` with the changed types, then wait for the operation. A replay after a lost response gets 400
 * "no change in containers formation": success when the formation now matches. Scalingo disables the
 * autoscaler of every type a scale call names, so the ones that were enabled are enabled again after it.
 * `known` is the app's containers when they are known without reading them (an app this host just created).
 */
async function scale(
  client: ScalingoClient,
  op: string,
  inputs: FormationInputs,
  previous: FormationInputs["processes"],
  known?: ApiContainer[],
) {
  const current = known ?? (await listContainers(client, op, inputs.appId));
  const containers = formationChanges(previous, inputs.processes, current, inputs.autoscaled);
  if (containers.length === 0) return;
  const keep = await autoscalersToKeep(
    client,
    op,
    inputs,
    containers.map((c) => c.name),
  );
  try {
    await sendScale(client, op, inputs.appId, containers);
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    const status = errorStatus(error);
    const replayed = status === 400 && /no change in containers formation/.test(error.message);
    const now = replayed ? await listContainers(client, op, inputs.appId) : current;
    if (!replayed || formationChanges(previous, inputs.processes, now, inputs.autoscaled).length > 0) {
      if (status === 422 || status === 404) throw unknownTypeError(op, inputs, current, error);
      throw error;
    }
  }
  for (const autoscaler of keep)
    await patchAutoscaler(client, op, inputs.appId, autoscaler, { disabled: false });
}

/** The dynamic provider behind {@link Formation}. */
export const formationProvider: ScalingoProvider = {
  ...providerMethods(FORMATION),

  async create(raw) {
    const { inputs, op, client } = await begin(this, "create", raw, FORMATION);
    await scale(client, op, inputs, {}, knownEmpty(client, inputs.appId, "containers") ? [] : undefined);
    return { id: formationId(inputs.appId), outs: { ...inputs } };
  },

  async read(id, stored) {
    const { state, op, client } = await beginFromState(this, "read", stored ?? {}, FORMATION);
    const current = await undefinedIf404(listContainers(client, op, state.appId));
    if (current === undefined) return {};
    const processes = declaredProcesses(state.processes, current, state.autoscaled);
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
