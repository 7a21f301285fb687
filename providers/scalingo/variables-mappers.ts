/**
 * Pure mappers of the `Variables` resource: what to upsert and delete to move the app's variables to the
 * declared ones, and the declared variables as they are on Scalingo.
 * @see https://developers.scalingo.com/environment
 */
import type { ApiVariable, VariablesInputs } from "./schemas";

/** Outputs of the resource: the inputs plus the managed names. */
export function variablesOutputs(inputs: VariablesInputs) {
  return { ...inputs, names: Object.keys(inputs.variables).sort() };
}

/** What to send to upsert and which variable IDs to delete to move `remote` to `wanted`. */
export function variablesPlan(
  previous: Readonly<Record<string, string>>,
  wanted: Readonly<Record<string, string>>,
  remote: readonly ApiVariable[],
): { upsert: { name: string; value: string }[]; remove: ApiVariable[] } {
  const byName = new Map(remote.map((v) => [v.name, v]));
  const upsert = Object.entries(wanted)
    .filter(([name, value]) => byName.get(name)?.value !== value)
    .map(([name, value]) => ({ name, value }));
  const remove = Object.keys(previous)
    .filter((name) => !(name in wanted))
    .flatMap((name) => byName.get(name) ?? []);
  return { upsert, remove };
}

/** Whether a plan calls for a restart: any change with `restartOnChange`, else a change of a `restartKeys` name. */
export function needsRestart(
  plan: ReturnType<typeof variablesPlan>,
  inputs: Pick<VariablesInputs, "restartOnChange" | "restartKeys">,
): boolean {
  const names = [...plan.upsert.map((v) => v.name), ...plan.remove.map((v) => v.name)];
  if (inputs.restartOnChange) return names.length > 0;
  return names.some((name) => inputs.restartKeys?.includes(name) ?? false);
}

/** The declared variables as they are on Scalingo; keys deleted out of band are left out. */
export function declaredVariables(
  declared: Readonly<Record<string, string>>,
  remote: readonly ApiVariable[],
): Record<string, string> {
  const byName = new Map(remote.map((v) => [v.name, v.value]));
  return Object.fromEntries(
    Object.keys(declared).flatMap((name) => {
      const value = byName.get(name);
      return value === undefined ? [] : [[name, value]];
    }),
  );
}
