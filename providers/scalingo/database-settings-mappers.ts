/**
 * Pure mappers of the `DatabaseSettings` resource: the `PATCH /api/databases/:id` body that brings a database to
 * the declared backups and maintenance window, the features to enable and disable, and the database as
 * inputs and outputs. Only declared parts are compared: an undeclared part is Scalingo's to keep.
 * @see https://developers.scalingo.com/databases/databases#update-a-database
 */
import type { ApiDatabase, DatabaseSettingsInputs } from "./database-schemas";
import { WEEKDAYS, type Weekday } from "./production-limits";

/** Feature statuses that mean "on, or about to be". */
const ON = ["ACTIVATED", "PENDING_TO_ACTIVATE", "PENDING"];

/** The API's `weekday_utc` (0 = Sunday) of a day name, and back. */
export const weekdayNumber = (day: Weekday): number => WEEKDAYS.indexOf(day);
export const weekdayName = (n: number): Weekday => WEEKDAYS[n] ?? "sunday";

/** The `{"database":{…}}` fields that differ from the declared backups and maintenance window. */
export function settingsChanges(inputs: DatabaseSettingsInputs, db: ApiDatabase): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  const { backups, maintenanceWindow: window } = inputs;
  if (backups !== undefined && backups.enabled !== db.periodic_backups_enabled) {
    changes.periodic_backups_enabled = backups.enabled;
  }
  const hours = db.periodic_backups_scheduled_at ?? [];
  if (backups?.hour !== undefined && (hours.length !== 1 || hours[0] !== backups.hour)) {
    // A scalar in, an array out (DEVDOCS, go-scalingo).
    changes.periodic_backups_scheduled_at = backups.hour;
  }
  const current = db.maintenance_window;
  const weekday = window === undefined ? undefined : weekdayNumber(window.day);
  if (
    window !== undefined &&
    (current?.weekday_utc !== weekday || current?.starting_hour_utc !== window.hour)
  ) {
    changes.maintenance_window = { weekday_utc: weekday, starting_hour_utc: window.hour };
  }
  return changes;
}

/** Whether `name` is on (or being turned on) for the database. */
export const featureOn = (db: ApiDatabase, name: string): boolean =>
  (db.features ?? []).some((f) => f.name === name && ON.includes(f.status));

/** Features to enable (declared, not on) and to disable (declared before, not any more, still there). */
export function featurePlan(
  previous: readonly string[],
  wanted: readonly string[],
  db: ApiDatabase,
): { enable: string[]; disable: string[] } {
  const present = (name: string) =>
    (db.features ?? []).some((f) => f.name === name && f.status !== "PENDING_TO_REMOVE");
  return {
    enable: wanted.filter((name) => !featureOn(db, name)),
    disable: previous.filter((name) => !wanted.includes(name) && present(name)),
  };
}

/** Whether the features reached their end state: declared ones `ACTIVATED`, removed ones gone. */
export function featuresSettled(
  wanted: readonly string[],
  removed: readonly string[],
  db: ApiDatabase,
): boolean {
  const features = db.features ?? [];
  return (
    wanted.every((name) => features.some((f) => f.name === name && f.status === "ACTIVATED")) &&
    removed.every((name) => !features.some((f) => f.name === name))
  );
}

/** Why a feature failed to apply, if one did. */
export function featureFailure(names: readonly string[], db: ApiDatabase): string | undefined {
  const failed = (db.features ?? []).filter((f) => names.includes(f.name) && f.status === "FAILED");
  return failed.length === 0
    ? undefined
    : `feature(s) ${failed.map((f) => f.name).join(", ")} FAILED (ask Scalingo support)`;
}

/** The declared parts as they are on Scalingo (for `read`): a change made elsewhere shows as drift. */
export function settingsFromApi(inputs: DatabaseSettingsInputs, db: ApiDatabase): DatabaseSettingsInputs {
  const hours = db.periodic_backups_scheduled_at ?? [];
  const window = db.maintenance_window;
  return {
    ...inputs,
    ...(inputs.backups === undefined
      ? {}
      : {
          backups: {
            enabled: db.periodic_backups_enabled,
            // One scheduled hour is what paasenv sets; several (set elsewhere) show as a change.
            ...(inputs.backups.hour !== undefined && hours.length === 1 ? { hour: hours[0] } : {}),
          },
        }),
    ...(inputs.maintenanceWindow === undefined || window === undefined || window === null
      ? {}
      : { maintenanceWindow: { day: weekdayName(window.weekday_utc), hour: window.starting_hour_utc } }),
    ...(inputs.features === undefined ? {} : { features: inputs.features.filter((f) => featureOn(db, f)) }),
  };
}

/** Full outputs: the inputs plus the schedule as Scalingo holds it (settings only: nothing that moves alone). */
export function settingsOutputs(inputs: DatabaseSettingsInputs, db: ApiDatabase) {
  const window = db.maintenance_window;
  return {
    ...inputs,
    databaseType: db.type_name,
    periodicBackups: {
      enabled: db.periodic_backups_enabled,
      hours: [...(db.periodic_backups_scheduled_at ?? [])],
    },
    maintenance:
      window === undefined || window === null
        ? null
        : {
            day: weekdayName(window.weekday_utc),
            hour: window.starting_hour_utc,
            durationHours: window.duration_in_hour,
          },
  };
}
