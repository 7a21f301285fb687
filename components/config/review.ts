/**
 * Review environments: a stack `review-<N>` holds a copy of its source stack's configuration plus
 * `paasenv:environment: review` and `paasenv:reviewNumber: N`. This pure function then overrides that copy
 * with the review defaults, which the copied `paasenv:review` object (its schema is here too) may adjust.
 */

import { z } from "zod";
import { CONTAINER_SIZES } from "../../providers/scalingo/limits";
import { postgresqlPlan, redisPlan } from "./addons";
import type { DomainConfig } from "./domains";
import { reviewAppName } from "./naming";
import { KEEPABLE, keepOnly } from "./review-keep";
import type { StackConfig } from "./schema";

/** `paasenv:review`: how review environments differ from their source stack. */
export const reviewSchema = z.strictObject({
  worker: z.boolean().default(false).describe("Run one worker container in review environments."),
  domain: z.boolean().default(false).describe("Give the review app `review-<N>.<source canonical domain>`."),
  size: z.enum(CONTAINER_SIZES).default("S").describe("Container size of review processes."),
  plans: z
    .strictObject({
      postgresql: postgresqlPlan().default("postgresql-sandbox").describe("PostgreSQL plan."),
      redis: redisPlan().default("redis-sandbox").describe("Redis plan."),
    })
    .prefault({})
    .describe("Add-on plans of review environments."),
  keep: z
    .array(z.enum(KEEPABLE))
    .default([])
    .describe(`Production resources review environments keep (none by default): ${KEEPABLE.join(", ")}.`),
});

/** The configuration a review environment really runs with; other environments are returned unchanged. */
export function applyReviewOverrides(config: StackConfig): StackConfig {
  if (config.environment !== "review" || config.reviewNumber === undefined) return config;
  const { review, reviewNumber } = config;
  const reviewProcess = { amount: 1, size: review.size };
  const kept = keepOnly(config, review.keep);
  return {
    ...kept,
    app: { ...config.app, name: reviewAppName(config.app.name, reviewNumber) },
    processes: { web: reviewProcess, ...(review.worker ? { worker: reviewProcess } : {}) },
    addons: {
      ...(kept.addons.postgresql
        ? { postgresql: { ...kept.addons.postgresql, plan: review.plans.postgresql } }
        : {}),
      ...(kept.addons.redis ? { redis: { ...kept.addons.redis, plan: review.plans.redis } } : {}),
    },
    domains: reviewDomains(config.domains, reviewNumber, review.domain),
  };
}

/** `review-<N>.<source canonical domain>` when asked for and the source has a domain, else none. */
export function reviewDomains(
  domains: DomainConfig[],
  reviewNumber: number,
  wanted: boolean,
): DomainConfig[] {
  const canonical = canonicalDomain(domains);
  if (!wanted || !canonical) return [];
  return [{ name: `review-${reviewNumber}.${canonical}`, canonical: true }];
}

/** The canonical domain: the one marked so, or the only one. */
export function canonicalDomain(domains: DomainConfig[]): string | undefined {
  if (domains.length === 1) return domains[0]?.name;
  return domains.find((domain) => domain.canonical === true)?.name;
}
