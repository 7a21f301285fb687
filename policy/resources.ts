/**
 * The resources the rules read, by type token, and their inputs read through the providers' own zod schemas
 * (so defaults are the providers' and no property name is guessed). A paasenv dynamic resource is typed
 * `pulumi-nodejs:dynamic/<module>:<Type>` (docs/design.md, "How provider code reaches the engine"); the
 * Scaleway ones are typed by their package. Readers touch only the fields they read: during a preview,
 * reading a value not yet known (an app's ID) would stop the policy.
 */
import { z } from "zod";
import {
  addonInputsSchema,
  appInputsSchema,
  domainInputsSchema,
  formationInputsSchema,
  variablesInputsSchema,
} from "../providers/scalingo/schemas";

/** The type tokens the rules target. */
export const TYPES = {
  app: "pulumi-nodejs:dynamic/scalingo:App",
  addon: "pulumi-nodejs:dynamic/scalingo:Addon",
  formation: "pulumi-nodejs:dynamic/scalingo:Formation",
  variables: "pulumi-nodejs:dynamic/scalingo:Variables",
  domain: "pulumi-nodejs:dynamic/scalingo:Domain",
  bucket: "scaleway:object/bucket:Bucket",
  bucketAcl: "scaleway:object/bucketAcl:BucketAcl",
  bucketPolicy: "scaleway:object/bucketPolicy:BucketPolicy",
} as const;

/** A resource as a rule sees it: what the engine hands a policy (its checked inputs and `protect`). */
export interface ResourceView {
  type: string;
  name: string;
  props: Record<string, unknown>;
  protect: boolean;
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

/** A Formation's processes, by process type. */
export const formationProcesses = (props: Record<string, unknown>) =>
  read(formationInputsSchema(z).shape.processes, props, "processes");

/** A Variables resource's variables, by name. */
export const variablesOf = (props: Record<string, unknown>) =>
  read(variablesInputsSchema(z).shape.variables, props, "variables");

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
