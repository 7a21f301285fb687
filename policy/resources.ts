/**
 * The resources the rules read, by type token, and their inputs read through the providers' own zod schemas
 * (so defaults are the providers' and no property name is guessed). A paasenv dynamic resource is typed
 * `pulumi-nodejs:dynamic/<module>:<Type>` (docs/design.md, "How provider code reaches the engine"); the
 * Scaleway ones are typed by their package. Readers touch only the fields they read: during a preview,
 * reading a value not yet known (an app's ID) would stop the policy.
 */
import { z } from "zod";
import { databaseSettingsInputsSchema } from "../providers/scalingo/database-schemas";
import { alertInputsSchema, notifierInputsSchema } from "../providers/scalingo/monitoring-schemas";
import {
  addonInputsSchema,
  appInputsSchema,
  domainInputsSchema,
  formationInputsSchema,
} from "../providers/scalingo/schemas";

/** The type tokens the rules target. */
export const TYPES = {
  app: "pulumi-nodejs:dynamic/scalingo:App",
  addon: "pulumi-nodejs:dynamic/scalingo:Addon",
  formation: "pulumi-nodejs:dynamic/scalingo:Formation",
  variables: "pulumi-nodejs:dynamic/scalingo:Variables",
  domain: "pulumi-nodejs:dynamic/scalingo:Domain",
  databaseSettings: "pulumi-nodejs:dynamic/scalingo:DatabaseSettings",
  notifier: "pulumi-nodejs:dynamic/scalingo:Notifier",
  alert: "pulumi-nodejs:dynamic/scalingo:Alert",
  logDrain: "pulumi-nodejs:dynamic/scalingo:LogDrain",
  bucket: "scaleway:object/bucket:Bucket",
  bucketAcl: "scaleway:object/bucketAcl:BucketAcl",
  bucketPolicy: "scaleway:object/bucketPolicy:BucketPolicy",
} as const;

/**
 * A resource as a rule sees it: what the engine hands a policy (its checked inputs and `protect`), and the
 * URNs of the add-ons its `addonId` input comes from (its property dependencies: the ID itself is not known
 * before the add-on exists).
 */
export interface ResourceView {
  type: string;
  name: string;
  urn: string;
  props: Record<string, unknown>;
  protect: boolean;
  addonUrns: readonly string[];
}

/** One input of `props` through the schema of its field; `undefined` when it does not parse. */
function read<S extends z.ZodType>(
  schema: S,
  props: Record<string, unknown>,
  key: string,
): z.output<S> | undefined {
  const parsed = schema.safeParse(props[key]);
  return parsed.success ? parsed.data : undefined;
}

const app = () => appInputsSchema(z).shape;
const addon = () => addonInputsSchema(z).shape;
const domain = () => domainInputsSchema(z).shape;
const settings = () => databaseSettingsInputsSchema(z).shape;
const alert = () => alertInputsSchema(z).shape;

/** A Formation's processes, by process type. */
export const formationProcesses = (props: Record<string, unknown>) =>
  read(formationInputsSchema(z).shape.processes, props, "processes");

/** The types a Formation hands to their autoscaler, with its bounds. */
export const formationAutoscaled = (props: Record<string, unknown>) =>
  read(formationInputsSchema(z).shape.autoscaled, props, "autoscaled") ?? {};

/** A DatabaseSettings' periodic backups and maintenance window (each `undefined` when not managed). */
export const databaseSettingsOf = (props: Record<string, unknown>) => ({
  backups: read(settings().backups, props, "backups"),
  maintenanceWindow: read(settings().maintenanceWindow, props, "maintenanceWindow"),
});

/** An Alert's process type, metric and whether it is disabled. */
export const alertOf = (props: Record<string, unknown>) => ({
  type: read(alert().containerType, props, "containerType"),
  metric: read(alert().metric, props, "metric"),
  disabled: read(alert().disabled, props, "disabled") ?? false,
});

/** A Notifier's name and whether it is active. */
export const notifierOf = (props: Record<string, unknown>) => ({
  name: read(notifierInputsSchema(z).shape.name, props, "name"),
  active: read(notifierInputsSchema(z).shape.active, props, "active") ?? true,
});

/** Whether a LogDrain drains an add-on (its `addonId` is declared, known or not yet) rather than the app. */
export const drainsAddon = (props: Record<string, unknown>) => "addonId" in props;

/**
 * A Variables resource's variable names. Values are read one by one ({@link variableValue}): during a preview
 * some are not known yet (`{{hosts}}` needs the app's URL), and reading one of those would stop the policy.
 */
export function variableNames(props: Record<string, unknown>): string[] {
  const variables = props.variables;
  return variables !== null && typeof variables === "object" ? Object.keys(variables) : [];
}

/** One variable's value, when it is a known string. */
export function variableValue(props: Record<string, unknown>, name: string): string | undefined {
  const variables = props.variables;
  if (variables === null || typeof variables !== "object") return undefined;
  const value: unknown = Reflect.get(variables, name);
  return typeof value === "string" ? value : undefined;
}

/** An App's name, region and stack (`undefined` when it runs the platform's default). */
export const appStack = (props: Record<string, unknown>) => ({
  name: read(app().name, props, "name"),
  region: read(app().region, props, "region"),
  stack: read(app().stack, props, "stack"),
});

/** An Addon's provider (`postgresql`, `redis`), plan, and the config key its plan came from. */
export const addonPlan = (props: Record<string, unknown>) => ({
  provider: read(addon().provider, props, "provider"),
  plan: read(addon().plan, props, "plan"),
  planKey: read(addon().configKeys, props, "configKeys")?.plan,
});

/** A Domain's name and how its certificate comes: Let's Encrypt (the default) or a certificate of its own. */
export const domainTls = (props: Record<string, unknown>) => ({
  name: read(domain().name, props, "name"),
  letsEncrypt: read(domain().letsEncrypt, props, "letsEncrypt") ?? true,
  certificate: read(domain().tlsCert, props, "tlsCert") !== undefined,
});

const text = z.string();

/** A string input of a resource of another package (the Scaleway bucket's `acl`, …). */
export const textInput = (props: Record<string, unknown>, key: string) => read(text, props, key);

/** A Scaleway bucket's `versioning.enabled`. */
export const bucketVersioning = (props: Record<string, unknown>) =>
  read(z.object({ enabled: z.boolean().optional() }), props, "versioning")?.enabled ?? false;
