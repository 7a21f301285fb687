/**
 * Redundancy: the web process runs on two containers or more (fixed, or an autoscaler's minimum), and no
 * process on the smallest size.
 */
import type { GateContext } from "../environment";
import { formationAutoscaled, formationProcesses, TYPES } from "../resources";
import type { ResourceRule } from "./rule";

/** The fewest `web` containers production runs on, so that one restarting never takes the site down. */
export const MIN_WEB_CONTAINERS = 2;

/** Review environments run one container of each process, whatever their source stack says. */
const reviewNote = (context: GateContext) =>
  context.environment === "review" ? " in production (review environments always run one)" : "";

/** The fix: the autoscaler's minimum when web is autoscaled, else the amount (or an autoscaler). */
function redundancyFix(autoscaled: boolean): string {
  if (autoscaled) return `set \`paasenv:autoscaler.web.min\` to ${MIN_WEB_CONTAINERS} or more`;
  return (
    `set \`paasenv:processes.web.amount\` to ${MIN_WEB_CONTAINERS} or more, or autoscale web with ` +
    `\`paasenv:autoscaler.web\` (\`min\` ${MIN_WEB_CONTAINERS} or more)`
  );
}

export const webRedundancy: ResourceRule = {
  name: "web-redundancy",
  description: `The web process runs on at least ${MIN_WEB_CONTAINERS} containers (or an autoscaler's minimum).`,
  type: TYPES.formation,
  check: ({ props }, context) => {
    const bounds = formationAutoscaled(props).web;
    const amount = bounds?.min ?? formationProcesses(props)?.web?.amount ?? 0;
    if (amount >= MIN_WEB_CONTAINERS) return [];
    const runs = bounds === undefined ? "runs on" : "is autoscaled down to";
    return [
      `\`web\` ${runs} ${amount} container${amount === 1 ? "" : "s"}, so a crash, a restart or a deployment ` +
        `takes the site down: ${redundancyFix(bounds !== undefined)}${reviewNote(context)}`,
    ];
  },
};

export const containerSize: ResourceRule = {
  name: "container-size",
  description: "No process runs on S containers (256 MB).",
  type: TYPES.formation,
  check: ({ props }, context) =>
    Object.entries(formationProcesses(props) ?? {})
      .filter(([, process]) => process.size === "S" && process.amount > 0)
      .map(([type]) => {
        const key =
          context.environment === "review" ? "paasenv:review.size" : `paasenv:processes.${type}.size`;
        return (
          `\`${type}\` runs on S containers (256 MB), too small for a Django or Celery process under load: ` +
          `set \`${key}\` to \`M\` or larger`
        );
      }),
};
