/** The data: PostgreSQL on a highly-available plan, and every add-on `protect`ed. */
import { addonPlan, TYPES } from "../resources";
import type { ResourceRule } from "./rule";

/** Scalingo's highly-available PostgreSQL plans: `postgresql-business-*` and the dedicated `*-enterprise-*`. */
export const HIGHLY_AVAILABLE_PLAN = /^postgresql-(?:[a-z]+-)?(?:business|enterprise)-/;

/** The smallest business plan of Scalingo's catalog, given as the value to use. */
export const SUGGESTED_PLAN = "postgresql-business-1024";

export const databasePlan: ResourceRule = {
  name: "database-plan",
  description: "PostgreSQL runs on a business (highly-available) plan: a standby node takes over on failure.",
  type: TYPES.addon,
  check: ({ props }) => {
    const { provider, plan, planKey } = addonPlan(props);
    if (provider !== "postgresql" || plan === undefined || HIGHLY_AVAILABLE_PLAN.test(plan)) return [];
    return [
      `PostgreSQL is on \`${plan}\`, a single node with no standby: set ` +
        `\`${planKey ?? "paasenv:addons.postgresql.plan"}\` to a business plan such as \`${SUGGESTED_PLAN}\``,
    ];
  },
};

export const dataProtected: ResourceRule = {
  name: "data-protected",
  description: "Every add-on is declared with `protect`, so no Pulumi command deletes it by accident.",
  type: TYPES.addon,
  check: ({ name, props, protect }, context) => {
    if (protect) return [];
    const what = `the ${addonPlan(props).provider ?? "add-on"} add-on \`${name}\` is not protected`;
    if (context.environment !== "production")
      return [`${what}: paasenv protects add-ons when \`paasenv:environment\` is \`production\``];
    return [
      `${what}, although \`paasenv:environment\` is \`production\`, which protects it: drop whatever takes ` +
        "`protect` off (a transform in your program)",
    ];
  },
};
