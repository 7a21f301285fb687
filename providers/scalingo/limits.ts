/**
 * Scalingo's limits and catalogs, in one place: regions, container sizes, name rules and per-app maxima.
 * The stack-config schema (`components/config/`), the provider's input schemas and the emulator all read
 * them from here, so a new size or region is added once.
 *
 * Plain data and pure functions only: the provider captures this module by value.
 * @see https://doc.scalingo.com/platform/internals/regions
 * @see https://doc.scalingo.com/platform/internals/container-sizes
 * @see https://developers.scalingo.com/apps#create-an-application (name rules)
 */

/** Scalingo regions, the default first. */
export const REGIONS = ["osc-fr1", "osc-secnum-fr1"] as const;
/** A Scalingo region. */
export type Region = (typeof REGIONS)[number];
/** The region of a resource that names none. */
export const DEFAULT_REGION: Region = "osc-fr1";

/** Container sizes, smallest first. */
export const CONTAINER_SIZES = ["S", "M", "L", "XL", "2XL", "3XL"] as const;
/** A container size. */
export type ContainerSize = (typeof CONTAINER_SIZES)[number];
/** The size of a process type that names none. */
export const DEFAULT_SIZE: ContainerSize = "M";
/** Memory of each size in MiB (256 MiB for `S`, doubling at each step). */
export const SIZE_MEMORY_MB: Readonly<Record<ContainerSize, number>> = {
  S: 256,
  M: 512,
  L: 1024,
  XL: 2048,
  "2XL": 4096,
  "3XL": 8192,
};

/** Containers per process type without asking support. */
export const MAX_CONTAINERS = 10;
/** Custom domains per app. */
export const MAX_DOMAINS = 20;

/** App names: 6–48 characters (6–32 for child apps), lower-case letters, digits, single inner hyphens. */
export const APP_NAME_MIN = 6;
export const APP_NAME_MAX = 48;
export const CHILD_APP_NAME_MAX = 32;
export const APP_NAME_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Why `name` breaks Scalingo's app-name rule, or `undefined` when it does not. */
export function appNameProblem(name: string, max: number = APP_NAME_MAX): string | undefined {
  if (name.length < APP_NAME_MIN || name.length > max) {
    return `must be ${APP_NAME_MIN}–${max} characters long (it has ${name.length})`;
  }
  if (!APP_NAME_PATTERN.test(name)) {
    return "may contain only lower-case letters, digits and single hyphens, and must not start or end with a hyphen";
  }
  return undefined;
}

/** Environment variable names: letters, digits and underscores, not starting with an underscore (USERDOCS). */
export const VARIABLE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_]*$/;
/** Longest variable name (DEVDOCS, USERDOCS). */
export const MAX_VARIABLE_NAME_LENGTH = 64;
/** Longest variable value (USERDOCS 2026-03; DEVDOCS still says 8192). */
export const MAX_VARIABLE_VALUE_LENGTH = 32768;

/**
 * The variables each add-on injects into its app: the connection URL, then its alias (`DATABASE_URL` is
 * `$SCALINGO_POSTGRESQL_URL`). The add-on owns them: setting one by hand replaces the database's URL.
 * @see https://doc.scalingo.com/databases/postgresql/connecting
 * @see https://doc.scalingo.com/databases/redis/start
 */
export const ADDON_VARIABLES: Readonly<Record<"postgresql" | "redis", readonly [string, string]>> = {
  postgresql: ["SCALINGO_POSTGRESQL_URL", "DATABASE_URL"],
  redis: ["SCALINGO_REDIS_URL", "REDIS_URL"],
};
