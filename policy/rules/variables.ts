/** No debug mode in production: Django's debug pages show settings and source code to every visitor. */
import { TYPES, variablesOf } from "../resources";
import type { ResourceRule } from "./rule";

/** A debug switch: `DEBUG`, or a name ending in `_DEBUG` (`DJANGO_DEBUG`, `FLASK_DEBUG`, `APP_DEBUG`). */
export const DEBUG_NAME = /^(?:[A-Z0-9_]*_)?DEBUG$/i;
/** What Django settings readers (django-environ, `os.environ.get(...) == "True"`) take as true. */
export const TRUTHY = /^(?:1|true|t|yes|y|on)$/i;

export const debugOff: ResourceRule = {
  name: "debug-off",
  description: "No DEBUG-like variable (`DEBUG`, `*_DEBUG`) is set to a true value.",
  type: TYPES.variables,
  // Values are never echoed: a variable of `paasenv:secretEnv` arrives here decrypted.
  check: ({ props }) =>
    Object.entries(variablesOf(props) ?? {})
      .filter(([name, value]) => DEBUG_NAME.test(name) && TRUTHY.test(value.trim()))
      .map(
        ([name]) =>
          `\`${name}\` is set to a true value, which shows settings and source code on error pages: set ` +
          `\`paasenv:env.${name}\` to \`"False"\` (or remove it, from \`paasenv:secretEnv\` if it is there)`,
      ),
};
