/**
 * The app's stack (its base image) is not deprecated. Which stacks are comes from Scalingo's public catalog
 * (`GET /v1/features/stacks`, read without a bearer, so neither the pack nor `paasenv check` needs a
 * credential): a stack with a `deprecated_at` date is deprecated.
 */
import type { StackCatalog } from "../../providers/scalingo/catalog";
import { appStack, TYPES } from "../resources";
import type { ResourceRule } from "./rule";

/** A region's stacks from Scalingo's catalog. */
export type StacksOf = (region: string) => Promise<StackCatalog>;

/** The rule, reading the catalog through `stacksOf`. A catalog that cannot be read is reported, not passed. */
export function stackSupported(stacksOf: StacksOf): ResourceRule {
  return {
    name: "stack-supported",
    description: "The app's stack (base image) is not deprecated by Scalingo.",
    type: TYPES.app,
    check: async ({ props }) => {
      const { stack, region } = appStack(props);
      if (stack === undefined || region === undefined) return [];
      let catalog: StackCatalog;
      try {
        catalog = await stacksOf(region);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return [`could not read Scalingo's stacks to check \`${stack}\` (${reason}); run the check again`];
      }
      const since = catalog.deprecated.get(stack);
      if (since === undefined) return [];
      const supported = catalog.supported.map((name) => `\`${name}\``).join(", ");
      return [
        `the app runs on \`${stack}\`, which Scalingo deprecates (\`deprecated_at\` ${since}): set ` +
          `\`paasenv:app.stack\` to a supported stack (${supported}), then deploy again`,
      ];
    },
  };
}
