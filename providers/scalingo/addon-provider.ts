/**
 * `Addon`: a PostgreSQL or Redis add-on of an app. A plan change is an in-place upgrade; a change of provider,
 * app, region or version replaces the add-on and **destroys its data**, so `diff` refuses it, and `delete`
 * refuses to delete it, unless `paasenv:permitDataLoss` names the add-on (or its app) by its current ID. An
 * add-on a refresh no longer finds is recorded as `missing`, and replaced by an empty one only when permitted.
 * @see https://developers.scalingo.com/addons
 *
 * This file is the implementation the provider host runs; the class a program declares is in `addon.ts`.
 */
import { permitsOf, refusal } from "../base/data-loss";
import { type DiffDeclaration, diffInputs } from "../base/diff";
import { undefinedIf404 } from "../base/errors";
import type { Bag } from "../base/inputs";
import { keepingObjects } from "../base/kept-objects";
import { begin, beginFromState, providerMethods } from "../base/resource";
import {
  addonCatalogEntries,
  addonDeleteLoss,
  addonInputsFromApi,
  addonOutputs,
  addonReplacementLoss,
  connectionVariable,
  defaultAddonVariables,
  isMissing,
  keepsAddon,
  MISSING,
  missingAddonLoss,
  shortProviderId,
} from "./addon-mappers";
import { catalogPlans } from "./catalog";
import type { ScalingoClient } from "./client";
import { scalingoError, scalingoInitError } from "./errors";
import { knownEmpty, writing } from "./new-apps";
import { createOnceWith, poll } from "./operations";
import { appChildDiff, scalingoResource } from "./resource";
import {
  type AddonInputs,
  type ApiAddon,
  addonCreatedSchema,
  addonInputsSchema,
  addonSchema,
  variableSchema,
} from "./schemas";
import type { ScalingoProvider, Settings } from "./settings";

/**
 * Terraform's ForceNew (`app`, `providerId`), plus `version` when it changes from one value to another. A
 * replacement (only ever allowed by the data-loss permission) deletes the old add-on first: an app holds at
 * most one add-on per provider, so Scalingo would refuse the new one while the old one exists.
 */
const ADDON_DIFF: DiffDeclaration = {
  ...appChildDiff(["provider", "plan", "version"], ["provider", "version"]),
  keeps: keepsAddon,
  deleteBeforeReplace: (replaces) => replaces.length > 0,
};

/**
 * Check and diff of an Addon: a plan change upgrades in place; a replacement needs the permission; a new plan
 * is looked up in the catalog.
 */
const ADDON = scalingoResource({
  kind: "Addon",
  key: "provider",
  inputs: addonInputsSchema,
  what: (inputs) => `${inputs.provider} add-on of app ${inputs.appId}`,
  diff: ADDON_DIFF,
  catalog: addonCatalogEntries,
});

/** The app's add-ons. @see https://developers.scalingo.com/addons#list-application-addons */
export async function listAddons(client: ScalingoClient, op: string, appId: string): Promise<ApiAddon[]> {
  const { z } = client;
  const path = `/v1/apps/${appId}/addons`;
  return (await client.request({ op, method: "GET", path, root: "addons", schema: z.array(addonSchema(z)) }))
    .data;
}

async function findByProvider(client: ScalingoClient, op: string, inputs: AddonInputs) {
  return (await listAddons(client, op, inputs.appId)).find(
    (a) => shortProviderId(a.addon_provider.id) === inputs.provider,
  );
}

/** The add-on `id` of the app, or `undefined` when it is gone. */
async function findAddon(client: ScalingoClient, op: string, appId: string, id: string) {
  const path = `/v1/apps/${appId}/addons/${id}`;
  return client.lookup({ op, path, root: "addon", schema: addonSchema(client.z) });
}

/** The plan ID for a plan name. @see https://developers.scalingo.com/addon_providers */
async function planIdOf(client: ScalingoClient, op: string, inputs: AddonInputs): Promise<string> {
  const plans = await catalogPlans(client, op, inputs.provider);
  const plan = plans.find((p) => p.name === inputs.plan);
  if (plan === undefined) {
    const known = plans.map((p) => p.name).join(", ");
    throw scalingoError(`${op}: \`plan\` must be one of ${known} (got "${inputs.plan}")`);
  }
  return plan.id;
}

