/**
 * Pure mappers of the `LogDrain` resource. A drain has no ID: the server builds a URL from the parameters
 * (`syslog://:<token>@host:port`, `datadog://<token>?region=…`, the URL itself for `elk`) and that URL is the
 * drain. The resource's ID is a digest of it, so no credential lands in the ID.
 * @see https://developers.scalingo.com/log_drains
 */
import type { LogDrainInputs } from "./monitoring-schemas";

/** URL schemes the server uses for the types DEVDOCS shows. */
const SCHEMES: Readonly<Record<string, string>> = {
  datadog: "datadog:",
  "ovh-graylog": "ovh:",
  syslog: "syslog:",
};

/** Where the drain is: the app's drains, or one add-on's. */
export function drainsPath(inputs: Pick<LogDrainInputs, "appId" | "addonId">): string {
  const addon = inputs.addonId === undefined ? "" : `/addons/${inputs.addonId}`;
  return `/v1/apps/${inputs.appId}${addon}/log_drains`;
}

/** `POST …/log_drains`: the declared parameters only (`port` a string, as go-scalingo sends it). */
export function drainBody(inputs: LogDrainInputs) {
  const params = {
    type: inputs.type,
    token: inputs.token,
    host: inputs.host,
    port: inputs.port,
    drain_region: inputs.drainRegion,
    url: inputs.url,
  };
  return { drain: Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)) };
}

/** Whether the server-built `url` is the drain these inputs declare (same scheme, host, port, token, region). */
export function drainMatches(inputs: LogDrainInputs, url: string): boolean {
  if (inputs.type === "elk") return url === inputs.url;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const scheme = SCHEMES[inputs.type];
  return (
    (scheme === undefined || parsed.protocol === scheme) &&
    (inputs.host === undefined || parsed.hostname === inputs.host) &&
    (inputs.port === undefined || parsed.port === inputs.port) &&
    (inputs.token === undefined || url.includes(inputs.token)) &&
    (inputs.drainRegion === undefined || parsed.searchParams.get("region") === inputs.drainRegion)
  );
}

/** The resource's ID: where the drain is and a digest of its URL (never the URL: it may hold a token). */
export function drainId(inputs: Pick<LogDrainInputs, "appId" | "addonId">, url: string): string {
  const crypto: typeof import("node:crypto") = require("node:crypto");
  const digest = crypto.createHash("sha256").update(url).digest("hex").slice(0, 16);
  const where = inputs.addonId === undefined ? inputs.appId : `${inputs.appId}/addons/${inputs.addonId}`;
  return `${where}/log-drains/${digest}`;
}

/** Full outputs: the inputs and the drain's URL (secret). */
export function drainOutputs(inputs: LogDrainInputs, url: string) {
  return { ...inputs, drainUrl: url };
}
