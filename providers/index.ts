/**
 * The provider host's side of paasenv: every dynamic resource's implementation, by the `<module>:<type>` of
 * its type token, and the shim that dispatches to them. The loader text stored in every resource's
 * `__provider` (`base/by-reference.ts`) loads this module from the installed package (`paasenv/providers`) or
 * from this checkout's source, and hands the host `createProvider()`'s shim. A Pulumi program never loads this file.
 */

import { recordProvider } from "./alwaysdata/record-provider";
import { createShim, type Implementation } from "./base/by-reference";
import { guardProvider } from "./paasenv/guard-provider";
import { addonProvider } from "./scalingo/addon-provider";
import { alertProvider } from "./scalingo/alert-provider";
import { appProvider } from "./scalingo/app-provider";
import { autoscalerProvider } from "./scalingo/autoscaler-provider";
import { collaboratorProvider } from "./scalingo/collaborator-provider";
import { databaseSettingsProvider } from "./scalingo/database-settings-provider";
import { databaseUserProvider } from "./scalingo/database-user-provider";
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
  "alwaysdata:Record": recordProvider,
  "paasenv:Guard": guardProvider,
};

/**
 * A new provider object for the host to call for every paasenv resource (one per loader call: `configure` keeps
 * the stack config on it). Called by the loader text stored in state: keep the name and signature.
 */
export function createProvider() {
  return createShim(implementations);
}
