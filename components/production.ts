/**
 * The production resources of an environment, declared from plain config values: monitoring (notifiers and
 * alerts), the database settings and users of each add-on, log drains on the app and its add-ons,
 * autoscalers and collaborators. (The custom error pages are variables of the app's own `Variables`, which
 * restarts the app when they change.) `AppEnvironment` calls {@link createProductionResources} once; the
 * formation reads {@link autoscaledBounds}.
 */
import * as pulumi from "../providers/base/sdk";
import {
  type Addon,
  type App,
  Autoscaler,
  Collaborator,
  type Formation,
  LogDrain,
} from "../providers/scalingo";
import type { ProcessConfig } from "./config/app";
import type { AutoscalerConfig } from "./config/autoscaler";
import { collaboratorList } from "./config/collaborators";
import { type DatabaseSettingsConfig, hasSettings } from "./config/databases";
import { drainKey, type LogDrainConfig } from "./config/log-drains";
import { alertsFor } from "./config/monitoring";
import { childName } from "./config/naming";
import type { StackConfig } from "./config/schema";
import { Database } from "./database";
import type { InsideApp } from "./inside-app";
import { Monitoring } from "./monitoring";

/** The add-ons of an environment, by provider. */
export type Addons = Partial<Record<"postgresql" | "redis", Addon>>;

/** What the production resources hang on. */
export interface ProductionTargets {
  app: App;
  addons: Addons;
  formation: Formation;
}

/** The stack outputs the production resources add (each only when it exists). */
export interface ProductionOutputs {
  /** Periodic backups of each add-on whose backups the config manages, as Scalingo holds them. */
  backupSchedule?: pulumi.Output<Record<string, { enabled: boolean; hours: number[] }>>;
  /** Each database user's connection URL (secret), by user name. */
  databaseUsers?: pulumi.Output<Record<string, string>>;
  /** Every resource declared here, for the environment's guard to depend on (a protected destroy stops first). */
  resources: pulumi.Resource[];
}

/** The autoscalers' bounds, by process type (what `Formation.autoscaled` takes). */
export function autoscaledBounds(
  autoscaler: AutoscalerConfig | undefined,
): Record<string, { min: number; max: number }> {
  return Object.fromEntries(
    Object.entries(autoscaler ?? {}).flatMap(([type, a]) =>
      a === undefined ? [] : [[type, { min: a.min, max: a.max }]],
    ),
  );
}

/** The formation's processes with each autoscaled type's amount set to its `min` (the autoscaler owns it). */
export function withAutoscaledAmounts(
  processes: Record<string, ProcessConfig>,
  bounds: Record<string, { min: number; max: number }>,
): Record<string, ProcessConfig> {
  return Object.fromEntries(
    Object.entries(processes).map(([type, p]) => [type, { ...p, amount: bounds[type]?.min ?? p.amount }]),
  );
}

/** Every production resource of the config; returns the stack outputs they add. */
export function createProductionResources(
  name: string,
  config: StackConfig,
  targets: ProductionTargets,
  children: InsideApp,
): ProductionOutputs {
  const region = config.app.region;
  const appId = targets.app.appId;
  const notifiers = config.monitoring?.notifiers ?? [];
  const alerts = alertsFor(config.environment, config.monitoring);
  const resources: pulumi.Resource[] = [];
  if (notifiers.length + alerts.length > 0) {
    resources.push(
      new Monitoring(childName(name, "monitoring"), { appId, region, notifiers, alerts }, children),
    );
  }
  for (const drain of config.logDrains ?? [])
    resources.push(...createLogDrains(name, config, drain, targets, children));
  resources.push(...createAutoscalers(name, config, targets, children));
  for (const c of collaboratorList(config.collaborators)) {
    const key = childName(name, `collaborator-${c.email.toLowerCase()}`);
    resources.push(new Collaborator(key, { appId, region, ...c }, children));
  }
  const databases = createDatabases(name, config, targets, children);
  return { ...databases, resources: [...resources, ...databases.resources] };
}

/** One drain on the app and, unless `addons: false`, one on each add-on. */
function createLogDrains(
  name: string,
  config: StackConfig,
  drain: LogDrainConfig,
  targets: ProductionTargets,
  children: InsideApp,
): LogDrain[] {
  const { name: _key, addons, ...params } = drain;
  const base = { appId: targets.app.appId, region: config.app.region, ...params };
  const drains = [new LogDrain(childName(name, `drain-${drainKey(drain)}`), base, children)];
  if (!addons) return drains;
  for (const [provider, addon] of Object.entries(targets.addons)) {
    const key = childName(name, `drain-${drainKey(drain)}-${provider}`);
    drains.push(new LogDrain(key, { ...base, addonId: addon.addonId }, children));
  }
  return drains;
}

/** One autoscaler per configured type, after the formation (which creates the type and keeps it in bounds). */
function createAutoscalers(
  name: string,
  config: StackConfig,
  targets: ProductionTargets,
  children: InsideApp,
): Autoscaler[] {
  const autoscalers: Autoscaler[] = [];
  for (const [type, a] of Object.entries(config.autoscaler ?? {})) {
    if (a === undefined) continue;
    const autoscaler = new Autoscaler(
      childName(name, `autoscaler-${type}`),
      {
        appId: targets.app.appId,
        region: config.app.region,
        containerType: type,
        minContainers: a.min,
        maxContainers: a.max,
        metric: a.metric,
        target: a.target,
      },
      { ...children, dependsOn: [targets.formation] },
    );
    autoscalers.push(autoscaler);
  }
  return autoscalers;
}

/** A `Database` per add-on with settings or users; the backup schedules and user URLs as stack outputs. */
function createDatabases(
  name: string,
  config: StackConfig,
  targets: ProductionTargets,
  children: InsideApp,
): ProductionOutputs {
  const schedules: Record<string, pulumi.Output<{ enabled: boolean; hours: number[] }>> = {};
  const urls: Record<string, pulumi.Output<string>> = {};
  const resources: pulumi.Resource[] = [];
  for (const [provider, addon] of Object.entries(targets.addons)) {
    const settings: DatabaseSettingsConfig | undefined = config.addons[provider as keyof Addons];
    if (settings === undefined || (!hasSettings(settings) && (settings.users ?? []).length === 0)) continue;
    const database = new Database(
      childName(name, `${provider}-database`),
      { appId: targets.app.appId, region: config.app.region, addonId: addon.addonId, settings },
      children,
    );
    resources.push(database);
    if (database.backupSchedule !== undefined && settings.backups !== undefined)
      schedules[provider] = database.backupSchedule;
    Object.assign(urls, database.userUrls);
  }
  return {
    resources,
    ...(Object.keys(schedules).length === 0 ? {} : { backupSchedule: pulumi.output(schedules) }),
    ...(Object.keys(urls).length === 0 ? {} : { databaseUsers: pulumi.secret(pulumi.output(urls)) }),
  };
}
