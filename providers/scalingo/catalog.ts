/**
 * Scalingo's public catalog, for `check`: the stacks and an add-on provider's plans of a region, read without
 * a bearer (as the Scalingo CLI reads them when logged out) and at most once per run and region. A value is
 * looked up only when it differs from the previous inputs, so an unchanged preview calls nothing.
 * @see https://developers.scalingo.com/stacks
 * @see https://developers.scalingo.com/addon_providers
 */
import { type Bag, containsUnknown, type Failure } from "../base/inputs";
import type { ScalingoClient } from "./client";
import { planSchema, stackSchema } from "./schemas";
import type { CatalogItem } from "./session";

/** A region's stacks as `GET /v1/features/stacks` lists them (read without a bearer). */
function readStacks(client: ScalingoClient, op: string) {
  const { z } = client;
  const path = "/v1/features/stacks";
  const schema = z.array(stackSchema(z));
  return client.request({ op, method: "GET", path, root: "stacks", schema, anonymous: true });
}

/**
 * A region's stacks, read once per host process: `check` validates the name with them, and the App's
 * `create` finds the stack's ID in the same list.
 */
export function catalogStacks(client: ScalingoClient, op: string): Promise<CatalogItem[]> {
  return client.onceList("stacks", async () => (await readStacks(client, op)).data);
}

/** A region's stacks: the supported ones by name, and the deprecated ones with their `deprecated_at` date. */
export interface StackCatalog {
  supported: string[];
  deprecated: Map<string, string>;
}

/** A region's stacks, supported and deprecated. The production gate reads it: `policy/rules/app-stack.ts`. */
export async function stackCatalog(client: ScalingoClient, op: string): Promise<StackCatalog> {
  const { data } = await readStacks(client, op);
  const deprecated = new Map<string, string>();
  for (const stack of data) if (stack.deprecated_at) deprecated.set(stack.name, stack.deprecated_at);
  return { supported: data.map((s) => s.name).filter((name) => !deprecated.has(name)), deprecated };
}

/**
 * An add-on provider's plans in a region (`GET /v1/addon_providers/:id/plans`), read once per host process:
 * `check` validates the plan name with them, and the Addon's `create` finds the plan's ID in the same list.
 */
export function catalogPlans(client: ScalingoClient, op: string, provider: string): Promise<CatalogItem[]> {
  const { z } = client;
  return client.onceList(`plans ${provider}`, async () => {
    const path = `/v1/addon_providers/${provider}/plans`;
    const schema = z.array(planSchema(z));
    return (await client.request({ op, method: "GET", path, root: "plans", schema, anonymous: true })).data;
  });
}

/** The names of a region's stacks. */
export async function stackNames(client: ScalingoClient, op: string): Promise<string[]> {
  return (await catalogStacks(client, op)).map((stack) => stack.name);
}

/** The names of an add-on provider's plans in a region. */
export async function planNames(client: ScalingoClient, op: string, provider: string): Promise<string[]> {
  return (await catalogPlans(client, op, provider)).map((plan) => plan.name);
}

/** One value to look up in the catalog: which input, which list, the value, and the config key it came from. */
export interface CatalogEntry {
  property: string;
  list: "stacks" | { plansOf: string };
  value: string;
  configKey?: string | undefined;
}

/**
 * Whether `field` must be looked up: it is known, and it or the region differs from the previous inputs (an
 * unchanged value was checked when it was set, so an unchanged preview makes no call).
 */
export function changedValue(olds: Bag, news: Bag, read: (bag: Bag) => unknown): string | undefined {
  const value = read(news);
  if (typeof value !== "string" || containsUnknown(value) || containsUnknown(news.region)) return undefined;
  return value === read(olds) && news.region === olds.region ? undefined : value;
}

/** The failures of `entries` against the catalog of `client`'s region, worded `label: \`property\` (key) …`. */
export async function catalogFailures(
  client: ScalingoClient,
  op: string,
  entries: readonly CatalogEntry[],
  label: string,
): Promise<Failure[]> {
  const failures: Failure[] = [];
  for (const entry of entries) {
    const known =
      entry.list === "stacks"
        ? await stackNames(client, op)
        : await planNames(client, op, entry.list.plansOf);
    if (known.includes(entry.value)) continue;
    const key = entry.configKey === undefined ? "" : ` (${entry.configKey})`;
    const what = entry.list === "stacks" ? "a stack" : `a ${entry.list.plansOf} plan`;
    failures.push({
      // The engine shows the value of a top-level input only (`addonPlans`, not `addonPlans.postgresql`).
      property: entry.property.split(".")[0] ?? entry.property,
      reason:
        `${label}: \`${entry.property}\`${key} must be ${what} of ${client.region}: ${known.join(", ")} ` +
        `(got "${entry.value}")`,
    });
  }
  return failures;
}
