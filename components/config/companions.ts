/**
 * `paasenv:companions`: apps paasenv runs beside the main one, keyed by kind so that another kind fits beside
 * `metabase` later. Metabase is deployed from Scalingo's archive (github.com/Scalingo/metabase-scalingo),
 * whose README and `scalingo.json` give its variables: `BUILDPACK_URL` (Scalingo's multi-buildpack, required)
 * and `MAX_METASPACE_SIZE` (`512m`).
 */
import { z } from "zod";
import {
  CONTAINER_SIZES,
  type ContainerSize,
  MAX_CONTAINERS,
  SIZE_MEMORY_MB,
} from "../../providers/scalingo/limits";
import { postgresqlPlan } from "./addons";
import type { AddIssue } from "./errors";
import { customDomainProblem } from "./hostnames";

/** The repository whose archive Metabase is deployed from. */
export const METABASE_REPOSITORY = "https://github.com/Scalingo/metabase-scalingo";
/** The archive's last commit when paasenv was written (2025-03-04, "update JDK to 21"). */
export const DEFAULT_METABASE_VERSION = "796a1674f6da1e38a1411a5083482ad1518a1bf3";
/** The Java metaspace the archive's `bin/start` allows by default (`MAX_METASPACE_SIZE=512m`). */
export const METABASE_METASPACE_MB = 512;
/** The variables the archive documents (README, `scalingo.json`). */
export const METABASE_VARIABLES = {
  BUILDPACK_URL: "https://github.com/Scalingo/multi-buildpack.git",
  MAX_METASPACE_SIZE: `${METABASE_METASPACE_MB}m`,
} as const;
/** The read-only user Metabase reads the main database with. */
export const METABASE_USER = "metabase";

/** The archive of `version` (a tag or a commit of the repository). */
export const metabaseArchiveUrl = (version: string): string =>
  `${METABASE_REPOSITORY}/archive/${version}.tar.gz`;

/** Sizes with more memory than the metaspace alone takes. */
export const METABASE_SIZES: readonly ContainerSize[] = CONTAINER_SIZES.filter(
  (size) => SIZE_MEMORY_MB[size] > METABASE_METASPACE_MB,
);

const BRANCHES = ["master", "main", "HEAD"];

const version = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: "must be a tag or a commit of the archive's repository" })
  .refine((ref) => !BRANCHES.includes(ref), {
    message: "must be a tag or a commit, not a branch: a branch's archive changes while its URL does not",
  });

const size = z.enum(CONTAINER_SIZES).superRefine((value, ctx) => {
  if (METABASE_SIZES.includes(value)) return;
  const allowed = METABASE_SIZES.join(", ");
  const memory = SIZE_MEMORY_MB[value];
  ctx.addIssue({
    code: "custom",
    message: `must be one of ${allowed}: Metabase's metaspace (MAX_METASPACE_SIZE=${METABASE_VARIABLES.MAX_METASPACE_SIZE}) alone fills a ${value} container (${memory} MB)`,
  });
});

const domain = z.string().superRefine((name, ctx) => {
  const problem = customDomainProblem(name);
  if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
});

/** `paasenv:companions.metabase`. */
export const metabaseSchema = z.strictObject({
  version: version
    .default(DEFAULT_METABASE_VERSION)
    .describe("Tag or commit of Scalingo/metabase-scalingo to deploy; a new one redeploys."),
  size: size.default("L").describe(`Container size (${METABASE_SIZES.join(", ")}).`),
  amount: z.int().min(1).max(MAX_CONTAINERS).default(1).describe("Web containers."),
  plan: postgresqlPlan().default("postgresql-starter-512").describe("Plan of Metabase's own PostgreSQL."),
  domain: domain
    .optional()
    .describe("Custom domain of the Metabase app, with its DNS record like the main app's."),
  keyRotation: z
    .string()
    .default("")
    .describe("Change to generate a new `MB_ENCRYPTION_SECRET_KEY` (see docs/companions.md first)."),
});

/** `paasenv:companions`: apps beside the main one, by kind. */
export const companionsSchema = z.strictObject({
  metabase: metabaseSchema
    .optional()
    .describe(
      "A Metabase app with its own PostgreSQL and read-only access to the main one; none when omitted.",
    ),
});

/** The parsed `paasenv:companions.metabase`. */
export type MetabaseConfig = z.infer<typeof metabaseSchema>;

/** What the rules read of a parsed config. */
export interface CompanionsConfig {
  environment: string;
  companions: { metabase?: MetabaseConfig | undefined };
  addons: { postgresql?: { users?: { name: string }[] | undefined } | undefined };
  domains: readonly { name: string }[];
  dns: { zone?: string | undefined };
}

/**
 * Metabase reads the main PostgreSQL (so there must be one), with a user of its own name; its domain is in the
 * DNS zone and not the main app's; production gets no sandbox plan.
 */
export function checkCompanions(config: CompanionsConfig, issue: AddIssue): void {
  const metabase = config.companions.metabase;
  if (metabase === undefined) return;
  const postgresql = config.addons.postgresql;
  if (postgresql === undefined)
    issue(
      ["companions", "metabase"],
      "needs `paasenv:addons.postgresql`: Metabase reads it with a read-only user",
    );
  (postgresql?.users ?? []).forEach((user, i) => {
    if (user.name === METABASE_USER)
      issue(
        ["addons", "postgresql", "users", i, "name"],
        "is the user `paasenv:companions.metabase` makes",
        user.name,
      );
  });
  checkMetabaseDomain(config, metabase.domain, issue);
  if (config.environment === "production" && metabase.plan.endsWith("-sandbox"))
    issue(
      ["companions", "metabase", "plan"],
      "must not be a sandbox plan in production (no backups)",
      metabase.plan,
    );
}

function checkMetabaseDomain(config: CompanionsConfig, name: string | undefined, issue: AddIssue): void {
  if (name === undefined) return;
  const path = ["companions", "metabase", "domain"];
  if (config.domains.some((d) => d.name === name)) issue(path, "is a domain of the main app", name);
  const zone = config.dns.zone;
  if (zone !== undefined && name !== zone && !name.endsWith(`.${zone}`))
    issue(path, `is not in the DNS zone "${zone}" (\`paasenv:dns.zone\`)`, name);
}
