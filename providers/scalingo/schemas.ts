/**
 * Zod schemas of the Scalingo provider: resource inputs and API payloads.
 *
 * Every schema is a **factory taking `z` as a parameter**: a zod schema instance held at module level cannot be
 * serialized into `__provider` (pulumi/pulumi#5294), and a factory closing over an imported `z` inlines zod when
 * serialized under a test runner. Provider methods call `require("zod")` and pass `z` in.
 * @see docs/design.md, "How provider code reaches the engine"
 */
import type { z } from "zod";
import type { Zod } from "../base/inputs";
import { APP_NAME_MAX, APP_NAME_MIN, APP_NAME_PATTERN, CONTAINER_SIZES } from "./limits";

export type { Zod } from "../base/inputs";
export type { ContainerSize } from "./limits";

const APP_NAME_LENGTH = `must be ${APP_NAME_MIN} to ${APP_NAME_MAX} characters long`;

/** Fields every resource accepts besides its own. */
const common = (z: Zod) => ({
  /** Bumped by the resource class when CRUD logic changes, so an `up` rewrites `__provider` in state. */
  providerVersion: z.string().default("1"),
  /** The Pulumi resource name, for messages only (never compared by `diff`). */
  resourceName: z.string().optional(),
  /** The stack-config key each checked input came from (`{ stack: "paasenv:app.stack" }`), for messages only. */
  configKeys: z.record(z.string(), z.string()).optional(),
});

/** A region name; which ones exist is checked against `GET /v1/regions` at run time. */
const region = (z: Zod) =>
  z
    .string({ error: "must be a Scalingo region such as osc-fr1" })
    .min(1, "must be a Scalingo region such as osc-fr1");

/** Fields every child resource of an app accepts. */
export const childFields = (z: Zod) => ({
  ...common(z),
  appId: z.string({ error: "must be the app's ID (App.appId)" }).min(1, "must be the app's ID (App.appId)"),
  region: region(z),
});

/** Inputs of an App. */
export const appInputsSchema = (z: Zod) =>
  z.object({
    ...common(z),
    name: z
      .string({ error: `must be the app name (${APP_NAME_MIN} to ${APP_NAME_MAX} characters)` })
      .min(APP_NAME_MIN, APP_NAME_LENGTH)
      .max(APP_NAME_MAX, APP_NAME_LENGTH)
      .regex(
        APP_NAME_PATTERN,
        "must contain only lower-case letters, digits and single hyphens, and not start or end with a hyphen",
      ),
    region: region(z),
    stack: z.string().min(1).optional(),
    forceHttps: z.boolean().default(true),
    routerLogs: z.boolean().default(false),
    stickySession: z.boolean().default(false),
    /** The add-on providers the environment declares on the app: its data, which a replacement would lose. */
    addons: z.array(z.string()).default([]),
    adopt: z.boolean().optional(),
    /** The add-on plans to check against the catalog with the app, before anything is created (never diffed). */
    addonPlans: z.partialRecord(z.enum(["postgresql", "redis"]), z.string().min(1)).optional(),
  });

/** Add-on providers accepted as input; the legacy `scalingo-` spellings are normalised away. */
export const ADDON_PROVIDERS = ["postgresql", "redis", "scalingo-postgresql", "scalingo-redis"] as const;

/** Inputs of an Addon (`provider` comes out normalised to `postgresql` or `redis`). */
export const addonInputsSchema = (z: Zod) =>
  z.object({
    ...childFields(z),
    provider: z
      .enum(ADDON_PROVIDERS, {
        error: "must be one of postgresql, redis (or scalingo-postgresql, scalingo-redis)",
      })
      .transform((p) => (p === "scalingo-postgresql" || p === "scalingo-redis" ? p.slice(9) : p)),
    plan: z
      .string({ error: "must be a plan name such as postgresql-starter-512" })
      .min(1, "must be a plan name such as postgresql-starter-512"),
    version: z.string().min(1).optional(),
    adopt: z.boolean().optional(),
  });

/** Inputs of a Variables resource. */
export const variablesInputsSchema = (z: Zod) =>
  z.object({
    ...childFields(z),
    variables: z.record(
      z
        .string()
        .max(64, "variable names are at most 64 characters long")
        .regex(
          /^[A-Za-z0-9][A-Za-z0-9_]*$/,
          "variable names contain only letters, digits and underscores, and do not start with an underscore",
        ),
      z.string().max(32768, "variable values are at most 32768 characters long"),
    ),
    restartOnChange: z.boolean().default(false),
    /** Keys whose change restarts the app even without `restartOnChange` (Scalingo reads them at start). */
    restartKeys: z.array(z.string()).optional(),
  });

/** Process types: lower-case names from the Procfile. */
export const CONTAINER_TYPE_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;

