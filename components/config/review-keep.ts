/**
 * What a review environment keeps of its source stack's production resources: nothing, unless
 * `paasenv:review.keep` names it. A review app is short-lived and sandboxed: alerts would page the team, drains
 * would fill the log service, collaborators would be invited again for each pull request.
 */
import type { StackConfig } from "./schema";

/** What `paasenv:review.keep` may name. */
export const KEEPABLE = [
  "monitoring",
  "logDrains",
  "autoscaler",
  "collaborators",
  "errorPages",
  "databases",
] as const;
export type Keepable = (typeof KEEPABLE)[number];

/** An add-on's config without its database settings (`backups`, `maintenanceWindow`, `features`, `users`). */
function withoutSettings<T extends object>(addon: T): T {
  const {
    backups: _b,
    maintenanceWindow: _m,
    features: _f,
    users: _u,
    ...rest
  } = addon as T & Record<string, unknown>;
  return rest as T;
}

/** The config without the production resources `keep` does not name. */
export function keepOnly(config: StackConfig, keep: readonly Keepable[]): StackConfig {
  const kept = (key: Keepable) => keep.includes(key);
  const { monitoring, logDrains, autoscaler, collaborators, errorPages, ...rest } = config;
  const { postgresql, redis } = config.addons;
  const addons = kept("databases")
    ? config.addons
    : {
        ...(postgresql === undefined ? {} : { postgresql: withoutSettings(postgresql) }),
        ...(redis === undefined ? {} : { redis: withoutSettings(redis) }),
      };
  return {
    ...rest,
    addons,
    ...(kept("monitoring") && monitoring !== undefined ? { monitoring } : {}),
    ...(kept("logDrains") && logDrains !== undefined ? { logDrains } : {}),
    ...(kept("autoscaler") && autoscaler !== undefined ? { autoscaler } : {}),
    ...(kept("collaborators") && collaborators !== undefined ? { collaborators } : {}),
    ...(kept("errorPages") && errorPages !== undefined ? { errorPages } : {}),
  };
}
