/**
 * What a dynamic resource declares once, and the provider methods built from it: `configure`, `check` and
 * `diff` whole, and the first line of each CRUD method (`require("zod")`, parse, name the operation, connect):
 *
 * ```ts
 * export const formationProvider: ScalingoProvider = {
 *   ...providerMethods(FORMATION),
 *   async create(raw) {
 *     const { inputs, op, client } = await begin(this, "create", raw, FORMATION);
 *     …
 * ```
 *
 * Declarations are plain data and pure functions, captured by value into `__provider` with the methods.
 */
import type { dynamic } from "@pulumi/pulumi";
import type { z } from "zod";
import { type DiffDeclaration, type DiffOutcome, diffInputs } from "./diff";
import { type Bag, checkInputs, type Failure, type FieldWording, parseInputs, type Zod } from "./inputs";

/** Reads one config key (`scalingo:apiToken`); `undefined` when unset. */
export type ConfigGetter = (key: string) => string | undefined;

/** What a provider object carries between `configure` and its other methods (set at run time only). */
export interface SessionHolder<S> {
  /** `kept`: the objects this run manages, which no stale record may delete (`data-loss.ts`, `keep`). */
  session?: { settings: S; kept?: Set<string> };
}

/** A provider object: every method present (tests call them directly), plus its session. */
export type DynamicProvider<S> = Required<dynamic.ResourceProvider<Bag, Bag>> & SessionHolder<S>;

/** What every resource of one provider shares. */
export interface ProviderDeclaration<S, C> {
  /** The provider's name, for error names (`Scalingo`). */
  provider: string;
  /** How one bad field is worded. */
  field: FieldWording;
  /** The settings `configure` keeps on the provider object, from the stack config (and the environment). */
  settings: (get: ConfigGetter) => S;
  /** A client for these (parsed) inputs, e.g. bound to their region, for one CRUD step (`verb`). */
  connect: (holder: SessionHolder<S>, inputs: Bag, verb: Verb) => Promise<C>;
  /** Inputs `check` fills from the settings before validating (Scalingo: the region). */
  defaults?: (news: Bag, settings: S | undefined) => Bag;
}

/** A CRUD step, for operation names and messages. */
export type Verb = "create" | "read" | "update" | "delete";

/** What one resource declares: its schemas, how it is named, its rules and its diff. */
export interface ResourceDeclaration<I extends z.ZodObject, O extends z.ZodType, S, C> {
  api: ProviderDeclaration<S, C>;
  /** The resolved inputs (a factory taking `z`). */
  inputs: (z: Zod) => I;
  /** What `read`/`delete` parse from stored outputs (often the inputs: other keys are stripped). */
  state: (z: Zod) => O;
  /** What is wrong when stored outputs do not parse. @default `"invalid inputs"` */
  stateProblem?: string;
  /** Names the resource in parse errors: `App "shop"`, `update Alwaysdata record 12`. */
  label: (props: Bag, verb: Verb, id?: string) => string;
  /** Names the resource at the start of `check` failures, if the provider does. */
  checkLabel?: (news: Bag) => string;
  /** The object operations name: `app "shop"` in `create app "shop"`. */
  what: (inputs: z.output<I> | z.output<O>) => string;
  /** Rules across fields, in `check` and in `create`/`update` (they must skip unknown values). */
  rules?: (inputs: Bag) => Failure[];
  /** Rules between the stored outputs and new inputs, in `check` only (Addon: a replacement that loses data). */
  changeRules?: (olds: Bag, inputs: Bag, label: string) => Failure[];
  /**
   * Rules that ask the API (Scalingo: its catalog of stacks and plans), in `check` only, once every other rule
   * passed. They must call the API only for values that differ from `olds`, so an unchanged preview makes no call.
   */
  catalogRules?: (holder: SessionHolder<S>, olds: Bag, inputs: Bag, label: string) => Promise<Failure[]>;
  diff: DiffDeclaration;
}

/** `configure`, `check` and `diff` of a resource, from its declaration (zod is `require`d at run time). */
export function providerMethods<I extends z.ZodObject, O extends z.ZodType, S, C>(
  declaration: ResourceDeclaration<I, O, S, C>,
) {
  const { api } = declaration;
  return {
    async configure(this: SessionHolder<S>, req: dynamic.ConfigureRequest): Promise<void> {
      this.session = { settings: api.settings((key) => req.config.get(key)) };
    },
    async check(this: SessionHolder<S>, olds: Bag, news: Bag) {
      const { z }: { z: Zod } = require("zod");
      const label = declaration.checkLabel?.(news);
      const filled = api.defaults?.(news, this.session?.settings) ?? news;
      const wording = { label, field: api.field, rules: declaration.rules };
      const checked = checkInputs(declaration.inputs(z), filled, wording);
      if (checked.failures.length > 0) return checked;
      const changes = declaration.changeRules?.(olds, checked.inputs, label ?? "") ?? [];
      if (changes.length > 0 || declaration.catalogRules === undefined)
        return { ...checked, failures: changes };
      return {
        ...checked,
        failures: await declaration.catalogRules(this, olds, checked.inputs, label ?? ""),
      };
    },
    async diff(_id: string, olds: Bag, news: Bag): Promise<DiffOutcome> {
      return diffInputs(declaration.diff, olds, news);
    },
  };
}

/** Stored outputs parsed for `verb` (`read`, `delete`, or the olds of `update`). */
export function parseState<I extends z.ZodObject, O extends z.ZodType, S, C>(
  z: Zod,
  raw: Bag,
  declaration: ResourceDeclaration<I, O, S, C>,
  verb: Verb,
  id?: string,
): z.output<O> {
  const { api } = declaration;
  const label = declaration.label(raw, verb, id);
  const wording = { provider: api.provider, label, field: api.field, problem: declaration.stateProblem };
  return parseInputs(declaration.state(z), raw, wording);
}

/** The first line of `create`/`update`: parse `raw`, name the operation (`create app "shop"`), connect. */
export async function begin<I extends z.ZodObject, O extends z.ZodType, S, C>(
  holder: SessionHolder<S>,
  verb: "create" | "update",
  raw: Bag,
  declaration: ResourceDeclaration<I, O, S, C>,
  id?: string,
): Promise<{ z: Zod; inputs: z.output<I>; op: string; client: C }> {
  const { z }: { z: Zod } = require("zod");
  const { api } = declaration;
  const label = declaration.label(raw, verb, id);
  const wording = { provider: api.provider, label, field: api.field, rules: declaration.rules };
  const inputs = parseInputs(declaration.inputs(z), raw, wording);
  const client = await api.connect(holder, inputs, verb);
  return { z, inputs, op: `${verb} ${declaration.what(inputs)}`, client };
}

/** The first line of `read`/`delete`: parse the stored outputs, name the operation, connect. */
export async function beginFromState<I extends z.ZodObject, O extends z.ZodType, S, C>(
  holder: SessionHolder<S>,
  verb: "read" | "delete",
  raw: Bag,
  declaration: ResourceDeclaration<I, O, S, C>,
  id?: string,
): Promise<{ z: Zod; state: z.output<O>; op: string; client: C }> {
  const { z }: { z: Zod } = require("zod");
  const state = parseState(z, raw, declaration, verb, id);
  const client = await declaration.api.connect(holder, state as Bag, verb);
  return { z, state, op: `${verb} ${declaration.what(state)}`, client };
}
