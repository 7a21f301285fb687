/**
 * `LogDrain`: drains are listed and deleted by URL (`DELETE …/log_drains?url=`, what go-scalingo sends). A
 * drain that matches the declared one (scheme, host, port, token, region) is the declared one: a create whose
 * answer was lost is found that way, and one already there is taken over with `adopt`. A refresh lists the drains of the app (or add-on) once.
 * @see https://developers.scalingo.com/log_drains
 *
 * This file is the implementation the provider host runs; the class a program declares is in `log-drain.ts`.
 */
import { undefinedIf404 } from "../base/errors";
import { begin, beginFromState, providerMethods } from "../base/resource";
import { listAt, type ScalingoClient } from "./client";
import { scalingoError } from "./errors";
import { drainBody, drainId, drainMatches, drainOutputs, drainsPath } from "./log-drain-mappers";
import { drainSchema, type LogDrainInputs, logDrainInputsSchema } from "./monitoring-schemas";
import { createOnceWith } from "./operations";
import { appChildDiff, scalingoResource } from "./resource";
import type { ScalingoProvider } from "./settings";

const FIELDS = ["addonId", "type", "token", "host", "port", "drainRegion", "url"];

/** Check and diff: a drain cannot be changed, so every change replaces it (the old one deleted first). */
const LOG_DRAIN = scalingoResource({
  kind: "LogDrain",
  key: "type",
  inputs: logDrainInputsSchema,
  what: (inputs) =>
    `${inputs.type} log drain of ${inputs.addonId === undefined ? "app" : `add-on ${inputs.addonId} of app`} ${inputs.appId}`,
  diff: { ...appChildDiff(FIELDS, FIELDS), deleteBeforeReplace: (replaces) => replaces.length > 0 },
});

async function listDrains(client: ScalingoClient, op: string, inputs: LogDrainInputs): Promise<string[]> {
  return (await listAt(client, op, drainsPath(inputs), "drains", drainSchema)).map((d) => d.url);
}

/** Create the drain once, even after a lost answer (found again by matching its URL). */
async function postDrain(client: ScalingoClient, op: string, inputs: LogDrainInputs): Promise<string> {
  const schema = drainSchema(client.z);
  const body = drainBody(inputs);
  return createOnceWith(
    client,
    async () =>
      (await client.request({ op, method: "POST", path: drainsPath(inputs), body, root: "drain", schema }))
        .data.url,
    async () => (await listDrains(client, op, inputs)).find((url) => drainMatches(inputs, url)),
  );
}

/** The dynamic provider behind {@link LogDrain}. */
export const logDrainProvider: ScalingoProvider = {
  ...providerMethods(LOG_DRAIN),

  async create(raw) {
    const { inputs, op, client } = await begin(this, "create", raw, LOG_DRAIN);
    const existing = (await listDrains(client, op, inputs)).find((url) => drainMatches(inputs, url));
    // Taking one over only when asked: two resources holding one drain would have one delete it under the other.
    if (existing !== undefined && !(inputs.adopt ?? client.settings.adoptExisting)) {
      throw scalingoError(
        `${op}: the ${inputs.addonId === undefined ? "app" : "add-on"} already drains its logs there. To manage ` +
          "that drain with paasenv, set `adopt: true` on this resource (or `pulumi config set " +
          "scalingo:adoptExisting true`) and run `pulumi up` again.",
        { status: 422 },
      );
    }
    const url = existing ?? (await postDrain(client, op, inputs));
    return { id: drainId(inputs, url), outs: drainOutputs(inputs, url) };
  },

  async read(id, stored) {
    const props = stored ?? {};
    const { z, state, op, client } = await beginFromState(this, "read", props, LOG_DRAIN);
    const url = z.string().safeParse(props.drainUrl).data;
    const urls = await undefinedIf404(listDrains(client, op, state));
    if (url === undefined || urls === undefined || !urls.includes(url)) return {};
    return { id, props: drainOutputs(state, url), inputs: state };
  },

  /** Only the provider version or the resource name can change in place: nothing to send. */
  async update(_id, olds, news) {
    const { z, inputs } = await begin(this, "update", news, LOG_DRAIN);
    return { outs: drainOutputs(inputs, z.string().parse(olds.drainUrl)) };
  },

  async delete(_id, props) {
    const { z, state, op, client } = await beginFromState(this, "delete", props, LOG_DRAIN);
    const url = z.string().safeParse(props.drainUrl).data;
    if (url !== undefined) await client.remove({ op, path: drainsPath(state), query: { url } });
  },
};
