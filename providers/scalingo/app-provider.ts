/**
 * `App`: a Scalingo application. Rename in place; a region change replaces it (and with it everything stored
 * in it). Settings (`forceHttps`, `routerLogs`, `stickySession`, `stack`) converge in place.
 * @see https://developers.scalingo.com/apps
 *
 * This file is the implementation the provider host runs; the class a program declares is in `app.ts`.
 */
import { isDataKey, type Loss, permitsOf, refusal, unpermitted } from "../base/data-loss";
import { diffInputs } from "../base/diff";
import { errorStatus, undefinedIf404 } from "../base/errors";
import type { Bag } from "../base/inputs";
import { keepingObjects } from "../base/kept-objects";
import { begin, beginFromState, providerMethods } from "../base/resource";
import { shortProviderId } from "./addon-mappers";
import { listAddons } from "./addon-provider";
import {
  appCatalogEntries,
  appInputsFromApi,
  appOutputs,
  appReplacementLoss,
  appSettingsChanges,
  appSettingsPayload,
  sameAddons,
} from "./app-mappers";
import { catalogStacks } from "./catalog";
import type { ScalingoClient } from "./client";
import { scalingoError, scalingoInitError } from "./errors";
import { markNewApp } from "./new-apps";
import { createOnceWith } from "./operations";
import { scalingoResource } from "./resource";
import { type ApiAddon, type ApiApp, type AppInputs, appInputsSchema, appSchema } from "./schemas";
import type { ScalingoProvider, Settings } from "./settings";

/**
 * Check and diff of an App: a rename is in place; a region change replaces it (Terraform's ForceNew). `check`
 * looks a new stack and new add-on plans up in the catalog (`addonPlans` and `configKeys` are never diffed).
 * `addons` is recorded (an update without any API write) so that a later replacement knows what it would lose.
 */
const APP = scalingoResource({
  kind: "App",
  key: "name",
  inputs: appInputsSchema,
  what: (inputs) => `app "${inputs.name}"`,
  diff: {
    fields: [
      "name",
      "region",
      "stack",
      "forceHttps",
      "routerLogs",
      "stickySession",
      "addons",
      "providerVersion",
    ],
    replaceOn: ["region"],
    same: { addons: sameAddons },
  },
  catalog: appCatalogEntries,
});

async function findApp(client: ScalingoClient, op: string, idOrName: string): Promise<ApiApp | undefined> {
  return client.lookup({ op, path: `/v1/apps/${idOrName}`, root: "app", schema: appSchema(client.z) });
}

async function getApp(client: ScalingoClient, op: string, id: string): Promise<ApiApp> {
  const app = await findApp(client, op, id);
  if (app === undefined) {
    throw scalingoError(`${op}: app ${id} no longer exists on Scalingo; run \`pulumi refresh\` to forget it`);
  }
  return app;
}

async function stackIdOf(
  client: ScalingoClient,
  op: string,
  name: string | undefined,
): Promise<string | undefined> {
  if (name === undefined) return undefined;
  const stacks = await catalogStacks(client, op);
  const found = stacks.find((s) => s.name === name || s.id === name);
  if (found === undefined) {
    const known = stacks.map((s) => s.name).join(", ");
    throw scalingoError(`${op}: \`stack\` must be one of ${known} (got "${name}")`);
  }
  return found.id;
}

/** @see https://developers.scalingo.com/apps#create-an-application */
async function postApp(client: ScalingoClient, op: string, name: string, stackId: string | undefined) {
  const body = { app: { name, ...(stackId === undefined ? {} : { stack_id: stackId }) } };
  const reply = await client.request({
    op,
    method: "POST",
    path: "/v1/apps",
    body,
    root: "app",
    schema: appSchema(client.z),
  });
  return reply.data;
}

/** Bring settings to the declared values: one PATCH with what differs, none when nothing does. */
async function converge(
  client: ScalingoClient,
  op: string,
  app: ApiApp,
  inputs: AppInputs,
  stackId?: string,
) {
  const changes = appSettingsChanges(app, appSettingsPayload(inputs, stackId));
  if (Object.keys(changes).length === 0) return app;
  const reply = await client.request({
    op,
    method: "PATCH",
    path: `/v1/apps/${app.id}`,
    body: { app: changes },
    root: "app",
    schema: appSchema(client.z),
  });
  return reply.data;
}

/** Rename through `POST /rename`; after a lost response the app is read back instead of renaming twice. */
async function rename(client: ScalingoClient, op: string, app: ApiApp, newName: string): Promise<ApiApp> {
  const path = `/v1/apps/${app.id}/rename`;
  const body = { current_name: app.name, new_name: newName };
  const schema = appSchema(client.z);
  return createOnceWith(
    client,
    async () => (await client.request({ op, method: "POST", path, body, root: "app", schema })).data,
    async () => {
      const now = await findApp(client, op, app.id);
      return now?.name === newName ? now : undefined;
    },
  );
}

const clashMessage = (op: string, name: string, region: string) =>
  `${op}: an app named "${name}" already exists in ${region}. To manage it with paasenv, set \`adopt: true\` on ` +
  "this resource (or `pulumi config set scalingo:adoptExisting true`) and run `pulumi up` again; " +
  "otherwise choose another name.";

/**
 * The name of the app's stack, for `read`: the recorded one while the stack ID is the recorded one, else looked
 * up in the catalog (changed outside paasenv).
 */
