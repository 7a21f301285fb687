/**
 * Zod schemas of the Database API resources (`DatabaseSettings`, `DatabaseUser`) and payloads: factories
 * taking `z`, as in `schemas.ts` (a module-level schema cannot be serialized).
 * @see https://developers.scalingo.com/databases
 */
import type { z } from "zod";
import type { Zod } from "../base/inputs";
import {
  DATABASE_FEATURES,
  DB_PASSWORD_MAX,
  DB_PASSWORD_MIN,
  DB_USER_NAME_MAX,
  DB_USER_NAME_MIN,
  DB_USER_NAME_PATTERN,
  REDIS_FEATURES,
  WEEKDAYS,
} from "./production-limits";
import { childFields } from "./schemas";

const hour = (z: Zod) => z.int("must be a whole hour").min(0, "must be 0 to 23").max(23, "must be 0 to 23");

/** Fields of a resource of one database: the app's child fields plus the add-on. */
const databaseChild = (z: Zod) => ({
  ...childFields(z),
  addonId: z.string({ error: "must be the add-on's ID (Addon.addonId)" }).min(1, "must be the add-on's ID"),
});

/** Inputs of DatabaseSettings: each part is managed only when declared. */
export const databaseSettingsInputsSchema = (z: Zod) =>
  z.object({
    ...databaseChild(z),
    backups: z.object({ enabled: z.boolean(), hour: hour(z).optional() }).optional(),
    maintenanceWindow: z
      .object({
        day: z.enum(WEEKDAYS, { error: `must be one of ${WEEKDAYS.join(", ")}` }),
        hour: hour(z),
      })
      .optional(),
    features: z
      .array(
        z.enum([...DATABASE_FEATURES, ...REDIS_FEATURES], {
          error: `must be one of ${[...DATABASE_FEATURES, ...REDIS_FEATURES].join(", ")}`,
        }),
      )
      .optional(),
  });

/** Inputs of a DatabaseUser. */
export const databaseUserInputsSchema = (z: Zod) =>
  z.object({
    ...databaseChild(z),
    name: z
      .string({ error: "must be a user name" })
      .min(DB_USER_NAME_MIN, `must be ${DB_USER_NAME_MIN} to ${DB_USER_NAME_MAX} characters long`)
      .max(DB_USER_NAME_MAX, `must be ${DB_USER_NAME_MIN} to ${DB_USER_NAME_MAX} characters long`)
      .regex(DB_USER_NAME_PATTERN, "must contain only lower-case letters, digits and single inner hyphens"),
    readOnly: z.boolean().default(false),
    password: z
      .string()
      .min(DB_PASSWORD_MIN, `must be ${DB_PASSWORD_MIN} to ${DB_PASSWORD_MAX} characters long`)
      .max(DB_PASSWORD_MAX, `must be ${DB_PASSWORD_MIN} to ${DB_PASSWORD_MAX} characters long`)
      .optional(),
    adopt: z.boolean().optional(),
  });

/** What DatabaseUser's `read`/`delete` parse from state: the inputs, any stored password, and where it connects. */
export const databaseUserStateSchema = (z: Zod) =>
  databaseUserInputsSchema(z).extend({
    password: z.string().optional(),
    host: z.string().optional(),
    database: z.string().optional(),
  });

/** A database feature and its status. */
export const featureSchema = (z: Zod) => z.object({ name: z.string(), status: z.string() });

/** The database object (`GET /api/databases/:id`). */
export const databaseSchema = (z: Zod) =>
  z.object({
    id: z.string(),
    resource_id: z.string(),
    status: z.string(),
    plan: z.string().optional(),
    type_name: z.string(),
    hostname: z.string(),
    readable_version: z.string().optional(),
    features: z.array(featureSchema(z)).nullish(),
    periodic_backups_enabled: z.boolean(),
    periodic_backups_scheduled_at: z.array(z.number()).nullish(),
    maintenance_window: z
      .object({ weekday_utc: z.number(), starting_hour_utc: z.number(), duration_in_hour: z.number() })
      .nullish(),
    current_operation_id: z.string().nullish(),
  });

/** A database user: `{"database_user":{…}}` for go-scalingo and scalingo.js, flat in DEVDOCS. */
export const databaseUserSchema = (z: Zod) =>
  z.object({
    name: z.string(),
    read_only: z.boolean(),
    protected: z.boolean().optional(),
    password: z.string().optional(),
  });

/** A backup. */
export const backupSchema = (z: Zod) =>
  z.object({
    id: z.string(),
    created_at: z.string(),
    started_at: z.string().nullish(),
    status: z.string(),
    method: z.string(),
  });

/** The PITR recovery window (both ends absent where there is none). */
export const recoveryWindowSchema = (z: Zod) =>
  z.object({ earliest_recoverable_at: z.string().nullish(), latest_recoverable_at: z.string().nullish() });

/** A database operation (`pitr_restore`): `pending`, `running`, then `finished`, `error`, `user-error` or `cancelled`. */
export const dbOperationSchema = (z: Zod) =>
  z.object({ id: z.string(), type: z.string().optional(), status: z.string(), error: z.string().nullish() });

/** Resolved inputs of DatabaseSettings. */
export type DatabaseSettingsInputs = z.infer<ReturnType<typeof databaseSettingsInputsSchema>>;
/** Resolved inputs of a DatabaseUser. */
export type DatabaseUserInputs = z.infer<ReturnType<typeof databaseUserInputsSchema>>;
/** A DatabaseUser's stored state. */
export type DatabaseUserState = z.infer<ReturnType<typeof databaseUserStateSchema>>;
/** The database object as parsed. */
export type ApiDatabase = z.infer<ReturnType<typeof databaseSchema>>;
/** A database user as parsed. */
export type ApiDatabaseUser = z.infer<ReturnType<typeof databaseUserSchema>>;
/** A backup as parsed. */
export type ApiBackup = z.infer<ReturnType<typeof backupSchema>>;
/** A recovery window as parsed. */
export type ApiRecoveryWindow = z.infer<ReturnType<typeof recoveryWindowSchema>>;
/** A database operation as parsed. */
export type ApiDbOperation = z.infer<ReturnType<typeof dbOperationSchema>>;
