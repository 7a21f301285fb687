import type { Region } from "../../providers/scalingo/limits";

/** JSON value as stored in the emulator state and sent on the wire. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** A JSON object. */
export type JsonObject = { [key: string]: Json };

/** A region the emulator serves: every Scalingo region (`providers/scalingo/limits.ts`). */
export type RegionName = Region;

/** App object (`{"app":{…}}`), the union of the documented and client-parsed fields. */
export interface App {
  id: string;
  name: string;
  region: RegionName;
  created_at: string;
  updated_at: string;
  status: "new" | "running" | "stopped" | "crashed" | "restarting" | "scaling" | "booting";
  git_url: string;
  url: string;
  base_url: string;
  links: { deployments_stream: string };
  owner: { id: string; username: string; email: string };
  force_https: boolean;
  sticky_session: boolean;
  router_logs: boolean;
  stack_id: string;
  hds_resource: boolean;
  private_networks_ids: string[];
  last_deployed_at: string | null;
  last_deployed_by: string | null;
  last_deployment_id: string | null;
  git_source: string | null;
  parent_app_name: string | null;
  project: { id: string; name: string } | null;
  flags: JsonObject;
}

/** Environment variable object. */
export interface Variable {
  id: string;
  name: string;
  value: string;
}

/** Add-on plan object (see catalog.ts). */
export interface Plan {
  id: string;
  name: string;
  display_name: string;
  price: number;
  description: string;
  position: number;
  on_demand: boolean;
  disabled: boolean;
  disabled_alternative_plan_id: string | null;
  sku: string;
  pricings: { default: { price: string; currency: string; period: string } };
  hds_available: boolean;
  to_be_discontinued: boolean;
  trial_available: boolean;
}

/** Add-on object. */
export interface Addon {
  id: string;
  app_id: string;
  resource_id: string;
  status: "provisioning" | "running" | "suspended";
  plan: Plan;
  addon_provider: { id: string; name: string; logo_url: string };
  provisioned_at: string;
  deprovisioned_at: string | null;
  updated_at: string;
  hds_resource: boolean;
}

/** One process type of the formation (`GET /containers`). */
export interface Container {
  id: string;
  app_id: string;
  name: string;
  amount: number;
  size: string;
  command: string;
}

/** Asynchronous operation (scale, restart). */
export interface Operation {
  id: string;
  app_id: string;
  created_at: string;
  finished_at: string | null;
  status: "pending" | "running" | "done" | "error";
  type: string;
  error: string;
}

/** Domain object. */
export interface Domain {
  id: string;
  app_id: string;
  name: string;
  created_at: string;
  ssl: boolean;
  tlscert: string | null;
  tlskey: string | null;
  validity: string | null;
  ssl_status: "pending" | "success" | "error";
  canonical: boolean;
  letsencrypt_enabled: boolean;
  letsencrypt: boolean;
  letsencrypt_status: "pending_dns" | "new" | "created" | "dns_required" | "error";
  acme_dns_fqdn: string;
  acme_dns_value: string;
  acme_dns_error: { dns_provider: string; variables: string[] };
  acme_challenge_error: string;
}

/** Deployment object. */
export interface Deployment {
  id: string;
  app_id: string;
  created_at: string;
  finished_at: string | null;
  status: string;
  git_ref: string;
  previous_git_ref: string | null;
  type: string;
  duration: number;
  image_size: number;
  stack_base_image: string;
  pusher: { id: string; username: string; email: string };
  links: { output: string };
}

/** Database API state kept per add-on (the database ID is the add-on ID). */
export interface DatabaseState {
  database: JsonObject;
  backups: JsonObject[];
  users: JsonObject[];
  /** Database operations (`pitr_restore`), newest last. */
  operations?: JsonObject[];
  /** Until when periodic backups have been taken (epoch ms); they are added lazily when the database is read. */
  periodic_until?: number;
}

/** Everything stored for one app; each object in the API's own JSON shape. */
export interface AppState {
  app: App;
  variables: Variable[];
  addons: Addon[];
  containers: Container[];
  domains: Domain[];
  deployments: Deployment[];
  operations: Operation[];
  scm_repo_link: JsonObject | null;
  collaborators: JsonObject[];
  notifiers: JsonObject[];
  alerts: JsonObject[];
  log_drains: JsonObject[];
  autoscalers: JsonObject[];
  databases: Record<string, DatabaseState>;
  /** Build logs by deployment ID. */
  deployment_outputs: Record<string, string>;
  /** Procfile read from each deployment's archive, applied when it succeeds. */
  deployment_procfiles: Record<string, Record<string, string>>;
  /** Process types and commands of the last successful deployment's Procfile; null before any. */
  procfile: Record<string, string> | null;
}

/** One region's apps, keyed by app name. */
export interface RegionState {
  apps: Record<string, AppState>;
}

/** An uploaded source archive (`POST /v1/sources`, then `PUT` on its upload URL). */
export interface SourceRecord {
  id: string;
  created_at: string;
  /** Base64 of the uploaded bytes; null until uploaded. */
  data: string | null;
}

/** A state change that happens later (add-on provisioning, operation and deployment progress). */
export interface ScheduledTask {
  at: number;
  region: RegionName;
  appId: string;
  kind:
    | "addon-running"
    | "operation-status"
    | "deployment-status"
    | "domain-certificate"
    | "backup-done"
    | "feature-status"
    | "db-operation-status";
  targetId: string;
  status: string;
}

/** The whole emulator state (what `--state-file` persists). */
export interface EmulatorState {
  version: 1;
  /** Counter behind the deterministic IDs. */
  seq: number;
  regions: Record<RegionName, RegionState>;
  sources: Record<string, SourceRecord>;
  schedule: ScheduledTask[];
}
