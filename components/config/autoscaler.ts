/**
 * `paasenv:autoscaler`: autoscalers of `web` and `worker`. An autoscaled type's container count is the
 * autoscaler's (between `min` and `max`); `paasenv:processes` still sets its size.
 * @see https://doc.scalingo.com/platform/app/scaling/scalingo-autoscaler
 */
import { z } from "zod";
import { MAX_CONTAINERS } from "../../providers/scalingo/limits";
import {
  AUTOSCALER_METRICS,
  AUTOSCALER_MIN_CONTAINERS,
  ROUTER_METRICS,
} from "../../providers/scalingo/production-limits";
import type { AddIssue } from "./errors";

const count = (what: string) => z.int().min(AUTOSCALER_MIN_CONTAINERS).max(MAX_CONTAINERS).describe(what);

/** A worker has no router metrics: the router measures `web` only. */
const WORKER_METRICS = AUTOSCALER_METRICS.filter((m) => !ROUTER_METRICS.includes(m));

const autoscalerSchema = <M extends z.ZodType>(metric: M) =>
  z.strictObject({
    min: count(`Fewest containers (at least ${AUTOSCALER_MIN_CONTAINERS}).`),
    max: count(`Most containers (at most ${MAX_CONTAINERS}).`),
    metric,
    target: z
      .number()
      .positive()
      .describe("Value aimed at (requests per minute per container, ms, or a ratio)."),
  });

/** `paasenv:autoscaler`. */
export const autoscalersSchema = z.strictObject({
  web: autoscalerSchema(z.enum(AUTOSCALER_METRICS).default("rpm_per_container").describe("Metric followed."))
    .optional()
    .describe("Autoscaler of `web`."),
  worker: autoscalerSchema(
    z.enum(WORKER_METRICS).default("cpu").describe("Metric followed (no router metric)."),
  )
    .optional()
    .describe("Autoscaler of `worker`."),
});

export type AutoscalerConfig = z.infer<typeof autoscalersSchema>;

/** Rules across fields: max ≥ min, a worker to scale. */
export function checkAutoscaler(
  autoscaler: AutoscalerConfig | undefined,
  hasWorker: boolean,
  issue: AddIssue,
): void {
  for (const type of ["web", "worker"] as const) {
    const a = autoscaler?.[type];
    if (a === undefined) continue;
    if (a.max < a.min) issue(["autoscaler", type, "max"], `must be at least \`min\` (${a.min})`, a.max);
    if (type === "worker" && !hasWorker) issue(["autoscaler", "worker"], "needs `paasenv:processes.worker`");
  }
}
