/** `paasenv:storage`: the Scaleway Object Storage bucket, its expiration rules and its CORS rules. */
import { z } from "zod";

/** Scaleway Object Storage regions. @see https://www.scaleway.com/en/docs/object-storage/ */
export const STORAGE_REGIONS = ["fr-par", "nl-ams", "pl-waw"] as const;

const lifecycleRuleSchema = z.strictObject({
  id: z.string().min(1).describe("Rule name."),
  prefix: z.string().optional().describe("Only objects under this prefix."),
  expirationDays: z.int().min(1).optional().describe("Delete objects this many days after creation."),
  noncurrentVersionExpirationDays: z
    .int()
    .min(1)
    .optional()
    .describe("Delete old versions after this many days."),
  abortIncompleteMultipartUploadDays: z
    .int()
    .min(1)
    .optional()
    .describe("Abort unfinished uploads after this many days."),
});

const corsRuleSchema = z.strictObject({
  allowedOrigins: z
    .array(z.string().min(1))
    .min(1)
    .describe("Origins allowed to call the bucket; `{{origins}}` is one per host of the environment."),
  allowedMethods: z
    .array(z.enum(["GET", "PUT", "POST", "DELETE", "HEAD"]))
    .min(1)
    .describe("HTTP methods allowed."),
  allowedHeaders: z.array(z.string()).optional().describe("Request headers allowed."),
  maxAgeSeconds: z.int().min(0).optional().describe("How long browsers cache the preflight answer."),
});

/** `paasenv:storage`: a Scaleway Object Storage bucket whose credentials are handed to the app. */
export const storageSchema = z.strictObject({
  enabled: z
    .boolean()
    .default(false)
    .describe(
      "A bucket for the app alone (its policy admits the app and the deployer's `scaleway:accessKey`).",
    ),
  versioning: z.boolean().optional().describe("Keep old object versions; on by default in production only."),
  region: z
    .enum(STORAGE_REGIONS)
    .default("fr-par")
    .describe("Scaleway region of the bucket (changing it replaces the bucket)."),
  projectId: z
    .uuid({ message: "must be a Scaleway project ID (a UUID)" })
    .optional()
    .describe("Scaleway project; the provider's default project when omitted."),
  lifecycleRules: z.array(lifecycleRuleSchema).default([]).describe("Expiration rules."),
  corsRules: z.array(corsRuleSchema).default([]).describe("CORS rules for browser uploads and downloads."),
});
