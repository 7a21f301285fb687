/**
 * The `diff` scaffolding every dynamic provider shares: field-by-field comparison of stored outputs and new
 * inputs, replacements from a `REPLACE_ON` list (Terraform's `ForceNew`), `changes` always a boolean (anything
 * else makes the engine diff `__provider` itself). Pure functions only: providers capture them by value.
 */
import { type Bag, containsUnknown } from "./inputs";

/** Structural equality for JSON-like values (key order and `undefined` keys ignored). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Bag)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Bag)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameValue((a as Bag)[k], (b as Bag)[k]));
}

/** The result of `diff`. */
export interface DiffOutcome {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace?: boolean;
}

/**
 * Compare the declared `fields` of stored outputs and new inputs. An unknown new value counts as a change;
 * fields listed in `replaceOn` go into `replaces`. `__provider`, `adopt` and `resourceName` are never compared
 * because they are never listed.
 */
export function diffFields(
  olds: Bag,
  news: Bag,
  fields: readonly string[],
  replaceOn: readonly string[],
): DiffOutcome {
  const changed = fields.filter((f) => containsUnknown(news[f]) || !sameValue(olds[f], news[f]));
  return { changes: changed.length > 0, replaces: changed.filter((f) => replaceOn.includes(f)) };
}

/** What a resource declares for its `diff`. */
export interface DiffDeclaration {
  /** The fields compared, in order (never `__provider`, `adopt`, `resourceName`). */
  fields: readonly string[];
  /** The fields whose change replaces the object (Terraform's `ForceNew`). */
  replaceOn: readonly string[];
  /** Equality where structural equality is wrong for a field (a name written in either of two forms). */
  same?: Readonly<Record<string, (olds: Bag, news: Bag) => boolean>>;
  /** Changes of a `replaceOn` field that do not replace (the same app behind an unknown ID). */
  keeps?: (field: string, olds: Bag, news: Bag) => boolean;
  /** Whether a replacement deletes the old object first; when absent, `diff` leaves the engine's default. */
  deleteBeforeReplace?: (replaces: readonly string[]) => boolean;
}

/** Whether `field` changed: an unknown new value always does. */
export function fieldChanged(declaration: DiffDeclaration, field: string, olds: Bag, news: Bag): boolean {
  if (containsUnknown(news[field])) return true;
  const same = declaration.same?.[field];
  return same === undefined ? !sameValue(olds[field], news[field]) : !same(olds, news);
}

/** The fields whose change replaces the object, in declaration order. */
export function replacedFields(declaration: DiffDeclaration, olds: Bag, news: Bag): string[] {
  return declaration.replaceOn.filter(
    (f) => fieldChanged(declaration, f, olds, news) && !(declaration.keeps?.(f, olds, news) ?? false),
  );
}

/** The `diff` of a resource, from its declaration. */
export function diffInputs(declaration: DiffDeclaration, olds: Bag, news: Bag): DiffOutcome {
  const changes = declaration.fields.some((f) => fieldChanged(declaration, f, olds, news));
  const replaces = changes ? replacedFields(declaration, olds, news) : [];
  const { deleteBeforeReplace } = declaration;
  return deleteBeforeReplace === undefined
    ? { changes, replaces }
    : { changes, replaces, deleteBeforeReplace: deleteBeforeReplace(replaces) };
}
