/**
 * `DatabaseSettings`: the settings of a database add-on kept through the Database API — periodic backups
 * (on/off, the UTC hour), the maintenance window (weekday and UTC hour) and features such as `force-ssl`. Each
 * part is managed only when declared; a feature removed from `features` is disabled. Deleting the resource
 * leaves the settings as they are: removing it from a program must not turn a production database's backups
 * off. Values that change on their own (the last backup, the PITR window) are not outputs: `paasenv status`
 * shows them.
 * @see https://developers.scalingo.com/databases/databases
 */
import type * as pulumi from "@pulumi/pulumi";
import { PaasenvResource } from "../base/paasenv-resource";
import type { settingsOutputs } from "./database-settings-mappers";
import type { Weekday } from "./production-limits";

/** Bump when the CRUD logic changes, so `up` rewrites the code stored in state. */
export const DATABASE_SETTINGS_PROVIDER_VERSION = "1";

/** Arguments of {@link DatabaseSettings}. */
export interface DatabaseSettingsArgs {
  /** The app's ID (`App.appId`). */
  appId: pulumi.Input<string>;
  /** The app's region. @example `"osc-fr1"` */
  region: pulumi.Input<string>;
  /** The add-on's ID (`Addon.addonId`), which is also the database's. */
  addonId: pulumi.Input<string>;
  /**
   * Periodic backups: on or off, and the UTC hour they run at (Scalingo's choice when omitted). Not managed
   * when omitted.
   * @example `{ enabled: true, hour: 3 }`
   */
  backups?: pulumi.Input<{ enabled: boolean; hour?: number }>;
  /**
   * The weekly maintenance window: its first day and UTC hour (it lasts 8 hours). Not managed when omitted.
   * @example `{ day: "sunday", hour: 2 }`
   */
  maintenanceWindow?: pulumi.Input<{ day: Weekday; hour: number }>;
  /**
   * Features to keep enabled (`force-ssl`, `publicly-available`; Redis: `redis-rdb`, `redis-aof`,
   * `redis-cache`). A feature removed from the list is disabled; others are left alone. Not managed when omitted.
   * @example `["force-ssl"]`
   */
  features?: pulumi.Input<string[]>;
}

/** Outputs of {@link DatabaseSettings} (besides its inputs). */
export type DatabaseSettingsOutputs = ReturnType<typeof settingsOutputs>;

/**
 * A database's backups, maintenance window and features.
 *
 * @example
 * ```ts
 * new DatabaseSettings("shop-postgresql-settings", {
 *   appId: app.appId, region: "osc-fr1", addonId: db.addonId,
 *   backups: { enabled: true, hour: 3 }, maintenanceWindow: { day: "sunday", hour: 2 }, features: ["force-ssl"],
 * });
 * ```
 */
export class DatabaseSettings extends PaasenvResource {
  /** The database type (`postgresql`, `redis`). */
  declare readonly databaseType: pulumi.Output<string>;
  /** The periodic backups as Scalingo holds them: on or off, and their UTC hours. */
  declare readonly periodicBackups: pulumi.Output<DatabaseSettingsOutputs["periodicBackups"]>;
  /** The maintenance window as Scalingo holds it (weekday, UTC hour, duration in hours). */
  declare readonly maintenance: pulumi.Output<DatabaseSettingsOutputs["maintenance"]>;

  constructor(name: string, args: DatabaseSettingsArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = { databaseType: undefined, periodicBackups: undefined, maintenance: undefined };
    const props = {
      ...outputs,
      ...args,
      providerVersion: DATABASE_SETTINGS_PROVIDER_VERSION,
      resourceName: name,
    };
    super("scalingo", "DatabaseSettings", name, props, opts);
  }
}
