/**
 * The data-loss permission, as every paasenv provider consults it before it deletes or replaces data.
 *
 * A data-bearing resource (the app while it holds add-ons, each add-on, the bucket) is deleted or replaced only
 * when `paasenv:permitDataLoss` names it by its config key and its **current ID**: a permission expires by
 * construction once that object is gone. The paasenv CLI gives the same entries through
 * `PAASENV_PERMIT_DATA_LOSS` for the stacks it destroys itself (a plain `pulumi destroy` configures providers
 * from the configuration saved by the last `up`, so a key added since would not reach them).
 *
 * Pure functions only: the provider implementations capture this module by value.
 */
import type { ConfigGetter, SessionHolder } from "./resource";

/** The config keys that name a data-bearing resource. */
export const DATA_KEYS = ["app", "addons.postgresql", "addons.redis", "storage"] as const;
/** A data-bearing resource, by its config key. */
export type DataKey = (typeof DATA_KEYS)[number];

/** The stack config key of the permission. */
export const PERMIT_KEY = "paasenv:permitDataLoss";
/** The environment variable the paasenv CLI gives its own destroys the permission through. */
export const PERMIT_ENV = "PAASENV_PERMIT_DATA_LOSS";

/** One entry of the permission: the resource at `resource` whose current ID is `id` may lose its data. */
export interface DataLossPermit {
  resource: DataKey;
  id: string;
}

/** The permission as a provider read it: its entries, and why some input was ignored. */
export interface Permits {
  entries: DataLossPermit[];
  problems: string[];
}

/** Whether `key` names a data-bearing resource. */
export function isDataKey(key: unknown): key is DataKey {
  return DATA_KEYS.some((dataKey) => dataKey === key);
}

function permitOf(value: unknown): DataLossPermit | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const { resource, id, ...rest }: Record<string, unknown> = Object.fromEntries(Object.entries(value));
  if (!isDataKey(resource) || typeof id !== "string" || id === "" || Object.keys(rest).length > 0)
    return undefined;
  return { resource, id };
}

/** The entries of one source's JSON text (`undefined`: none); a malformed source is ignored, with a problem. */
export function parsePermits(text: string | undefined, source: string): Permits {
  if (text === undefined || text.trim() === "") return { entries: [], problems: [] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const entries = Array.isArray(value) ? value.map(permitOf) : [undefined];
  if (entries.every((entry) => entry !== undefined)) return { entries, problems: [] };
  const problem =
    `${source} was ignored: it must be a list of { resource, id } entries, resource one of ` +
    `${DATA_KEYS.join(", ")} (got ${text.slice(0, 200)})`;
  return { entries: [], problems: [problem] };
}

/** The permission from the stack config (`paasenv:permitDataLoss`) and the environment, together. */
export function readPermits(get: ConfigGetter, env: Readonly<Record<string, string | undefined>>): Permits {
  const sources = [parsePermits(get(PERMIT_KEY), PERMIT_KEY), parsePermits(env[PERMIT_ENV], PERMIT_ENV)];
  return {
    entries: sources.flatMap((source) => source.entries),
    problems: sources.flatMap((source) => source.problems),
  };
}

/** A data-bearing object a step would lose, and what else may permit it. */
export interface Loss {
  resource: DataKey;
  id: string;
  /** A wider entry that also permits it: an add-on is lost with its app, so naming the app permits both. */
  coveredBy?: { resource: DataKey; id: string };
}

/** Whether the permission names `resource` with this `id`. */
export function isPermitted(permits: Permits, resource: DataKey, id: string): boolean {
  return permits.entries.some((entry) => entry.resource === resource && entry.id === id);
}

/** The losses the permission does not cover. */
export function unpermitted(losses: readonly Loss[], permits: Permits): Loss[] {
  return losses.filter(
    (loss) =>
      !isPermitted(permits, loss.resource, loss.id) &&
      !(loss.coveredBy !== undefined && isPermitted(permits, loss.coveredBy.resource, loss.coveredBy.id)),
  );
}

/** One entry as a line of the stack file: `- { resource: addons.postgresql, id: "ad-1" }`. */
export function permitLine(permit: Pick<Loss, "resource" | "id">): string {
  return `- { resource: ${permit.resource}, id: ${JSON.stringify(permit.id)} }`;
}

/** What to run once the entries are added: the same `up` (or preview), or a delete that may be a destroy. */
export type NextStep = "up" | "delete";

const NEXT_STEP: Record<NextStep, string> = {
  up: "run the same command again",
  delete:
    "run the same command again; for a destroy, run `pulumi destroy --run-program` (a plain `pulumi destroy` " +
    "reads the configuration saved by the last `pulumi up`, without these entries)",
};

/**
 * The refusal, as one message the person running `pulumi` can follow literally: `statement` (what the step
 * would do, one sentence without its period), the exact entries to add, what to run next.
 */
export function lossMessage(
  statement: string,
  losses: readonly Loss[],
  permits: Permits,
  next: NextStep,
): string {
  const lines = losses.map((loss) => `    ${permitLine(loss)}`).join("\n");
  const ignored = permits.problems.length > 0 ? ` (${permits.problems.join("; ")})` : "";
  return (
    `${statement}. paasenv deletes or replaces data only when \`${PERMIT_KEY}\` names it by its current ID` +
    `${ignored}. Back the data up if you need it, then add to the stack's configuration file ` +
    `(Pulumi.<stack>.yaml, under \`config:\`):\n  ${PERMIT_KEY}:\n${lines}\nand ${NEXT_STEP[next]}.`
  );
}

/** The refusal for the losses the permission does not cover, or `undefined` when it covers them all. */
export function refusal(
  statement: string,
  losses: readonly Loss[],
  permits: Permits,
  next: NextStep,
): string | undefined {
  const refused = unpermitted(losses, permits);
  return refused.length === 0 ? undefined : lossMessage(statement, refused, permits, next);
}

/** The permission a configured provider holds (none before `configure`). */
export function permitsOf(holder: SessionHolder<{ permits: Permits }>): Permits {
  return holder.session?.settings.permits ?? { entries: [], problems: [] };
}
