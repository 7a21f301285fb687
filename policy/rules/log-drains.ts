/**
 * Logs kept outside Scalingo (which keeps a short history only): a drain on the app and one on every add-on.
 * A drain belongs to the add-on its `addonId` comes from (its property dependency).
 */
import { addonPlan, drainsAddon, TYPES } from "../resources";
import type { StackRule } from "./rule";

export const logDrains: StackRule = {
  name: "log-drains",
  description: "A log drain on the app and on every add-on (`paasenv:logDrains`).",
  types: [TYPES.logDrain, TYPES.addon],
  always: true,
  check: (resources) => {
    const drains = resources.filter((r) => r.type === TYPES.logDrain);
    if (!drains.some((drain) => !drainsAddon(drain.props)))
      return [
        "the app's logs are drained nowhere, and Scalingo keeps a short history only: add a drain under " +
          "`paasenv:logDrains` (`- { type: papertrail, host: logs.papertrailapp.com, port: 12345 }`)",
      ];
    return resources
      .filter((r) => r.type === TYPES.addon)
      .filter((addon) => !drains.some((drain) => drain.addonUrns.includes(addon.urn)))
      .map((addon) => {
        const provider = addonPlan(addon.props).provider ?? "add-on";
        return (
          `the ${provider} add-on's logs are drained nowhere: set \`addons\` to \`true\` (its default) on ` +
          "an entry of `paasenv:logDrains`"
        );
      });
  },
};
