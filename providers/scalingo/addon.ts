/**
 * `Addon`: a PostgreSQL or Redis add-on of an app. A plan change is an in-place upgrade; a change of provider,
 * app, region or version replaces the add-on and **destroys its data**, so `check` refuses it unless
 * `allowReplace` is true.
 * @see https://developers.scalingo.com/addons
 */
import * as pulumi from "@pulumi/pulumi";
import {
  configureSession,
  createOnce,
  initError,
  pollUntil,
  type ScalingoClient,
  type ScalingoProvider,
  scalingoClient,
} from "./http";
import {
  addonInputsFromApi,
  addonOutputs,
  appIdOnlyUnknown,
  type Bag,
  checkInputs,
  connectionVariable,
  containsUnknown,
  defaultAddonVariables,
  diffFields,
  parseInputs,
  scalingoError,
  shortProviderId,
  withDefaultRegion,
} from "./mappers";
import {
  type AddonInputs,
  type ApiAddon,
  addonCreatedSchema,
  addonInputsSchema,
  addonSchema,
  planSchema,
  variableSchema,
  type Zod,
} from "./schemas";

/** Bump when the CRUD logic changes, so `up` rewrites the code stored in state. */
export const ADDON_PROVIDER_VERSION = "1";

const DIFF_FIELDS = ["appId", "region", "provider", "plan", "version", "providerVersion"];
/** Terraform's ForceNew (`app`, `providerId`); `version` too, when it changes from one value to another. */
const REPLACE_ON = ["appId", "region", "provider", "version"];

/**
 * The fields whose change replaces the add-on. `version` only applies at provisioning: setting or removing it
 * later is recorded without action, changing it from one version to another needs a new database.
 */
export function replacedFields(olds: Bag, news: Bag): string[] {
  const norm = (f: string, v: unknown) =>
    f === "provider" && typeof v === "string" ? shortProviderId(v) : v;
  return REPLACE_ON.filter((f) => {
    if (f === "version" && (olds[f] === undefined || news[f] === undefined)) return false;
    if (appIdOnlyUnknown(f, olds, news)) return false;
    return containsUnknown(news[f]) || norm(f, olds[f]) !== norm(f, news[f]);
  });
}

/** Arguments of an {@link Addon}. */
export interface AddonArgs {
  /** The app's ID (`App.appId`): a rename of the app replaces nothing. */
  appId: pulumi.Input<string>;
  /** The app's region. @example `"osc-fr1"` */
  region: pulumi.Input<string>;
  /**
   * The add-on provider; the legacy `scalingo-` spellings are accepted. Changing it replaces the add-on.
   * @example `"postgresql"`
   */
  provider: pulumi.Input<"postgresql" | "redis" | "scalingo-postgresql" | "scalingo-redis">;
  /**
   * The plan by name ([plans](https://scalingo.com/databases/pricing)); a change upgrades in place.
   * @example `"postgresql-starter-512"`
   */
  plan: pulumi.Input<string>;
  /** The database version at provisioning; a later change replaces the add-on. @example `"16"` */
  version?: pulumi.Input<string>;
  /**
   * Allow a change that replaces the add-on (provider, app, region, version) and so destroys its data. Fed from
   * `paasenv:allowDataLoss`.
   * @default `false`
   */
  allowReplace?: pulumi.Input<boolean>;
  /** Take over the app's existing add-on of this provider instead of failing. @default `false` */
  adopt?: pulumi.Input<boolean>;
}

/** Outputs of an {@link Addon} (besides its inputs). */
export type AddonOutputs = ReturnType<typeof addonOutputs>;

const label = (news: Bag) => `Addon "${String(news.resourceName ?? news.provider)}"`;
const what = (inputs: AddonInputs) => `${inputs.provider} add-on of app ${inputs.appId}`;

/** Replacements destroy data: `check` refuses them unless `allowReplace` (olds are known there). */
function refuseReplacement(olds: Bag, inputs: Bag, name: string) {
  if (olds.provider === undefined || inputs.allowReplace === true) return [];
  return replacedFields(olds, inputs)
    .filter((f) => !containsUnknown(inputs[f]) && !containsUnknown(olds[f]))
    .map((f) => ({
      property: f,
      reason:
        `${name}: changing \`${f}\` from "${String(olds[f])}" to "${String(inputs[f])}" replaces the add-on and ` +
        "destroys its data. Back it up first, then set `allowReplace: true` (paasenv:allowDataLoss) to allow it.",
    }));
}

