/**
 * `paasenv:permitDataLoss`: the explicit permission to delete or replace a data-bearing resource, and the
 * migration from the boolean `paasenv:allowDataLoss` it replaces. The providers read the same key
 * (`providers/base/data-loss.ts`): this schema is what `preview` and `up` check first.
 */
import { z } from "zod";
import { DATA_KEYS, type DataLossPermit, PERMIT_KEY, permitLine } from "../../providers/base/data-loss";

/** One entry: a data-bearing resource by its config key, and the ID it has now. */
const permitSchema = z.strictObject({
  resource: z
    .enum(DATA_KEYS)
    .describe(
      "`app` (with the add-ons it holds), `addons.postgresql`, `addons.redis` or `storage` (the bucket).",
    ),
  id: z
    .string()
    .min(1)
    .describe(
      "Its current ID, as paasenv's refusal prints it: the app's or add-on's Scalingo ID, the bucket's `<region>/<name>`.",
    ),
});

/** `paasenv:permitDataLoss`. */
export const permitDataLossSchema = z
  .array(permitSchema)
  .default([])
  .describe(
    "Resources that may be deleted or replaced, with their data, each by its current ID (paasenv refuses " +
      "otherwise and prints the entry to add). An entry stops applying once that object is gone.",
  );

/** The retired boolean. */
export const RETIRED_KEY = "allowDataLoss";

/**
 * The problem `paasenv:allowDataLoss` is (set at all, true or false), saying exactly what to write instead;
 * `undefined` when it is not set.
 */
export function retiredKeyProblem(raw: Record<string, unknown>): string | undefined {
  if (!(RETIRED_KEY in raw)) return undefined;
  const example = permitLine({ resource: "addons.postgresql", id: "<the add-on's current ID>" });
  return (
    `\`paasenv:${RETIRED_KEY}\` is no longer a setting (got ${JSON.stringify(raw[RETIRED_KEY])}): remove it ` +
    `(\`pulumi config rm paasenv:${RETIRED_KEY}\`). paasenv now refuses every deletion or replacement of ` +
    `data unless \`${PERMIT_KEY}\` names the resource by its current ID, and its refusal prints the entry ` +
    `to add under \`config:\` in Pulumi.<stack>.yaml, for example:\n  ${PERMIT_KEY}:\n    ${example}`
  );
}

/** What the permission allows, said plainly in every `preview` and `up` while it has entries. */
export function permitWarning(permits: readonly DataLossPermit[]): string | undefined {
  if (permits.length === 0) return undefined;
  const entries = permits.map((p) => `${p.resource} ${JSON.stringify(p.id)}`).join(", ");
  return (
    `\`${PERMIT_KEY}\` lets this run delete or replace, with their data: ${entries}. Remove the entries once ` +
    "the change is done (an entry stops applying once its object is gone)."
  );
}
