/**
 * paasenv: one Scalingo environment per stack (staging, production, review-<N>).
 *
 * The stack's `paasenv:` config is validated (a bad key fails before any resource is declared), review
 * stacks get their overrides, and one `AppEnvironment` declares everything. See docs/environment.md.
 *
 * Stack outputs: appName, appId, url, baseUrl, gitUrl, dnsRecords, and — when they exist — bucketName,
 * bucketEndpoint, databaseAddonId, backupSchedule and databaseUsers (secret).
 */
import { AppEnvironment } from "./components/app-environment";
import { loadConfig } from "./components/config/load";

const environment = new AppEnvironment("paasenv", loadConfig());

export = environment.outputs();