async function listAddons(client: ScalingoClient, op: string, appId: string): Promise<ApiAddon[]> {
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

async function findAddon(client: ScalingoClient, op: string, appId: string, id: string) {
  const path = `/v1/apps/${appId}/addons/${id}`;
  return client.lookup({ op, path, root: "addon", schema: addonSchema(client.z) });
}

/** The plan ID for a plan name. @see https://developers.scalingo.com/addon_providers */
async function planIdOf(client: ScalingoClient, op: string, inputs: AddonInputs): Promise<string> {
  const { z } = client;
  const path = `/v1/addon_providers/${inputs.provider}/plans`;
  const plans = (
    await client.request({ op, method: "GET", path, root: "plans", schema: z.array(planSchema(z)) })
  ).data;
  const plan = plans.find((p) => p.name === inputs.plan);
  if (plan === undefined) {
    const known = plans.map((p) => p.name).join(", ");
    throw scalingoError(`${op}: \`plan\` must be one of ${known} (got "${inputs.plan}")`);
  }
  return plan.id;
}

/** Provisioning and plan changes are asynchronous: wait for `running`, with a deadline. */
async function waitRunning(client: ScalingoClient, op: string, addon: ApiAddon): Promise<ApiAddon> {
  return pollUntil({
    what: `${op}: waiting for the add-on to be running`,
    timeoutMs: client.settings.operationTimeoutMs,
    intervalMs: client.settings.pollIntervalMs,
    probe: async () => {
      if (addon.status === "running") return addon;
      const now = await findAddon(client, op, addon.app_id ?? "", addon.id);
      if (now === undefined)
        throw scalingoError(`${op}: the add-on ${addon.id} disappeared while provisioning`);
      return now;
    },
    done: (a) => a.status === "running",
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

/** The connection URL, resolved (`aliases=false`); empty when the variable is missing. */
async function connectionUrl(
  client: ScalingoClient,
  op: string,
  inputs: AddonInputs,
  names: readonly string[],
) {
  const { z } = client;
  const path = `/v1/apps/${inputs.appId}/variables`;
  const schema = z.array(variableSchema(z));
  const vars = (
    await client.request({ op, method: "GET", path, query: { aliases: "false" }, root: "variables", schema })
  ).data;
  return vars.find((v) => v.name === connectionVariable(inputs.provider, names))?.value ?? "";
}

async function provision(client: ScalingoClient, op: string, inputs: AddonInputs) {
  const planId = await planIdOf(client, op, inputs);
  const options = inputs.version === undefined ? {} : { options: { version: inputs.version } };
  const body = { addon: { addon_provider_id: inputs.provider, plan_id: planId, ...options } };
  return createOnce({
    attempts: client.settings.createAttempts,
    delayMs: (n) => client.settings.retryBaseMs * 2 ** n,
    create: async () => {
      const path = `/v1/apps/${inputs.appId}/addons`;
      const reply = await client.request({
        op,
        method: "POST",
        path,
        body,
        schema: addonCreatedSchema(client.z),
      });
      return { addon: reply.data.addon, variables: reply.data.variables };
    },
    lookup: async () => {
      const addon = await findByProvider(client, op, inputs);
      return addon === undefined ? undefined : { addon, variables: undefined };
    },
  });
}

/** The dynamic provider behind {@link Addon}. */
export const addonProvider: ScalingoProvider = {
  async configure(req) {
    configureSession(this, (key) => req.config.get(key));
  },

  async check(olds, news) {
    const { z }: { z: Zod } = require("zod");
    const checked = checkInputs(addonInputsSchema(z), withDefaultRegion(news, this), label(news));
    if (checked.failures.length > 0) return checked;
    return { inputs: checked.inputs, failures: refuseReplacement(olds, checked.inputs, label(news)) };
  },

  /**
   * A replacement (only ever allowed by `allowReplace`, see `check`) deletes the old add-on first: an app holds at
   * most one add-on per provider, so Scalingo would refuse the new one while the old one exists.
   */
  async diff(_id, olds, news) {
    const { changes } = diffFields(olds, news, DIFF_FIELDS, []);
    const replaces = changes ? replacedFields(olds, news) : [];
    return { changes, replaces, deleteBeforeReplace: replaces.length > 0 };
  },

  async create(raw) {
    const { z }: { z: Zod } = require("zod");
    const inputs = parseInputs(addonInputsSchema(z), raw, label(raw));
    const op = `create ${what(inputs)}`;
    const client = await scalingoClient(this, inputs.region);
    const existing = await findByProvider(client, op, inputs);
    if (existing !== undefined && !(inputs.adopt ?? client.settings.adoptExisting)) {
      throw scalingoError(
        `${op}: the app already has a ${inputs.provider} add-on (${existing.id}). To manage it with paasenv, ` +
          "set `adopt: true` on this resource (or `pulumi config set scalingo:adoptExisting true`) and run " +
          "`pulumi up` again.",
        { status: 422 },
      );
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
      throw initError(error, made.addon.id, properties);
    }
  },

  async read(id, stored) {
    const { z }: { z: Zod } = require("zod");
    const props = stored ?? {};
    const previous = parseInputs(addonInputsSchema(z), props, label(props));
    const op = `read ${what(previous)}`;
    const client = await scalingoClient(this, previous.region);
    const addon = await findAddon(client, op, previous.appId, id);
    if (addon === undefined) return {};
    const names =
      z.array(z.string()).safeParse(props.variableNames).data ?? defaultAddonVariables(previous.provider);
    const inputs = addonInputsFromApi(previous, addon);
    const url = await connectionUrl(client, op, inputs, names);
    return { id, props: addonOutputs(inputs, addon, names, url), inputs };
  },

  async update(id, olds, news) {
    const { z }: { z: Zod } = require("zod");
    const inputs = parseInputs(addonInputsSchema(z), news, label(news));
    const op = `update ${what(inputs)}`;
    const client = await scalingoClient(this, inputs.region);
    const current = await findAddon(client, op, inputs.appId, id);
    if (current === undefined) {
      throw scalingoError(
        `${op}: add-on ${id} no longer exists on Scalingo; run \`pulumi refresh\` to forget it`,
      );
    }
    const names =
      z.array(z.string()).safeParse(olds.variableNames).data ?? defaultAddonVariables(inputs.provider);
    const addon = await convergePlan(client, op, current, inputs);
    return { outs: addonOutputs(inputs, addon, names, await connectionUrl(client, op, inputs, names)) };
  },

  async delete(id, props) {
    const { z }: { z: Zod } = require("zod");
    const previous = parseInputs(addonInputsSchema(z), props, label(props));
    const op = `delete ${what(previous)}`;
    const client = await scalingoClient(this, previous.region);
    const path = `/v1/apps/${previous.appId}/addons/${id}`;
    await client.remove({ op, path });
  },
};

/**
 * A database add-on of a Scalingo app. `connectionUrl` is a secret output.
 *
 * @example
 * ```ts
 * const db = new Addon("shop-postgresql", {
 *   appId: app.appId, region: "osc-fr1", provider: "postgresql", plan: "postgresql-starter-512",
 * }, { protect: true });
 * ```
 */
export class Addon extends pulumi.dynamic.Resource {
  /** The add-on ID (also the Database API's database ID). */
  declare readonly addonId: pulumi.Output<string>;
  /** The database resource ID (user and database name). */
  declare readonly resourceId: pulumi.Output<string>;
  /** Variables the add-on injected into the app (`SCALINGO_POSTGRESQL_URL`, `DATABASE_URL`, …). */
  declare readonly variableNames: pulumi.Output<string[]>;
  /** The connection URL (secret). */
  declare readonly connectionUrl: pulumi.Output<string>;
  /** `provisioning`, `running` or `suspended`. */
  declare readonly status: pulumi.Output<string>;

  constructor(name: string, args: AddonArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = {
      addonId: undefined,
      resourceId: undefined,
      variableNames: undefined,
      connectionUrl: undefined,
    };
    const props = {
      ...outputs,
      status: undefined,
      ...args,
      providerVersion: ADDON_PROVIDER_VERSION,
      resourceName: name,
    };
    const secrets = [...(opts?.additionalSecretOutputs ?? []), "connectionUrl"];
    super(addonProvider, name, props, { ...opts, additionalSecretOutputs: secrets }, "scalingo", "Addon");
  }
}
