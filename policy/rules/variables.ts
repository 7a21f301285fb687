/**
 * The app's variables: no debug mode (Django's debug pages show settings and source code to every visitor),
 * and custom error pages (what visitors see when the app fails, rather than Scalingo's page).
 */
import { ERROR_PAGE_VARIABLES } from "../../components/config/error-pages";
import { TYPES, variableNames, variableValue } from "../resources";
import type { ResourceRule, StackRule } from "./rule";

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
    variableNames(props)
      .filter((name) => DEBUG_NAME.test(name) && TRUTHY.test((variableValue(props, name) ?? "").trim()))
      .map(
        (name) =>
          `\`${name}\` is set to a true value, which shows settings and source code on error pages: set ` +
          `\`paasenv:env.${name}\` to \`"False"\` (or remove it, from \`paasenv:secretEnv\` if it is there)`,
      ),
};

/** The pages production needs: the app failing (502, crash) and timing out (504). */
export const REQUIRED_ERROR_PAGES = ["appError", "timeout"] as const;

export const errorPages: StackRule = {
  name: "error-pages",
  description: "Custom error pages for an app error and a timeout (`paasenv:errorPages`).",
  types: [TYPES.variables],
  always: true,
  check: (resources) => {
    const names = new Set(resources.flatMap((resource) => variableNames(resource.props)));
    return REQUIRED_ERROR_PAGES.filter((page) => !names.has(ERROR_PAGE_VARIABLES[page])).map(
      (page) =>
        `no custom page when the app ${page === "appError" ? "fails (502, crash)" : "times out (504)"}, so ` +
        `visitors see Scalingo's: set \`paasenv:errorPages.${page}\` to the https URL of a static page ` +
        `(\`${ERROR_PAGE_VARIABLES[page]}\`)`,
    );
  },
};
