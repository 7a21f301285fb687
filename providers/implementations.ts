/**
 * Every dynamic resource's implementation, by the `<module>:<type>` of its type token: what the provider host
 * runs (`index.ts` loads this module; a Pulumi program never does).
 */

import { recordProvider } from "./alwaysdata/record-provider";
import type { Implementation } from "./base/by-reference";
import { guardProvider } from "./paasenv/guard-provider";
import { secretKeyProvider } from "./paasenv/secret-key-provider";
import { addonProvider } from "./scalingo/addon-provider";
import { alertProvider } from "./scalingo/alert-provider";
import { appProvider } from "./scalingo/app-provider";
import { autoscalerProvider } from "./scalingo/autoscaler-provider";
import { collaboratorProvider } from "./scalingo/collaborator-provider";
import { databaseSettingsProvider } from "./scalingo/database-settings-provider";
import { databaseUserProvider } from "./scalingo/database-user-provider";
import { deploymentProvider } from "./scalingo/deployment-provider";
import { domainProvider } from "./scalingo/domain-provider";
import { formationProvider } from "./scalingo/formation-provider";
import { logDrainProvider } from "./scalingo/log-drain-provider";
import { notifierProvider } from "./scalingo/notifier-provider";
import { variablesProvider } from "./scalingo/variables-provider";

/** Implementations by resource type (the key a resource's `resourceType` input holds). */
export const implementations: Record<string, Implementation> = {
  "scalingo:App": appProvider,
  "scalingo:Addon": addonProvider,
  "scalingo:Variables": variablesProvider,
  "scalingo:Formation": formationProvider,
  "scalingo:Domain": domainProvider,
  "scalingo:DatabaseSettings": databaseSettingsProvider,
  "scalingo:DatabaseUser": databaseUserProvider,
  "scalingo:Autoscaler": autoscalerProvider,
  "scalingo:Notifier": notifierProvider,
  "scalingo:Alert": alertProvider,
  "scalingo:LogDrain": logDrainProvider,
  "scalingo:Collaborator": collaboratorProvider,
  "scalingo:Deployment": deploymentProvider,
  "alwaysdata:Record": recordProvider,
  "paasenv:Guard": guardProvider,
  "paasenv:SecretKey": secretKeyProvider,
};
