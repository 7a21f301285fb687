import { requireApp } from "./apps";
import type { ProviderSpec } from "./catalog";
import { ADDON_CATEGORIES, findProvider, PROVIDERS, providerJson } from "./catalog";
import type { Ctx, Reply } from "./http";
import {
  asRecord,
  created,
  fail,
  invalid,
  noContent,
  notFound,
  ok,
  optionalString,
  requiredString,
  wrapped,
} from "./http";
import { iso, secretFor } from "./ids";
import type { Route } from "./router";
import type { Addon, AppState, DatabaseState, Plan } from "./types";
import { upsertVariable } from "./variables";

/** The add-on named by `:id` (or `:addon`), or 404 `{"resource":"addon"}`. */
export const requireAddon = (appState: AppState, id: string): Addon =>
  appState.addons.find((a) => a.id === id) ?? notFound("addon");

/** The catalog provider of a stored add-on. */
export const providerOf = (addon: Addon): ProviderSpec =>
  findProvider(addon.addon_provider.id) ??
  fail(500, { error: `unknown provider ${addon.addon_provider.id}` });

/** `host:port` of an add-on's database (derived from its ID), as the Database API's `hostname` gives it. */
export function databaseHost(addon: Addon, region: string): string {
  const host = `${addon.resource_id.replace(/_/g, "-")}.${providerOf(addon).scheme}.a.${region}.scalingo-dbs.com`;
  return `${host}:${30000 + (Number.parseInt(addon.id.slice(-4), 16) % 5000)}`;
}

/** Connection URL injected for an add-on (host, port and password derived from its ID). */
export function connectionUrl(addon: Addon, region: string): string {
  const provider = providerOf(addon);
  const user = addon.resource_id;
  const path = provider.scheme === "postgresql" ? `/${user}?sslmode=prefer` : "";
  return `${provider.scheme}://${user}:${secretFor(addon.id)}@${databaseHost(addon, region)}${path}`;
}

/** Sets the add-on's URL variable and its alias (`DATABASE_URL=$SCALINGO_POSTGRESQL_URL`); returns their names. */
function injectVariables(ctx: Ctx, appState: AppState, addon: Addon): string[] {
  const provider = providerOf(addon);
  upsertVariable(ctx, appState, provider.urlVariable, connectionUrl(addon, ctx.region));
  if (!appState.variables.some((v) => v.name === provider.aliasVariable)) {
    upsertVariable(ctx, appState, provider.aliasVariable, `$${provider.urlVariable}`);
  }
  return [provider.aliasVariable, provider.urlVariable];
}

/** Removes the injected variables (the alias only while it still points at the add-on's variable). */
function removeVariables(appState: AppState, provider: ProviderSpec): void {
  appState.variables = appState.variables.filter(
    (v) =>
      v.name !== provider.urlVariable &&
      !(v.name === provider.aliasVariable && v.value === `$${provider.urlVariable}`),
  );
}

function findPlan(provider: ProviderSpec, planId: string): Plan {
  return provider.plans.find((p) => p.id === planId) ?? invalid("plan_id", `is not a plan of ${provider.id}`);
}

/** Puts the add-on in `provisioning` and schedules `running` after `--addon-provision-ms`. */
function startProvisioning(ctx: Ctx, appState: AppState, addon: Addon): void {
  ctx.store.unschedule((t) => t.kind === "addon-running" && t.targetId === addon.id);
  if (ctx.options.addonProvisionMs <= 0) {
    addon.status = "running";
    return;
  }
  addon.status = "provisioning";
  ctx.store.schedule({
    at: ctx.now + ctx.options.addonProvisionMs,
    region: ctx.region,
    appId: appState.app.id,
    kind: "addon-running",
    targetId: addon.id,
    status: "running",
  });
}

function newDatabase(ctx: Ctx, addon: Addon, appState: AppState, version: string): DatabaseState {
  const provider = providerOf(addon);
  return {
    database: {
      id: addon.id,
      created_at: iso(ctx.now),
      resource_id: addon.resource_id,
      app_name: appState.app.name,
      plan: addon.plan.name,
      status: addon.status === "running" ? "running" : "creating",
      type_name: provider.id,
      version_id: `${provider.id}-${version}`,
      readable_version: version,
      hostname: databaseHost(addon, ctx.region),
      instances: [],
      features: [],
      cluster: !addon.plan.name.includes("sandbox") && !addon.plan.name.includes("starter"),
      periodic_backups_enabled: !addon.plan.name.includes("sandbox"),
      periodic_backups_scheduled_at: [2],
      maintenance_window: { weekday_utc: 1, starting_hour_utc: 3, duration_in_hour: 8 },
      encryption_at_rest: true,
      next_version_id: null,
      current_operation_id: null,
    },
    backups: [],
    operations: [],
    periodic_until: ctx.now,
    users: [
      {
        name: addon.resource_id,
        read_only: false,
        protected: true,
        dbms_attributes: { password_encryption: "SCRAM-SHA-256" },
        password: secretFor(addon.id),
      },
    ],
  };
}

