import * as pulumi from "../providers/base/sdk";
import { DatabaseSettings, type DatabaseSettingsArgs, DatabaseUser } from "../providers/scalingo";
import { type DatabaseSettingsConfig, hasSettings } from "./config/databases";
import { childName } from "./config/naming";
import { childrenInsideApp } from "./inside-app";

/** Arguments of a {@link Database}. */
export interface DatabaseArgs {
  /** The app's ID (`App.appId`). */
  appId: pulumi.Input<string>;
  /** The app's region. @example `"osc-fr1"` */
  region: string;
  /** The add-on's ID (`Addon.addonId`), also the database's. */
  addonId: pulumi.Input<string>;
  /**
   * The add-on's database settings from the stack config (`paasenv:addons.<provider>`): plain values, they
   * decide which resources exist.
   * @example `{ backups: { enabled: true, hour: 3 }, users: [{ name: "metabase", readOnly: true }] }`
   */
  settings: DatabaseSettingsConfig;
}

/** The {@link DatabaseSettings} arguments of the parts the config sets. */
export function settingsArgs(args: DatabaseArgs): DatabaseSettingsArgs {
  const { backups, maintenanceWindow, features } = args.settings;
  return {
    appId: args.appId,
    region: args.region,
    addonId: args.addonId,
    ...(backups === undefined ? {} : { backups }),
    ...(maintenanceWindow === undefined ? {} : { maintenanceWindow }),
    ...(features === undefined ? {} : { features }),
  };
}

/**
 * The Database API side of one add-on: its `DatabaseSettings` (backups, maintenance window, features) when the
 * config sets any, and one `DatabaseUser` per configured user, keyed by name.
 *
 * @example
 * ```ts
 * new Database("shop-postgresql-database", {
 *   appId: app.appId, region: "osc-fr1", addonId: postgresql.addonId,
 *   settings: { backups: { enabled: true, hour: 3 }, users: [{ name: "metabase", readOnly: true }] },
 * }, { parent: this });
 * ```
 */
export class Database extends pulumi.ComponentResource {
  /** The periodic backups as Scalingo holds them, when the config manages them. */
  readonly backupSchedule?: pulumi.Output<{ enabled: boolean; hours: number[] }>;
  /** Each user's connection URL (secret), by user name. */
  readonly userUrls: Record<string, pulumi.Output<string>>;

  constructor(name: string, args: DatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super("paasenv:index:Database", name, {}, opts);
    const settings = hasSettings(args.settings)
      ? new DatabaseSettings(childName(name, "settings"), settingsArgs(args), childrenInsideApp(this, opts))
      : undefined;
    this.backupSchedule = settings?.periodicBackups;
    this.userUrls = Object.fromEntries(
      (args.settings.users ?? []).map((user) => {
        const resource = new DatabaseUser(
          childName(name, `user-${user.name}`),
          {
            appId: args.appId,
            region: args.region,
            addonId: args.addonId,
            name: user.name,
            readOnly: user.readOnly,
          },
          childrenInsideApp(this, opts),
        );
        return [user.name, resource.connectionUrl];
      }),
    );
    this.registerOutputs({ backupSchedule: this.backupSchedule, userUrls: this.userUrls });
  }
}
