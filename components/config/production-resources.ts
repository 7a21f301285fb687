/**
 * The production resources' keys of the `paasenv:` namespace (`monitoring`, `logDrains`, `autoscaler`,
 * `collaborators`, `errorPages`, and the database settings of `addons`), and their rules across fields, run
 * by `schema.ts` with the others. Review environments get none of them unless `paasenv:review.keep` names them.
 */
import { autoscalersSchema, checkAutoscaler } from "./autoscaler";
import { checkCollaborators, collaboratorsSchema } from "./collaborators";
import { checkDatabases } from "./databases";
import { checkErrorPages, errorPagesSchema } from "./error-pages";
import type { AddIssue } from "./errors";
import { checkLogDrains, logDrainsSchema } from "./log-drains";
import { checkMonitoring, monitoringSchema } from "./monitoring";

/** The keys, as `schema.ts` adds them to the namespace. */
export const productionKeys = {
  monitoring: monitoringSchema.optional().describe("Notifiers and alerts (production gets default alerts)."),
  logDrains: logDrainsSchema.optional().describe("Log drains of the app and of every add-on."),
  autoscaler: autoscalersSchema.optional().describe("Autoscalers, by process type."),
  collaborators: collaboratorsSchema
    .optional()
    .describe(
      "Collaborators invited to the app: an e-mail address, or `{ email, limited }` (Scalingo's limited role).",
    ),
  errorPages: errorPagesSchema.optional().describe("Custom error and maintenance pages."),
};

/** What the rules read of a parsed config. */
export interface ProductionResourcesConfig {
  environment: string;
  env: Record<string, string>;
  secretEnv: Record<string, string>;
  processes: { worker?: unknown };
  addons: { postgresql?: Parameters<typeof checkDatabases>[1] };
  monitoring?: Parameters<typeof checkMonitoring>[0];
  logDrains?: Parameters<typeof checkLogDrains>[0];
  autoscaler?: Parameters<typeof checkAutoscaler>[0];
  collaborators?: Parameters<typeof checkCollaborators>[0];
  errorPages?: Parameters<typeof checkErrorPages>[0];
}

/** Every rule across fields of the production resources. */
export function checkProductionResources(config: ProductionResourcesConfig, issue: AddIssue): void {
  checkMonitoring(config.monitoring, issue);
  checkLogDrains(config.logDrains, issue);
  checkAutoscaler(config.autoscaler, config.processes.worker !== undefined, issue);
  checkCollaborators(config.collaborators, issue);
  checkErrorPages(config.errorPages, config.env, config.secretEnv, issue);
  checkDatabases(config.environment, config.addons.postgresql, issue);
}
