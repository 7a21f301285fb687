/**
 * The Scalingo dynamic provider: one resource per file, all on the same HTTP client (`client.ts`) and the shared base (`../base/`).
 * @see ./README.md
 */

export { Addon, type AddonArgs, addonProvider } from "./addon";
export { App, type AppArgs, appProvider } from "./app";
export { Domain, type DomainArgs, domainProvider } from "./domain";
export { Formation, type FormationArgs, formationProvider, type ProcessScale } from "./formation";
export { Variables, type VariablesArgs, variablesProvider } from "./variables";
