/**
 * State shared by every provider of a provider-host process (one bearer per token, one engine connection):
 * kept on `process` at run time, not in module state, which the closure serializer would copy by value.
 */

/** The process-wide map named `name` (`Symbol.for(name)` on `process`), created empty on first use. */
export function processRegistry<V>(name: string): Map<string, V> {
  const key = Symbol.for(name);
  const existing: unknown = Reflect.get(process, key);
  if (existing instanceof Map) return existing;
  const created = new Map<string, V>();
  Reflect.set(process, key, created);
  return created;
}
