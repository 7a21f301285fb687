/**
 * `paasenv:app` and `paasenv:processes`: the Scalingo app and its formation. Regions, sizes, the container
 * maximum and the app-name rule are Scalingo's, read from `providers/scalingo/limits.ts`.
 */
import { z } from "zod";
import {
  appNameProblem,
  CONTAINER_SIZES,
  DEFAULT_REGION,
  DEFAULT_SIZE,
  MAX_CONTAINERS,
  REGIONS,
} from "../../providers/scalingo/limits";

const appName = z.string().superRefine((name, ctx) => {
  const problem = appNameProblem(name);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** `paasenv:app`: the Scalingo app itself. */
export const appSchema = z.strictObject({
  name: appName.describe("App name, unique per region; the app answers on `<name>.<region>.scalingo.io`."),
  region: z.enum(REGIONS).default(DEFAULT_REGION).describe("Scalingo region (changing it replaces the app)."),
  stack: z
    .string()
    .regex(/^scalingo-[0-9]+$/, { message: 'must look like "scalingo-<version>", e.g. "scalingo-24"' })
    .optional()
    .describe("Base image (`scalingo-24`, …); the platform's default stack when omitted."),
  forceHttps: z.boolean().default(true).describe("Redirect HTTP to HTTPS (must stay on in production)."),
  routerLogs: z.boolean().default(false).describe("Add the router's access logs to the app's logs."),
  stickySession: z.boolean().default(false).describe("Route a client to the same web container."),
});

const processSchema = z.strictObject({
  amount: z
    .int()
    .min(0)
    .max(MAX_CONTAINERS)
    .default(1)
    .describe(`Number of containers (0–${MAX_CONTAINERS}).`),
  size: z.enum(CONTAINER_SIZES).default(DEFAULT_SIZE).describe("Container size."),
});

/** `paasenv:processes`: the formation, keyed by process type (names from the app's Procfile). */
export const processesSchema = z.strictObject({
  web: processSchema.prefault({}).describe("The `web` process of the Procfile."),
  worker: processSchema.optional().describe("The `worker` process (e.g. Celery); none when omitted."),
});

/** One process type of the formation: how many containers of which size. */
export type ProcessConfig = z.infer<typeof processSchema>;
