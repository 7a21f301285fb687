/**
 * Zod schema *factories* for the Alwaysdata record provider: inputs, outputs and API responses.
 *
 * Each factory takes `z` as a parameter and provider methods pass `require("zod").z`: a module-level
 * schema (or a factory closing over an imported `z`) cannot be serialized into `__provider`
 * (docs/design.md, "How provider code reaches the engine").
 */
import type * as Z from "zod";
import type { Zod } from "../base/inputs";

/** Record types the Alwaysdata API accepts (`type` of `POST /v1/record/`). */
export const RECORD_TYPES = [
  "A",
  "AAAA",
  "ALIAS",
  "CAA",
  "CNAME",
  "DS",
  "MX",
  "NS",
  "PTR",
  "SRV",
  "TXT",
] as const;

/** One of {@link RECORD_TYPES}. */
export type RecordType = (typeof RECORD_TYPES)[number];

/** Whether a type read from the API is one paasenv manages. */
export const isRecordType = (type: string): type is RecordType => RECORD_TYPES.some((t) => t === type);

/** Resolved inputs of an `AlwaysdataRecord` (what `check` returns and `create`/`update` receive). */
export const recordInputsSchema = (z: Zod) =>
  z.object({
    zone: z.string().trim().min(1, 'must be a domain name such as "example.com"'),
    name: z.string().trim(),
    type: z.enum(RECORD_TYPES),
    value: z.string().trim().min(1, "must not be empty"),
    ttl: z.number().int().min(1).max(2_147_483_647).optional(),
    priority: z.number().int().min(0).max(65_535).optional(),
    annotation: z.string().optional(),
    adopt: z.boolean().default(false),
    providerVersion: z.string().optional(),
  });

/** Resolved inputs of an `AlwaysdataRecord`. */
export type RecordInputs = Z.infer<ReturnType<typeof recordInputsSchema>>;

/** Outputs stored in state: the inputs plus what the API assigned. */
export const recordOutputsSchema = (z: Zod) =>
  recordInputsSchema(z).extend({
    recordId: z.number().int(),
    domainId: z.number().int(),
    fqdn: z.string(),
  });

/** Outputs of an `AlwaysdataRecord`. */
export type RecordOutputs = Z.infer<ReturnType<typeof recordOutputsSchema>>;

/** `GET /v1/domain/`: the domains (DNS zones) of the account. */
export const apiDomainListSchema = (z: Zod) => z.array(z.object({ id: z.number().int(), name: z.string() }));

/** A domain as listed by `GET /v1/domain/`. */
export type ApiDomain = Z.infer<ReturnType<typeof apiDomainListSchema>>[number];

/**
 * One record of `GET /v1/record/`. `domain` is an id in the documented payload but a `{ href }`
 * object in the listings the Ansible module reads, so both are accepted.
 */
export const apiRecordSchema = (z: Zod) =>
  z.object({
    id: z.number().int(),
    domain: z
      .union([
        z.number().int(),
        z.string(),
        z.object({ id: z.number().int().optional(), href: z.string().optional() }),
      ])
      .nullish(),
    type: z.string(),
    name: z.string().nullish(),
    value: z.string(),
    ttl: z.number().int().nullish(),
    priority: z.number().int().nullish(),
    annotation: z.string().nullish(),
  });

/** A record exactly as the API returns it. */
export type ApiRecordBody = Z.infer<ReturnType<typeof apiRecordSchema>>;

/** `GET /v1/record/?domain=<id>`. */
export const apiRecordListSchema = (z: Zod) => z.array(apiRecordSchema(z));

/** The body of `POST /v1/record/`: empty on the real API (id in `Location`), or the new record. */
export const apiCreatedSchema = (z: Zod) =>
  z.union([z.object({ id: z.number().int() }), z.string(), z.null(), z.undefined()]);
