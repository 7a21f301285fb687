/**
 * The Scalingo resources, as a program declares them: one class per file (`app.ts`, …), each served in the
 * provider host by the implementation beside it (`app-provider.ts`, …) through `../index.ts`'s registry.
 * @see ../../docs/providers.md
 */

export { Addon, type AddonArgs } from "./addon";
export { Alert, type AlertArgs } from "./alert";
export { App, type AppArgs } from "./app";
export { Autoscaler, type AutoscalerArgs } from "./autoscaler";
export { Collaborator, type CollaboratorArgs } from "./collaborator";
export { DatabaseSettings, type DatabaseSettingsArgs } from "./database-settings";
export { DatabaseUser, type DatabaseUserArgs } from "./database-user";
export { Domain, type DomainArgs } from "./domain";
export { Formation, type FormationArgs, type ProcessScale } from "./formation";
export { LogDrain, type LogDrainArgs } from "./log-drain";
export { Notifier, type NotifierArgs } from "./notifier";
export { Variables, type VariablesArgs } from "./variables";
