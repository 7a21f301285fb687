/**
 * Pure mappers of the `Formation` resource: the `containers` body of a scale call, and the declared process
 * types as they are on Scalingo.
 * @see https://developers.scalingo.com/apps#scale-an-application
 */
import { DEFAULT_SIZE } from "./limits";
import type { ApiContainer, FormationInputs } from "./schemas";

/** The `containers` body of a scale call: declared types that differ, plus removed types scaled to 0. */
export function formationChanges(
  previous: FormationInputs["processes"],
  wanted: FormationInputs["processes"],
  current: readonly ApiContainer[],
): { name: string; amount: number; size: string }[] {
  const now = new Map(current.map((c) => [c.name, c]));
  const changed = Object.entries(wanted)
    .filter(([name, p]) => now.get(name)?.amount !== p.amount || now.get(name)?.size !== p.size)
    .map(([name, p]) => ({ name, amount: p.amount, size: p.size }));
  const removed = Object.keys(previous)
    .filter((name) => !(name in wanted) && (now.get(name)?.amount ?? 0) > 0)
    .map((name) => ({ name, amount: 0, size: now.get(name)?.size ?? previous[name]?.size ?? DEFAULT_SIZE }));
  return [...changed, ...removed];
}

/** The declared process types as they are on Scalingo (types absent remotely are left out). */
export function declaredProcesses(
  declared: FormationInputs["processes"],
  current: readonly ApiContainer[],
): Record<string, { amount: number; size: string }> {
  const now = new Map(current.map((c) => [c.name, c]));
  return Object.fromEntries(
    Object.keys(declared).flatMap((name) => {
      const c = now.get(name);
      return c === undefined ? [] : [[name, { amount: c.amount, size: c.size }]];
    }),
  );
}
