/**
 * Scalingo's public catalog as the rules read it, through the provider's own client and settings
 * (`scalingo:*` of the stack's configuration, else `SCALINGO_*` variables, else defaults), without a token.
 */
import { type StackCatalog, stackCatalog } from "../providers/scalingo/catalog";
import { scalingoClient } from "../providers/scalingo/client";
import { settingsFrom } from "../providers/scalingo/settings";
import type { StacksOf } from "./rules/app-stack";

/**
 * The catalog reader for a stack's configuration (`config`, full keys) and environment: one read per region
 * for the life of the process (a failed read is tried again).
 */
export function catalogReader(
  config: Readonly<Record<string, string>>,
  env: Readonly<Record<string, string | undefined>>,
): StacksOf {
  const reads = new Map<string, Promise<StackCatalog>>();
  return (region) => {
    const cached = reads.get(region);
    if (cached !== undefined) return cached;
    const read = (async () => {
      // The catalog is public: no token is read, from the configuration or the environment.
      const get = (key: string) => (key === "scalingo:apiToken" ? undefined : config[key]);
      const settings = settingsFrom(get, { ...env, SCALINGO_API_TOKEN: undefined });
      const client = await scalingoClient({ session: { settings } }, region);
      return stackCatalog(client, `read the stacks of ${region}`);
    })();
    read.catch(() => reads.delete(region));
    reads.set(region, read);
    return read;
  };
}