/** Inputs of a Formation. */
export const formationInputsSchema = (z: Zod) =>
  z.object({
    ...childFields(z),
    processes: z.record(
      z.string().regex(CONTAINER_TYPE_PATTERN, "process types are lower-case names from the Procfile"),
      z.object({
        amount: z.number().int("must be a whole number").min(0, "must be 0 or more"),
        size: z.enum(CONTAINER_SIZES, { error: `must be one of ${CONTAINER_SIZES.join(", ")}` }),
      }),
    ),
    /** Types whose amount an autoscaler owns, with its bounds: the formation keeps them within, no more. */
    autoscaled: z
      .record(
        z.string().regex(CONTAINER_TYPE_PATTERN, "process types are lower-case names from the Procfile"),
        z.object({ min: z.int().min(0), max: z.int().min(0) }),
      )
      .default({}),
  });

/** Inputs of a Domain. */
export const domainInputsSchema = (z: Zod) =>
  z
    .object({
      ...childFields(z),
      name: z
        .string({ error: "must be a host name such as www.example.com" })
        .max(253)
        .regex(
          /^(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/,
          "must be a lower-case host name such as www.example.com",
        ),
      canonical: z.boolean().default(false),
      letsEncrypt: z.boolean().default(true),
      tlsCert: z.string().min(1).optional(),
      tlsKey: z.string().min(1).optional(),
      adopt: z.boolean().optional(),
    })
    .refine((d) => (d.tlsCert === undefined) === (d.tlsKey === undefined), {
      message: "must be set together with `tlsCert` (set both or neither)",
      path: ["tlsKey"],
    });

/** `POST {auth}/v1/tokens/exchange` → `{"token":"<jwt>"}`. */
export const exchangeSchema = (z: Zod) => z.object({ token: z.string().min(1) });

/** One region of `GET {auth}/v1/regions`. */
export const regionSchema = (z: Zod) =>
  z.object({ name: z.string(), api: z.string(), database_api: z.string() });

/** The app object. */
export const appSchema = (z: Zod) =>
  z.object({
    id: z.string(),
    name: z.string(),
    region: z.string().optional(),
    status: z.string(),
    url: z.string(),
    base_url: z.string(),
    git_url: z.string(),
    force_https: z.boolean(),
    router_logs: z.boolean(),
    sticky_session: z.boolean(),
    stack_id: z.string().nullish(),
    last_deployed_at: z.string().nullish(),
  });

/** A stack of `GET /v1/features/stacks`; `deprecated_at` (a date) is set once Scalingo deprecates it. */
export const stackSchema = (z: Zod) =>
  z.object({ id: z.string(), name: z.string(), deprecated_at: z.string().nullish() });

/** An add-on plan. */
export const planSchema = (z: Zod) => z.object({ id: z.string(), name: z.string() });

/** The add-on object. */
export const addonSchema = (z: Zod) =>
  z.object({
    id: z.string(),
    app_id: z.string().optional(),
    resource_id: z.string(),
    status: z.string(),
    plan: planSchema(z),
    addon_provider: z.object({ id: z.string() }),
  });

/** `POST /v1/apps/:app/addons` → add-on plus the injected variable names. */
export const addonCreatedSchema = (z: Zod) =>
  z.object({ addon: addonSchema(z), variables: z.array(z.string()).optional() });

/** An environment variable. */
export const variableSchema = (z: Zod) => z.object({ id: z.string(), name: z.string(), value: z.string() });

/** One process type of the formation. */
export const containerSchema = (z: Zod) =>
  z.object({ name: z.string(), amount: z.number(), size: z.string() });

/** An asynchronous operation. */
export const operationSchema = (z: Zod) =>
  z.object({ id: z.string(), status: z.string(), type: z.string().optional(), error: z.string().nullish() });

/** The domain object. */
export const domainSchema = (z: Zod) =>
  z.object({
    id: z.string(),
    name: z.string(),
    canonical: z.boolean(),
    letsencrypt_enabled: z.boolean(),
    ssl_status: z.string().nullish(),
    letsencrypt_status: z.string().nullish(),
  });

/** Resolved inputs of an App. */
export type AppInputs = z.infer<ReturnType<typeof appInputsSchema>>;
/** Resolved inputs of an Addon. */
export type AddonInputs = z.infer<ReturnType<typeof addonInputsSchema>>;
/** Resolved inputs of a Variables resource. */
export type VariablesInputs = z.infer<ReturnType<typeof variablesInputsSchema>>;
/** Resolved inputs of a Formation. */
export type FormationInputs = z.infer<ReturnType<typeof formationInputsSchema>>;
/** Resolved inputs of a Domain. */
export type DomainInputs = z.infer<ReturnType<typeof domainInputsSchema>>;
/** The app object as parsed. */
export type ApiApp = z.infer<ReturnType<typeof appSchema>>;
/** The add-on object as parsed. */
export type ApiAddon = z.infer<ReturnType<typeof addonSchema>>;
/** A variable as parsed. */
export type ApiVariable = z.infer<ReturnType<typeof variableSchema>>;
/** A formation entry as parsed. */
export type ApiContainer = z.infer<ReturnType<typeof containerSchema>>;
/** The domain object as parsed. */
export type ApiDomain = z.infer<ReturnType<typeof domainSchema>>;
/** A region as parsed. */
export type ApiRegion = z.infer<ReturnType<typeof regionSchema>>;
