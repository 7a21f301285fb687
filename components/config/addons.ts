/** `paasenv:addons`: the Scalingo add-ons paasenv manages, by provider. */
import { z } from "zod";
import { postgresqlSettings, redisSettings } from "./databases";

/** A PostgreSQL plan name (`postgresql-starter-512`, `postgresql-sandbox`, …). */
export const POSTGRESQL_PLAN = /^postgresql-[a-z0-9-]+$/;
/** A Redis plan name (`redis-starter-256`, `redis-sandbox`, …). */
export const REDIS_PLAN = /^redis-[a-z0-9-]+$/;

/** A PostgreSQL plan name, with the message that says what one looks like. */
export const postgresqlPlan = () =>
  z
    .string()
    .regex(POSTGRESQL_PLAN, { message: 'must be a PostgreSQL plan name such as "postgresql-starter-512"' });
/** A Redis plan name, with the message that says what one looks like. */
export const redisPlan = () =>
  z.string().regex(REDIS_PLAN, { message: 'must be a Redis plan name such as "redis-starter-256"' });

/** `paasenv:addons`: PostgreSQL and Redis, each optional; plans by name (e.g. `postgresql-starter-512`). */
export const addonsSchema = z.strictObject({
  postgresql: z
    .strictObject({
      plan: postgresqlPlan().describe(
        "Plan name, e.g. `postgresql-starter-512`; changing it upgrades in place.",
      ),
      version: z
        .string()
        .regex(/^[0-9]+(\.[0-9]+)*(-[0-9]+)?$/, { message: 'must be a version such as "17" or "16.4.0"' })
        .optional()
        .describe("Version at creation (e.g. `17`); the platform's default when omitted."),
      ...postgresqlSettings,
    })
    .optional()
    .describe("A PostgreSQL database (`DATABASE_URL`); none when omitted."),
  redis: z
    .strictObject({
      plan: redisPlan().describe("Plan name, e.g. `redis-starter-256`; changing it upgrades in place."),
      ...redisSettings,
    })
    .optional()
    .describe("A Redis instance (`REDIS_URL`); none when omitted."),
});

/** The add-on providers of `paasenv:addons`. */
export type AddonKey = keyof z.infer<typeof addonsSchema>;

/** The plans of the configured add-ons, by provider. */
export function addonPlans(addons: z.infer<typeof addonsSchema>): Partial<Record<AddonKey, string>> {
  const plans: Partial<Record<AddonKey, string>> = {};
  if (addons.postgresql) plans.postgresql = addons.postgresql.plan;
  if (addons.redis) plans.redis = addons.redis.plan;
  return plans;
}

/** Where a plan comes from in the stack config: `paasenv:review.plans.*` in a review, else `paasenv:addons`. */
export function planConfigKey(environment: string, provider: AddonKey): string {
  return environment === "review" ? `paasenv:review.plans.${provider}` : `paasenv:addons.${provider}.plan`;
}
