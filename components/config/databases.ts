/**
 * The database settings of `paasenv:addons.postgresql` and `paasenv:addons.redis`: periodic backups, the
 * weekly maintenance window (UTC), features, and PostgreSQL users. Each is managed only when set. Redis has no
 * users (the Database API has no user management for it).
 * @see https://doc.scalingo.com/databases/postgresql/backing-up/periodic-backups
 * @see https://doc.scalingo.com/databases/about/maintenance-window
 */
import { z } from "zod";
import {
  DATABASE_FEATURES,
  DB_USER_NAME_MAX,
  DB_USER_NAME_MIN,
  DB_USER_NAME_PATTERN,
  REDIS_FEATURES,
  WEEKDAYS,
} from "../../providers/scalingo/production-limits";
import type { AddIssue } from "./errors";

const hour = z.int().min(0).max(23);

const backupsSchema = z
  .strictObject({
    enabled: z.boolean().default(true).describe("Periodic backups on or off."),
    hour: hour.optional().describe("UTC hour of the daily backup; Scalingo's choice when omitted."),
  })
  .optional()
  .describe("Periodic backups; not managed when omitted.");

const maintenanceWindowSchema = z
  .strictObject({
    day: z.enum(WEEKDAYS).describe("Weekday the window starts (UTC)."),
    hour: hour.describe("UTC hour the window starts (it lasts 8 hours)."),
  })
  .optional()
  .describe("Weekly maintenance window; not managed when omitted.");

const userSchema = z.strictObject({
  name: z
    .string()
    .min(DB_USER_NAME_MIN)
    .max(DB_USER_NAME_MAX)
    .regex(DB_USER_NAME_PATTERN, { message: "must be lower-case letters, digits and single inner hyphens" })
    .describe(`User name (${DB_USER_NAME_MIN}–${DB_USER_NAME_MAX} characters); its password is generated.`),
  readOnly: z.boolean().default(false).describe("A user that can only read."),
});

/** Settings of the PostgreSQL add-on. */
export const postgresqlSettings = {
  backups: backupsSchema,
  maintenanceWindow: maintenanceWindowSchema,
  features: z.array(z.enum(DATABASE_FEATURES)).optional().describe("Features kept on (`force-ssl`, …)."),
  users: z.array(userSchema).optional().describe("Extra users; connection URLs are secret stack outputs."),
};

/** Settings of the Redis add-on. */
export const redisSettings = {
  backups: backupsSchema,
  maintenanceWindow: maintenanceWindowSchema,
  features: z
    .array(z.enum([...DATABASE_FEATURES, ...REDIS_FEATURES]))
    .optional()
    .describe("Features kept on."),
};

/** What one add-on's settings look like once parsed. */
export interface DatabaseSettingsConfig {
  backups?: { enabled: boolean; hour?: number | undefined } | undefined;
  maintenanceWindow?: { day: (typeof WEEKDAYS)[number]; hour: number } | undefined;
  features?: string[] | undefined;
  users?: { name: string; readOnly: boolean }[] | undefined;
}

/** Whether an add-on's config sets any database setting (then a `DatabaseSettings` resource manages them). */
export const hasSettings = (addon: DatabaseSettingsConfig): boolean =>
  addon.backups !== undefined || addon.maintenanceWindow !== undefined || addon.features !== undefined;

/** Unique user names; production keeps PostgreSQL's backups on. */
export function checkDatabases(
  environment: string,
  postgresql: DatabaseSettingsConfig | undefined,
  issue: AddIssue,
): void {
  const names = (postgresql?.users ?? []).map((u) => u.name);
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i)
      issue(["addons", "postgresql", "users", i, "name"], "is used by another user", name);
  });
  if (environment === "production" && postgresql?.backups?.enabled === false) {
    issue(["addons", "postgresql", "backups", "enabled"], "must stay true in production", false);
  }
}