function create(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  const fields = wrapped(ctx.body, "addon");
  const providerId = requiredString(fields, "addon_provider_id");
  const provider =
    findProvider(providerId) ?? invalid("addon_provider_id", `"${providerId}" is not an add-on provider`);
  const plan = findPlan(provider, requiredString(fields, "plan_id"));
  if (appState.addons.some((a) => providerOf(a).id === provider.id)) {
    invalid("addon_provider_id", `the app already has a ${provider.id} add-on`);
  }
  // Real add-on IDs are `ad-<uuid>`; the official CLI takes an argument for an ID only when it starts with `ad-`.
  const id = ctx.store.nextUuid("ad-");
  const addon: Addon = {
    id,
    app_id: appState.app.id,
    resource_id: `${appState.app.name.replace(/-/g, "_")}_${Number.parseInt(id.slice(-4), 16) % 10000}`,
    status: "provisioning",
    plan,
    addon_provider: {
      id: providerId,
      name: provider.name,
      logo_url: `https://cdn.scalingo.com/addons/${provider.id}.svg`,
    },
    provisioned_at: iso(ctx.now),
    deprovisioned_at: null,
    updated_at: iso(ctx.now),
    hds_resource: false,
  };
  startProvisioning(ctx, appState, addon);
  appState.addons.push(addon);
  const version = optionalString(asRecord(fields.options) ?? {}, "version") ?? provider.defaultVersion;
  appState.databases[id] = newDatabase(ctx, addon, appState, version);
  const variables = injectVariables(ctx, appState, addon);
  return created({ addon, message: `${provider.name} is being provisioned`, variables });
}

function changePlan(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  const addon = requireAddon(appState, ctx.params.id ?? "");
  const provider = providerOf(addon);
  const plan = findPlan(provider, requiredString(wrapped(ctx.body, "addon"), "plan_id"));
  const variables = [provider.aliasVariable, provider.urlVariable];
  if (plan.id === addon.plan.id) {
    return ok({ addon, message: "The plan is unchanged", variables, vars: variables });
  }
  addon.plan = plan;
  addon.updated_at = iso(ctx.now);
  startProvisioning(ctx, appState, addon);
  const database = appState.databases[addon.id];
  if (database !== undefined) database.database.plan = plan.name;
  // Both shapes: go-scalingo/CLI/Terraform parse {addon,message,variables}; DEVDOCS shows {vars,message}.
  return ok({ addon, message: `Plan changed to ${plan.display_name}`, variables, vars: variables });
}

function remove(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  const addon = requireAddon(appState, ctx.params.id ?? "");
  appState.addons = appState.addons.filter((a) => a !== addon);
  delete appState.databases[addon.id];
  ctx.store.unschedule((t) => t.targetId === addon.id);
  removeVariables(appState, providerOf(addon));
  return noContent();
}

function plans(ctx: Ctx): Reply {
  const provider = findProvider(ctx.params.provider ?? "") ?? notFound("addon_provider");
  return ok({ plans: provider.plans });
}

/** Add-on and add-on provider routes (the database token endpoint lives in database.ts). */
export const addonRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/v1/addon_providers",
    auth: "optional",
    handler: () => ok({ addon_providers: PROVIDERS.map(providerJson) }),
  },
  { method: "GET", pattern: "/v1/addon_providers/:provider/plans", auth: "optional", handler: plans },
  {
    method: "GET",
    pattern: "/v1/addon_categories",
    auth: "optional",
    handler: () => ok({ addon_categories: ADDON_CATEGORIES }),
  },
  {
    method: "GET",
    pattern: "/v1/apps/:app/addons",
    auth: "user",
    handler: (ctx) => ok({ addons: requireApp(ctx).addons }),
  },
  { method: "POST", pattern: "/v1/apps/:app/addons", auth: "user", handler: create },
  {
    method: "GET",
    pattern: "/v1/apps/:app/addons/:id",
    auth: "user",
    handler: (ctx) => ok({ addon: requireAddon(requireApp(ctx), ctx.params.id ?? "") }),
  },
  { method: "PATCH", pattern: "/v1/apps/:app/addons/:id", auth: "user", handler: changePlan },
  { method: "PUT", pattern: "/v1/apps/:app/addons/:id", auth: "user", handler: changePlan },
  { method: "DELETE", pattern: "/v1/apps/:app/addons/:id", auth: "user", handler: remove },
];
