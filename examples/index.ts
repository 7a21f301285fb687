/**
 * One Scalingo environment per stack (Pulumi.staging.yaml, Pulumi.production.yaml; review-<N> from
 * `paasenv review up`). loadConfig() checks the stack's whole `paasenv:` config before anything is declared.
 */
import { AppEnvironment, loadConfig } from "paasenv";

const environment = new AppEnvironment("paasenv", loadConfig());

export = environment.outputs();
