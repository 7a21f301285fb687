/**
 * `DatabaseSettings`: periodic backups, maintenance window and features of a database, through the Database
 * API with the add-on's own token (`database-api.ts`). A refresh reads the database once.
 * @see https://developers.scalingo.com/databases/databases
 *
 * This file is the implementation the provider host runs; the class a program declares is in
 * `database-settings.ts`.
 */
import { undefinedIf404 } from "../base/errors";
import { begin, beginFromState, providerMethods } from "../base/resource";
import type { ScalingoClient } from "./client";
import { type DatabaseTarget, databaseRequest } from "./database-api";
import {
  type ApiDatabase,
  type DatabaseSettingsInputs,
  databaseSchema,
  databaseSettingsInputsSchema,
} from "./database-schemas";
import {
  featureFailure,
  featurePlan,
  featuresSettled,
  settingsChanges,
  settingsFromApi,
  settingsOutputs,
} from "./database-settings-mappers";
import { poll } from "./operations";
import { appChildDiff, scalingoResource } from "./resource";
import type { ScalingoProvider } from "./settings";

/** Check and diff: settings change in place; another database is another set of settings. */
const DATABASE_SETTINGS = scalingoResource({
  kind: "DatabaseSettings",
  key: "addonId",
  inputs: databaseSettingsInputsSchema,
  what: (inputs) => `settings of database ${inputs.addonId}`,
  diff: appChildDiff(["addonId", "backups", "maintenanceWindow", "features"], ["addonId"]),
});

const targetOf = (inputs: DatabaseSettingsInputs): DatabaseTarget => ({
  appId: inputs.appId,
  addonId: inputs.addonId,
});

/** `GET /api/databases/:id`. @see https://developers.scalingo.com/databases/databases#retrieve-database-information */
async function getDatabase(client: ScalingoClient, op: string, target: DatabaseTarget): Promise<ApiDatabase> {
  const path = `/api/databases/${target.addonId}`;
  const schema = databaseSchema(client.z);
  return (await databaseRequest(client, target, { op, method: "GET", path, root: "database", schema })).data;
}

/** Enable and disable declared features (a name removed from the list is disabled), then wait until they are `ACTIVATED` or gone. */
async function convergeFeatures(
  client: ScalingoClient,
  op: string,
  inputs: DatabaseSettingsInputs,
  previous: readonly string[],
  db: ApiDatabase,
): Promise<ApiDatabase> {
  // Without `features`, features are not managed: none is enabled or disabled, not even one declared before.
  if (inputs.features === undefined) return db;
  const target = targetOf(inputs);
  const wanted = inputs.features;
  const plan = featurePlan(previous, wanted, db);
  const path = `/api/databases/${inputs.addonId}/features`;
  for (const name of plan.enable) {
    await databaseRequest(client, target, { op, method: "POST", path, body: { feature: { name } } });
  }
  for (const name of plan.disable) {
    await undefinedIf404(
      databaseRequest(client, target, { op, method: "DELETE", path, query: { feature: name } }),
    );
  }
  if (plan.enable.length + plan.disable.length === 0) return db;
  return poll(client, {
    what: `${op}: waiting for features ${[...plan.enable, ...plan.disable].join(", ")}`,
    probe: () => getDatabase(client, op, target),
    done: (now) => featuresSettled(wanted, plan.disable, now),
    failure: (now) => featureFailure(plan.enable, now),
  });
}

/** Bring the database to the declared settings: one PATCH with what differs, then the features. */
async function converge(
  client: ScalingoClient,
  op: string,
  inputs: DatabaseSettingsInputs,
  previous: readonly string[],
): Promise<ApiDatabase> {
  const target = targetOf(inputs);
  let db = await getDatabase(client, op, target);
  const changes = settingsChanges(inputs, db);
  if (Object.keys(changes).length > 0) {
    const path = `/api/databases/${inputs.addonId}`;
    const schema = databaseSchema(client.z);
    const body = { database: changes };
    db = (
      await databaseRequest(client, target, { op, method: "PATCH", path, body, root: "database", schema })
    ).data;
  }
  return convergeFeatures(client, op, inputs, previous, db);
}

/** The dynamic provider behind {@link DatabaseSettings}. */
export const databaseSettingsProvider: ScalingoProvider = {
  ...providerMethods(DATABASE_SETTINGS),

  async create(raw) {
    const { inputs, op, client } = await begin(this, "create", raw, DATABASE_SETTINGS);
    const db = await converge(client, op, inputs, []);
    return { id: `${inputs.addonId}/settings`, outs: settingsOutputs(inputs, db) };
  },

  async read(id, stored) {
    const { state, op, client } = await beginFromState(this, "read", stored ?? {}, DATABASE_SETTINGS);
    const db = await undefinedIf404(getDatabase(client, op, targetOf(state)));
    if (db === undefined) return {};
    const inputs = settingsFromApi(state, db);
    return { id, props: settingsOutputs(inputs, db), inputs };
  },

  async update(_id, olds, news) {
    const { z, inputs, op, client } = await begin(this, "update", news, DATABASE_SETTINGS);
    const previous = z.array(z.string()).safeParse(olds.features).data ?? [];
    return { outs: settingsOutputs(inputs, await converge(client, op, inputs, previous)) };
  },

  /** Leaves the settings as they are: deleting the resource must not turn a database's backups off. */
  async delete() {},
};
