/**
 * The companions of an environment (`paasenv:companions`), declared beside the main app from plain config
 * values: today Metabase (`metabase.ts`). `AppEnvironment` calls {@link createCompanions} once; its guard
 * waits for every companion, and each companion's own guard keeps that companion's data.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Addon, App } from "../providers/scalingo";
import { childName, companionAppName } from "./config/naming";
import type { StackConfig } from "./config/schema";
import { dnsFor } from "./dns/adapters";
import { Metabase } from "./metabase";

/** What the companions hang on: the main app and its PostgreSQL (which Metabase reads). */
export interface CompanionTargets {
  app: App;
  postgresql: Addon | undefined;
}

/** The companions declared, by kind. */
export interface Companions {
  metabase?: Metabase;
}

/** The stack outputs the companions add (each only when it exists). */
export function companionOutputs(companions: Companions): Record<string, pulumi.Output<unknown>> {
  const { metabase } = companions;
  if (metabase === undefined) return {};
  return { metabaseAppName: metabase.appName, metabaseUrl: metabase.url };
}

/** The companions' read-only database URLs (secret), by user name, for the `databaseUsers` output. */
export function companionUserUrls(companions: Companions): Record<string, pulumi.Output<string>> {
  return companions.metabase === undefined ? {} : { metabase: companions.metabase.readOnlyUrl };
}

/** Every companion the config enables; `protect` in production, as the main app and its data are. */
export function createCompanions(
  name: string,
  config: StackConfig,
  targets: CompanionTargets,
  protect: boolean,
  parent: pulumi.Resource,
): Companions {
  const metabase = config.companions.metabase;
  // `checkCompanions` refused Metabase without the main PostgreSQL before anything was declared.
  if (metabase === undefined || targets.postgresql === undefined) return {};
  const args = {
    appName: companionAppName(config.app.name, "metabase"),
    region: config.app.region,
    config: metabase,
    mainAppId: targets.app.appId,
    mainDatabaseId: targets.postgresql.addonId,
    dns: config.dns.provider === "none" ? undefined : dnsFor(config.dns),
    protect,
  };
  return { metabase: new Metabase(childName(name, "metabase"), args, { parent }) };
}

/** The companions as resources, for the environment's guard to wait for. */
export const companionResources = (companions: Companions): pulumi.Resource[] =>
  companions.metabase === undefined ? [] : [companions.metabase];