/**
 * Provisioning and plan changes are asynchronous: wait for `running`, with a deadline. The probe reads the app's
 * add-on list rather than the add-on: the add-ons of one app waiting together probe it at the same instants
 * (`clock`) and share each request (`base/single-flight.ts`).
 */
async function waitRunning(client: ScalingoClient, op: string, addon: ApiAddon): Promise<ApiAddon> {
  const appId = addon.app_id ?? "";
  return poll(client, {
    what: `${op}: waiting for the add-on to be running`,
    clock: `GET ${client.region} /v1/apps/${appId}/addons`,
    known: addon,
    probe: async () => {
      const listed = await undefinedIf404(listAddons(client, op, appId));
      const now = listed?.find((a) => a.id === addon.id);
      if (now === undefined)
        throw scalingoError(`${op}: the add-on ${addon.id} disappeared while provisioning`);
      return { ...now, app_id: appId };
    },
    done: (a) => a.status === "running",
    state: (a) => a.status,
    failure: (a) => (a.status === "suspended" ? "the add-on is suspended (check billing)" : undefined),
  });
}

/** Change the plan when it differs, then wait until the add-on runs again. */
async function convergePlan(client: ScalingoClient, op: string, addon: ApiAddon, inputs: AddonInputs) {
  const withApp = { ...addon, app_id: inputs.appId };
  if (addon.plan.name === inputs.plan) return waitRunning(client, op, withApp);
  const body = { addon: { plan_id: await planIdOf(client, op, inputs) } };
  const path = `/v1/apps/${inputs.appId}/addons/${addon.id}`;
  const reply = await client.request({
    op,
    method: "PATCH",
    path,
    body,
    root: "addon",
    schema: addonSchema(client.z),
  });
  return waitRunning(client, op, { ...reply.data, app_id: inputs.appId });
}

/** The value of the app's variable `name`, raw (`aliases=true`) or resolved; empty when it is missing. */
async function variableValue(client: ScalingoClient, op: string, appId: string, name: string, raw: boolean) {
  const { z } = client;
  const path = `/v1/apps/${appId}/variables`;
  const query = { aliases: String(raw) };
  const schema = z.array(variableSchema(z));
  const vars = (await client.request({ op, method: "GET", path, query, root: "variables", schema })).data;
  return vars.find((v) => v.name === name)?.value ?? "";
}

/**
 * The connection URL; empty when the variable is missing. Read raw, as the Variables resource reads the app's
 * variables, so that a refresh reads them once: the add-on's own variable holds the URL itself. Should it hold
 * an alias (`$OTHER`, set by hand), it is read again resolved.
 */
async function connectionUrl(
  client: ScalingoClient,
  op: string,
  inputs: AddonInputs,
  names: readonly string[],
) {
  const name = connectionVariable(inputs.provider, names);
  const raw = await variableValue(client, op, inputs.appId, name, true);
  return raw.startsWith("$") ? variableValue(client, op, inputs.appId, name, false) : raw;
}

/** Provision the add-on once, even after a lost response. @see https://developers.scalingo.com/addons */
async function provision(client: ScalingoClient, op: string, inputs: AddonInputs) {
  const planId = await planIdOf(client, op, inputs);
  const options = inputs.version === undefined ? {} : { options: { version: inputs.version } };
  const body = { addon: { addon_provider_id: inputs.provider, plan_id: planId, ...options } };
  const path = `/v1/apps/${inputs.appId}/addons`;
  const schema = addonCreatedSchema(client.z);
  writing(client, inputs.appId, `addons/${inputs.provider}`);
  return createOnceWith(
    client,
    async () => {
      const reply = await client.request({ op, method: "POST", path, body, schema });
      return { addon: reply.data.addon, variables: reply.data.variables };
    },
    async () => {
      const addon = await findByProvider(client, op, inputs);
      return addon === undefined ? undefined : { addon, variables: undefined };
    },
  );
}

