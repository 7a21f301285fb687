/**
 * Pure mappers of the `Formation` resource: the `containers` body of a scale call, and the declared process
 * types as they are on Scalingo.
 * @see https://developers.scalingo.com/apps#scale-an-application
 */
import { DEFAULT_SIZE } from "./limits";
import type { ApiContainer, FormationInputs } from "./schemas";

/** Bounds of the types an autoscaler owns. */
export type Autoscaled = FormationInputs["autoscaled"];

/** An autoscaled type's amount: the current one brought within the autoscaler's bounds (`min` when none yet). */
export function boundedAmount(current: number | undefined, bounds: { min: number; max: number }): number {
  return Math.min(bounds.max, Math.max(bounds.min, current ?? 0));
}

/**
 * The `containers` body of a scale call: declared types that differ, plus removed types scaled to 0. An
 * autoscaled type is named only when its size differs or its amount is out of bounds (any scale call naming it
 * disables its autoscaler on Scalingo), and then with its amount brought within bounds.
 */
export function formationChanges(
  previous: FormationInputs["processes"],
  wanted: FormationInputs["processes"],
  current: readonly ApiContainer[],
  autoscaled: Autoscaled = {},
): { name: string; amount: number; size: string }[] {
  const now = new Map(current.map((c) => [c.name, c]));
  const amountOf = (name: string, declared: number) => {
    const bounds = autoscaled[name];
    return bounds === undefined ? declared : boundedAmount(now.get(name)?.amount, bounds);
  };
  const changed = Object.entries(wanted)
    .map(([name, p]) => ({ name, amount: amountOf(name, p.amount), size: p.size }))
    .filter((p) => now.get(p.name)?.amount !== p.amount || now.get(p.name)?.size !== p.size);
  const removed = Object.keys(previous)
    .filter((name) => !(name in wanted) && (now.get(name)?.amount ?? 0) > 0)
    .map((name) => ({ name, amount: 0, size: now.get(name)?.size ?? previous[name]?.size ?? DEFAULT_SIZE }));
  return [...changed, ...removed];
}

/**
 * The declared process types as they are on Scalingo (types absent remotely are left out). An autoscaled type
 * within its bounds keeps its declared amount: what the autoscaler chose there is not drift.
 */
export function declaredProcesses(
  declared: FormationInputs["processes"],
  current: readonly ApiContainer[],
  autoscaled: Autoscaled = {},
): Record<string, { amount: number; size: string }> {
  const now = new Map(current.map((c) => [c.name, c]));
  return Object.fromEntries(
    Object.entries(declared).flatMap(([name, wanted]) => {
      const c = now.get(name);
      if (c === undefined) return [];
      const bounds = autoscaled[name];
      const inBounds = bounds !== undefined && boundedAmount(c.amount, bounds) === c.amount;
      return [[name, { amount: inBounds ? wanted.amount : c.amount, size: c.size }]];
    }),
  );
}
