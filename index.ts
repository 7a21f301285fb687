/**
 * paasenv: one Scalingo environment per stack (staging, production, review-<N>).
 *
 * The stack's `paasenv:` config is validated (a bad key fails before any resource is declared), review
 * stacks get their overrides, and one `AppEnvironment` declares everything. See README.md, "What a stack creates".
 */
import { AppEnvironment } from "./components/app-environment";
import { loadConfig } from "./components/lib/load";

const environment = new AppEnvironment("paasenv", loadConfig());

export const appName = environment.appName;
export const appId = environment.appId;
export const url = environment.url;
export const baseUrl = environment.baseUrl;
export const gitUrl = environment.gitUrl;
export const dnsRecords = environment.dnsRecords;
export const bucketName = environment.bucketName;
export const bucketEndpoint = environment.bucketEndpoint;
export const databaseAddonId = environment.databaseAddonId;
