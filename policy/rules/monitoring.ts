/**
 * Someone hears when it breaks: a notifier, and alerts on the web process's 5XX rate and p95 response time
 * (production's default alerts have both: `components/config/monitoring.ts`).
 */
import { alertOf, notifierOf, TYPES } from "../resources";
import type { StackRule } from "./rule";

/** The alerts production needs, with the value suggested for each. */
export const REQUIRED_ALERTS = [
  { metric: "5XX", example: "{ metric: 5XX, limit: 10, for: 2m }", what: "server errors" },
  {
    metric: "p95_response_time",
    example: "{ metric: p95_response_time, limit: 1000, for: 5m }",
    what: "slow responses",
  },
] as const;

const ALERTS_FIX =
  "list it under `paasenv:monitoring.alerts`, or leave `paasenv:monitoring.alerts` out so production " +
  "gets its default alerts";

export const monitoring: StackRule = {
  name: "monitoring",
  description: "A notifier, and alerts on web's 5XX rate and p95 response time (`paasenv:monitoring`).",
  types: [TYPES.notifier, TYPES.alert],
  always: true,
  check: (resources) => {
    const notifiers = resources.filter((r) => r.type === TYPES.notifier && notifierOf(r.props).active);
    const alerts = resources
      .filter((r) => r.type === TYPES.alert)
      .map((r) => alertOf(r.props))
      .filter((a) => a.type === "web" && !a.disabled);
    const problems = REQUIRED_ALERTS.filter(({ metric }) => !alerts.some((a) => a.metric === metric)).map(
      ({ metric, example, what }) =>
        `no alert on web's \`${metric}\`, so ${what} go unnoticed: ${ALERTS_FIX} (such as \`${example}\`)`,
    );
    if (notifiers.length === 0)
      problems.unshift(
        "no notifier, so alerts and crashes reach no one: add one under `paasenv:monitoring.notifiers` " +
          "(`- { name: ops, platform: email, emails: [ops@example.com] }`)",
      );
    return problems;
  },
};