async function readStackName(
  client: ScalingoClient,
  op: string,
  inputs: AppInputs,
  app: ApiApp,
  recordedStackId: unknown,
) {
  if (inputs.stack === undefined || app.stack_id === undefined || app.stack_id === null) return undefined;
  if (app.stack_id === recordedStackId) return inputs.stack;
  return (await catalogStacks(client, op)).find((s) => s.id === app.stack_id)?.name;
}

/**
 * Deleting an app deletes its add-ons: refused while it holds any, unless the permission names the app or
 * every add-on it holds. (A destroy skips the add-ons' own deletes, `deletedWith` the app, so the add-on
 * entries the environment's guard asks for must be enough here.)
 * @see https://developers.scalingo.com/apps#delete-an-application
 */
function refuseDeletingData(provider: ScalingoProvider, op: string, appId: string, addons: ApiAddon[]) {
  if (addons.length === 0) return;
  const addonLosses = addons.flatMap((addon): Loss[] => {
    const key = `addons.${shortProviderId(addon.addon_provider.id)}`;
    return isDataKey(key) ? [{ resource: key, id: addon.id }] : [];
  });
  const everyAddonPermitted =
    addonLosses.length === addons.length && unpermitted(addonLosses, permitsOf(provider)).length === 0;
  if (everyAddonPermitted) return;
  const held = addons.map((addon) => `${shortProviderId(addon.addon_provider.id)} add-on ${addon.id}`);
  const statement = `${op}: the app still holds the ${held.join(" and the ")}, which Scalingo deletes with it`;
  const loss: Loss = { resource: "app", id: appId };
  const message = refusal(statement, [loss], permitsOf(provider), "delete");
  if (message !== undefined) throw scalingoError(message);
}

/**
 * `DELETE` wants the app's current name as confirmation: the recorded one, or, when Scalingo says it no longer
 * matches (renamed elsewhere: 422 on `current_name` at the emulator; the real status is undocumented, so 400 too),
 * the name read back.
 */
async function deleteApp(client: ScalingoClient, op: string, id: string, recorded: string) {
  const path = `/v1/apps/${id}`;
  try {
    await client.remove({ op, path, query: { current_name: recorded } });
  } catch (error) {
    const status = errorStatus(error);
    if (status !== 400 && status !== 422) throw error;
    const app = await findApp(client, op, id);
    if (app === undefined) return;
    if (app.name === recorded) throw error;
    await client.remove({ op, path, query: { current_name: app.name } });
  }
}

/** The dynamic provider behind {@link App}. */
export const appProvider: ScalingoProvider = keepingObjects<Settings>({
  ...providerMethods(APP),

  /** A replacement of an app that holds add-ons is refused before anything is created, unless permitted. */
  async diff(id: string, olds: Bag, news: Bag) {
    const outcome = diffInputs(APP.diff, olds, news);
    if (outcome.replaces.length === 0) return outcome;
    const loss = appReplacementLoss(id, olds, news, outcome.replaces);
    const message = loss && refusal(loss.statement, [loss.loss], permitsOf(this), "up");
    if (message !== undefined) throw scalingoError(message);
    return outcome;
  },

  async create(raw) {
    const { inputs, op, client } = await begin(this, "create", raw, APP);
    const existing = await findApp(client, op, inputs.name);
    if (existing !== undefined && !(inputs.adopt ?? client.settings.adoptExisting)) {
      throw scalingoError(clashMessage(op, inputs.name, inputs.region), { status: 422 });
    }
    const stackId = await stackIdOf(client, op, inputs.stack);
    const app =
      existing ??
      (await createOnceWith(
        client,
        async () => {
          const created = await postApp(client, op, inputs.name, stackId);
          markNewApp(client, created.id);
          return created;
        },
        () => findApp(client, op, inputs.name),
      ));
    try {
      return { id: app.id, outs: appOutputs(inputs, await converge(client, op, app, inputs, stackId)) };
    } catch (error) {
      throw scalingoInitError(error, app.id, { ...appOutputs(inputs, app), __provider: raw.__provider });
    }
  },

  async read(id, stored) {
    const { state, op, client } = await beginFromState(this, "read", stored ?? {}, APP);
    const app = await findApp(client, op, id);
    if (app === undefined) return {};
    const stackName = await readStackName(client, op, state, app, stored?.stackId);
    const inputs = appInputsFromApi(state, app, stackName);
    return { id, props: appOutputs(inputs, app), inputs };
  },

  async update(id, _olds, news) {
    const { inputs, op, client } = await begin(this, "update", news, APP);
    const current = await getApp(client, op, id);
    const renamed = current.name === inputs.name ? current : await rename(client, op, current, inputs.name);
    const app = await converge(client, op, renamed, inputs, await stackIdOf(client, op, inputs.stack));
    return { outs: appOutputs(inputs, app) };
  },

  /**
   * With the app itself named in the permission, it goes whatever it holds: no look at its add-ons first (the
   * DELETE's 404 says it is already gone). Else the add-on list says what it holds, and whether it is still
   * there (404).
   */
  async delete(id, props) {
    const { state, op, client } = await beginFromState(this, "delete", props, APP);
    if (unpermitted([{ resource: "app", id }], permitsOf(this)).length > 0) {
      const addons = await undefinedIf404(listAddons(client, op, id));
      if (addons === undefined) return;
      refuseDeletingData(this, op, id, addons);
    }
    await deleteApp(client, op, id, state.name);
  },
});
