/**
 * Pure rules of the `Guard` resource: which data-bearing objects a change of its records loses (removed from
 * the configuration, or now another object), and what deleting it means.
 */
import { DATA_KEYS, type DataKey, isDataKey, type Loss } from "../base/data-loss";
import { type Bag, containsUnknown } from "../base/inputs";

/** A loss with the words for it. */
export interface GuardLoss {
  loss: Loss;
  /** `the redis add-on ad-2`, `the bucket fr-par/shop-storage`. */
  object: string;
}

/** The IDs a guard records, by data key (values may be preview's unknown sentinel). */
export function recordedIds(bag: Bag): Partial<Record<DataKey, string>> {
  const ids = bag.ids;
  if (ids === null || typeof ids !== "object" || Array.isArray(ids)) return {};
  const entries = Object.entries(ids).filter(
    (entry): entry is [DataKey, string] => isDataKey(entry[0]) && typeof entry[1] === "string",
  );
  return Object.fromEntries(entries);
}

/** The recorded IDs as `[key, id]` pairs, in {@link DATA_KEYS} order. */
function idEntries(ids: Partial<Record<DataKey, string>>): [DataKey, string][] {
  return DATA_KEYS.flatMap((key): [DataKey, string][] => {
    const id = ids[key];
    return id === undefined ? [] : [[key, id]];
  });
}

/** `news`, each ID preview does not know yet replaced by the old one. */
export function knownOrOld(
  olds: Partial<Record<DataKey, string>>,
  news: Partial<Record<DataKey, string>>,
): Partial<Record<DataKey, string>> {
  const result: Partial<Record<DataKey, string>> = {};
  for (const [key, id] of idEntries(news)) {
    const value = containsUnknown(id) ? olds[key] : id;
    if (value !== undefined) result[key] = value;
  }
  return result;
}

/** The data keys a guard's inputs declare now. */
function heldKeys(bag: Bag): DataKey[] {
  return Array.isArray(bag.held) ? bag.held.filter(isDataKey) : [];
}

/** `the postgresql add-on ad-1`, `the bucket fr-par/shop-storage`. */
export function objectWords(key: DataKey, id: string): string {
  if (key === "storage") return `the bucket ${id}`;
  if (key === "app") return `the app ${id}`;
  return `the ${key.slice("addons.".length)} add-on ${id}`;
}

function lossOf(key: DataKey, id: string, appId: string | undefined): GuardLoss {
  const loss: Loss =
    key.startsWith("addons.") && appId !== undefined
      ? { resource: key, id, coveredBy: { resource: "app", id: appId } }
      : { resource: key, id };
  return { loss, object: objectWords(key, id) };
}

/**
 * What going from the recorded `olds` to `news` loses: every recorded object (but the app, whose data is its
 * add-ons) whose key the configuration no longer declares, or whose known ID changed. An add-on's loss is
 * also permitted by an entry naming its app.
 */
export function changeLosses(olds: Bag, news: Bag): { removed: GuardLoss[]; replaced: GuardLoss[] } {
  const before = recordedIds(olds);
  const after = recordedIds(news);
  const held = heldKeys(news);
  const removed: GuardLoss[] = [];
  const replaced: GuardLoss[] = [];
  for (const [key, id] of idEntries(before)) {
    if (key === "app") continue;
    const now = after[key];
    if (!held.includes(key)) removed.push(lossOf(key, id, before.app));
    else if (now !== undefined && !containsUnknown(now) && now !== id)
      replaced.push(lossOf(key, id, before.app));
  }
  return { removed, replaced };
}

/** Every recorded object but the app: what deleting the guard (destroying the environment) loses. */
export function destroyLosses(stored: Bag): GuardLoss[] {
  const ids = recordedIds(stored);
  return idEntries(ids)
    .filter(([key]) => key !== "app")
    .map(([key, id]) => lossOf(key, id, ids.app));
}

/** `a`, `a and b`, `a, b and c`. */
export function wordList(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

/** The sentence for a change's losses (without its period), or `undefined` when there are none. */
export function changeStatement(
  label: string,
  removed: readonly GuardLoss[],
  replaced: readonly GuardLoss[],
): string | undefined {
  const parts = [
    ...removed.map(
      (r) =>
        `removing \`paasenv:${r.loss.resource}\` from the configuration deletes ${r.object} and its data`,
    ),
    ...replaced.map(
      (r) =>
        `\`paasenv:${r.loss.resource}\` now declares another object: ${r.object} and its data would be deleted`,
    ),
  ];
  return parts.length === 0 ? undefined : `${label}: ${parts.join("; ")}`;
}

/**
 * The sentence for deleting the guard (in production, saying that the app and its data are protected too).
 * `deleting` says what deletes it: destroying the environment, or removing a companion from the configuration.
 */
export function destroyStatement(
  label: string,
  losses: readonly GuardLoss[],
  production: boolean,
  deleting = "destroying this environment",
): string {
  const objects = wordList(losses.map((l) => l.object));
  const protectedToo = production
    ? " (a production environment: its app and data are `protect`ed as well, so a destroy also needs " +
      "`pulumi state unprotect --all` first)"
    : "";
  const data = losses.length > 1 ? "the data in them" : "the data in it";
  return `${label}: ${deleting} deletes ${objects} and ${data}${protectedToo}`;
}
