/**
 * The companions of an environment (`paasenv:companions`), declared beside the main app from plain config
 * values: today Metabase (`metabase.ts`). `AppEnvironment` calls {@link createCompanions} once; its guard
 * waits for every companion, and each companion's own guard keeps that companion's data.
 */
import * as pulumi from "../providers/base/sdk";
import type { Addon, App } from "../providers/scalingo";
import { childName, companionAppName } from "./config/naming";
import type { StackConfig } from "./config/schema";
import type { CustomDomain } from "./custom-domain";
import { dnsFor } from "./dns/adapters";
import { Metabase } from "./metabase";

/** What the companions hang on: the main app and its add-ons (Metabase reads the PostgreSQL). */
export interface CompanionTargets {
  app: App;
  addons: { postgresql?: Addon | undefined };
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

/**
 * The `databaseUsers` output: the configured users' URLs with the companions' read-only ones, all secret
 * (`undefined` when there are none).
 */
export function withCompanionUsers(
  configured: pulumi.Output<Record<string, string>> | undefined,
  companions: Companions,
): pulumi.Output<Record<string, string>> | undefined {
  if (companions.metabase === undefined) return configured;
  const all = pulumi.all([configured ?? {}, companions.metabase.readOnlyUrl]);
  return pulumi.secret(all.apply(([users, metabase]): Record<string, string> => ({ ...users, metabase })));
}

/** The companions' custom domains, whose records join the environment's `dnsRecords`. */
export const companionDomains = (companions: Companions): CustomDomain[] =>
  companions.metabase?.domain === undefined ? [] : [companions.metabase.domain];

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
  const postgresql = targets.addons.postgresql;
  if (metabase === undefined || postgresql === undefined) return {};
  const args = {
    appName: companionAppName(config.app.name, "metabase"),
    region: config.app.region,
    config: metabase,
    mainAppId: targets.app.appId,
    mainDatabaseId: postgresql.addonId,
    dns: config.dns.provider === "none" ? undefined : dnsFor(config.dns),
    protect,
  };
  return { metabase: new Metabase(childName(name, "metabase"), args, { parent }) };
}

/** The companions as resources, for the environment's guard to wait for. */
export const companionResources = (companions: Companions): pulumi.Resource[] =>
  companions.metabase === undefined ? [] : [companions.metabase];