/** The adoption refusal: the app already has an add-on of this provider. */
const clashMessage = (op: string, inputs: AddonInputs, existing: ApiAddon) =>
  `${op}: the app already has a ${inputs.provider} add-on (${existing.id}). To manage it with paasenv, ` +
  "set `adopt: true` on this resource (or `pulumi config set scalingo:adoptExisting true`) and run " +
  "`pulumi up` again.";

/** The dynamic provider behind {@link Addon}. */
export const addonProvider: ScalingoProvider = keepingObjects<Settings>({
  ...providerMethods(ADDON),

  /** A replacement, or re-creating a `missing` add-on empty, is refused unless the permission names it. */
  async diff(id: string, olds: Bag, news: Bag) {
    const missing = isMissing(olds);
    const outcome = missing
      ? { changes: true, replaces: ["status"], deleteBeforeReplace: true }
      : diffInputs(ADDON_DIFF, olds, news);
    if (outcome.replaces.length === 0) return outcome;
    const loss = missing
      ? missingAddonLoss(id, olds)
      : addonReplacementLoss(id, olds, news, outcome.replaces);
    const message = refusal(loss.statement, [loss.loss], permitsOf(this), "up");
    if (message !== undefined) throw scalingoError(message);
    return outcome;
  },

  async create(raw) {
    const { inputs, op, client } = await begin(this, "create", raw, ADDON);
    const empty = knownEmpty(client, inputs.appId, `addons/${inputs.provider}`);
    const existing = empty ? undefined : await findByProvider(client, op, inputs);
    if (existing !== undefined && !(inputs.adopt ?? client.settings.adoptExisting)) {
      throw scalingoError(clashMessage(op, inputs, existing), { status: 422 });
    }
    const made =
      existing === undefined ? await provision(client, op, inputs) : { addon: existing, variables: [] };
    const names = made.variables?.length ? made.variables : defaultAddonVariables(inputs.provider);
    try {
      const addon = await convergePlan(client, op, made.addon, inputs);
      const url = await connectionUrl(client, op, inputs, names);
      return { id: addon.id, outs: addonOutputs(inputs, addon, names, url) };
    } catch (error) {
      const properties = { ...addonOutputs(inputs, made.addon, names, ""), __provider: raw.__provider };
      throw scalingoInitError(error, made.addon.id, properties);
    }
  },

  async read(id, stored) {
    const props = stored ?? {};
    const { z, state, op, client } = await beginFromState(this, "read", props, ADDON);
    // From the app's list (gone with the app: 404), which the app's other add-ons read at the same time share.
    const listed = await undefinedIf404(listAddons(client, op, state.appId));
    const addon = listed?.find((a) => a.id === id);
    // Gone (deleted outside paasenv): keep the record, marked, so the next `up` says so instead of quietly
    // creating an empty add-on in its place.
    if (addon === undefined) return { id, props: { ...props, status: MISSING }, inputs: state };
    const names =
      z.array(z.string()).safeParse(props.variableNames).data ?? defaultAddonVariables(state.provider);
    const inputs = addonInputsFromApi(state, addon);
    const url = await connectionUrl(client, op, inputs, names);
    return { id, props: addonOutputs(inputs, addon, names, url), inputs };
  },

  async update(id, olds, news) {
    const { z, inputs, op, client } = await begin(this, "update", news, ADDON);
    const current = await findAddon(client, op, inputs.appId, id);
    if (current === undefined) {
      throw scalingoError(
        `${op}: add-on ${id} no longer exists on Scalingo (deleted outside paasenv?); run \`pulumi refresh\` ` +
          "to record it, then `pulumi up` says what replacing it takes",
      );
    }
    const names =
      z.array(z.string()).safeParse(olds.variableNames).data ?? defaultAddonVariables(inputs.provider);
    const addon = await convergePlan(client, op, current, inputs);
    return { outs: addonOutputs(inputs, addon, names, await connectionUrl(client, op, inputs, names)) };
  },

  async delete(id, props) {
    const { state, op, client } = await beginFromState(this, "delete", props, ADDON);
    const loss = addonDeleteLoss(op, id, state);
    const message = refusal(loss.statement, [loss.loss], permitsOf(this), "delete");
    if (message !== undefined) throw scalingoError(message);
    await client.remove({ op, path: `/v1/apps/${state.appId}/addons/${id}` });
  },
});
