/**
 * Scalingo's catalogs for the production resources (alerts, autoscalers, notifiers, log drains, databases), in
 * one place: the stack-config schema, the provider's input schemas and the emulator read them from here.
 * Plain data only: the provider captures this module by value.
 * @see https://developers.scalingo.com/alerts
 * @see https://developers.scalingo.com/autoscalers
 * @see https://developers.scalingo.com/log_drains
 * @see https://developers.scalingo.com/databases/databases
 */

/** Metrics an autoscaler follows (`GET /v1/features/metrics`; router metrics apply to `web` only). */
export const AUTOSCALER_METRICS = [
  "rpm_per_container",
  "p95_response_time",
  "5XX",
  "cpu",
  "memory",
  "swap",
] as const;
/** A metric an autoscaler follows. */
export type AutoscalerMetric = (typeof AUTOSCALER_METRICS)[number];
/** Metrics an alert watches: the autoscaler's plus `all` (requests per minute of the whole app). */
export const ALERT_METRICS = [...AUTOSCALER_METRICS, "all"] as const;
/** A metric an alert watches. */
export type AlertMetric = (typeof ALERT_METRICS)[number];
/** Metrics measured as a ratio of the container's allocation (`0.9` = 90 %). */
export const RATIO_METRICS: readonly string[] = ["cpu", "memory", "swap"];
/** Metrics measured only on `web` containers (the router sees them). */
export const ROUTER_METRICS: readonly string[] = ["rpm_per_container", "p95_response_time", "5XX", "all"];

/** The lowest `min_containers` of an autoscaler (USERDOCS; the API refuses less). */
export const AUTOSCALER_MIN_CONTAINERS = 2;

/** Notification platforms paasenv declares notifiers on (names of `GET /v1/notification_platforms`). */
export const NOTIFIER_PLATFORMS = ["email", "slack", "webhook"] as const;
/** A notification platform name. */
export type NotifierPlatform = (typeof NOTIFIER_PLATFORMS)[number];

/** Log drain types and the parameters each requires (DEVDOCS; syslog's token is optional in the CLI's examples). */
export const DRAIN_TYPES = {
  appsignal: ["token", "host", "port"],
  datadog: ["token", "drainRegion"],
  elk: ["url"],
  "ovh-graylog": ["token", "host"],
  papertrail: ["host", "port"],
  syslog: ["host", "port"],
} as const;
/** A log drain type. */
export type DrainType = keyof typeof DRAIN_TYPES;

/** Weekdays as the Database API numbers them (`weekday_utc`: 0 is Sunday, as Go's `time.Weekday`). */
export const WEEKDAYS = [
  "sunday",
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
] as const;
/** A weekday name. */
export type Weekday = (typeof WEEKDAYS)[number];

/** Database features of every type, and of Redis only (DEVDOCS `databases.md`). */
export const DATABASE_FEATURES = ["force-ssl", "publicly-available"] as const;
export const REDIS_FEATURES = ["redis-rdb", "redis-aof", "redis-cache"] as const;

/** Database user names: 6–32 lower-case letters, digits and single inner hyphens (DEVDOCS `users.md`). */
export const DB_USER_NAME_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const DB_USER_NAME_MIN = 6;
export const DB_USER_NAME_MAX = 32;
/** Database user passwords: 24–64 characters (DEVDOCS `users.md`). */
export const DB_PASSWORD_MIN = 24;
export const DB_PASSWORD_MAX = 64;
