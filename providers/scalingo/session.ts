/**
 * Authentication and regions of the Scalingo provider.
 *
 * - Token: the API token is exchanged for a short-lived bearer (`POST {auth}/v1/tokens/exchange`), renewed
 *   before it expires and once more on a 401.
 * - Regions: each region's API and DB-API URLs come from `GET {auth}/v1/regions` (cached per session) unless
 *   `apiUrl`/`dbApiUrl` force one URL for every region.
 *
 * Both are shared by every provider of the host process that uses the same token and URLs, in a registry kept
 * on `process` at run time (module state would be serialized by value).
 * @see https://developers.scalingo.com/
 */
import type { AxiosInstance } from "axios";
import type { Zod } from "../base/inputs";
import { processRegistry } from "../base/process-registry";
import type { SingleFlight } from "../base/single-flight";
import { scalingoError, toApiError } from "./errors";
import { type ApiRegion, exchangeSchema, regionSchema } from "./schemas";
import { type SessionHolder, type Settings, settingsFrom } from "./settings";

/**
 * Authentication state shared by every provider of the host process that uses the same token and URLs: one
 * token exchange and one region list per run, not one per resource type (the API allows 60 requests a minute),
 * and the public lists read once per run.
 */
/** An entry of Scalingo's public catalog: a stack or an add-on plan. */
export interface CatalogItem {
  id: string;
  name: string;
}

export interface SharedAuth {
  bearer?: { token: string; refreshAt: number };
  exchanging?: Promise<string>;
  regions?: Promise<ApiRegion[]>;
  /** Public lists of names read once per run (the catalog of stacks and plans), by region and path. */
  lists?: Map<string, Promise<CatalogItem[]>>;
  /** GETs in flight, shared by identical callers (`base/single-flight.ts`). */
  reads?: SingleFlight;
  /** Apps this host created in this run, with the collections it has written since (`new-apps.ts`). */
  newApps?: Map<string, Set<string>>;
  /** Database API tokens by add-on ID (`database-api.ts`): one request per database, however many resources. */
  addonTokens?: Map<string, Promise<{ token: string; refreshAt: number }>>;
}

/** What a call runs with: this provider's settings and the shared authentication state. Never serialized. */
export interface Session {
  settings: Settings;
  auth: SharedAuth;
}

/** The process-wide registry of shared authentication states, kept on `process` (not in module state). */
function authRegistry(): Map<string, SharedAuth> {
  return processRegistry<SharedAuth>("paasenv.scalingo.auth");
}

/** Forget every shared bearer and region list (tests that restart the API between cases). */
export function resetSessions(): void {
  authRegistry().clear();
}

/** The provider's session; settings come from the environment when `configure` was never called. */
export function sessionOf(holder: SessionHolder): Session {
  const settings = holder.session?.settings ?? settingsFrom(() => undefined, process.env);
  const key = JSON.stringify([settings.apiToken, settings.authUrl, settings.apiUrl, settings.dbApiUrl]);
  const registry = authRegistry();
  const auth = registry.get(key) ?? {};
  registry.set(key, auth);
  return { settings, auth };
}

/** The `exp` claim of a JWT in epoch seconds, read without verifying the signature (as go-scalingo does). */
export function jwtExpiry(token: string): number | undefined {
  const payload = token.split(".")[1];
  if (payload === undefined) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    if (claims === null || typeof claims !== "object" || !("exp" in claims)) return undefined;
    return typeof claims.exp === "number" ? claims.exp : undefined;
  } catch {
    return undefined;
  }
}

/** When to renew a bearer: 5 minutes before `exp`, or a tenth of its lifetime for short-lived ones. */
export function refreshAt(nowMs: number, expSeconds: number | undefined): number {
  const expMs = expSeconds === undefined ? nowMs + 55 * 60_000 : expSeconds * 1000;
  const margin = Math.min(5 * 60_000, Math.max(0, expMs - nowMs) / 10);
  return expMs - margin;
}

/** Exchange the API token for a bearer (`POST {auth}/v1/tokens/exchange`, Basic `:<token>`). */
async function exchange(session: Session, z: Zod, http: AxiosInstance): Promise<string> {
  const { apiToken, authUrl } = session.settings;
  if (apiToken === undefined) {
    throw scalingoError(
      "No Scalingo API token: run `pulumi config set scalingo:apiToken --secret` or set SCALINGO_API_TOKEN",
    );
  }
  const path = "/v1/tokens/exchange";
  const res = await http
    .post(`${authUrl}${path}`, {}, { auth: { username: "", password: apiToken } })
    .catch((e: unknown) => Promise.reject(toApiError("exchange the Scalingo API token", "POST", path, e)));
  const parsed = exchangeSchema(z).safeParse(res.data);
  if (!parsed.success) throw scalingoError(`exchange the Scalingo API token: POST ${path} returned no token`);
  session.auth.bearer = {
    token: parsed.data.token,
    refreshAt: refreshAt(Date.now(), jwtExpiry(parsed.data.token)),
  };
  return parsed.data.token;
}

/** A valid bearer, exchanged when missing, near expiry or `force`d (after a 401). Concurrent callers share one. */
export async function bearerToken(
  session: Session,
  z: Zod,
  http: AxiosInstance,
  force = false,
): Promise<string> {
  const current = session.auth.bearer;
  if (!force && current !== undefined && current.refreshAt > Date.now()) return current.token;
  if (force) session.auth.bearer = undefined;
  session.auth.exchanging ??= exchange(session, z, http).finally(() => {
    session.auth.exchanging = undefined;
  });
  return session.auth.exchanging;
}

/**
 * The regions and their API URLs (`GET {auth}/v1/regions`), with a bearer when there is a token. Without one
 * the call is anonymous, as the Scalingo CLI makes it, and lists only the public regions: enough for the
 * catalog checks of a preview run without credentials.
 */
async function fetchRegions(session: Session, z: Zod, http: AxiosInstance): Promise<ApiRegion[]> {
  const path = "/v1/regions";
  const headers =
    session.settings.apiToken === undefined
      ? {}
      : { Authorization: `Bearer ${await bearerToken(session, z, http)}` };
  const res = await http
    .get(`${session.settings.authUrl}${path}`, { headers })
    .catch((e: unknown) => Promise.reject(toApiError("list Scalingo regions", "GET", path, e)));
  const parsed = z.object({ regions: z.array(regionSchema(z)) }).safeParse(res.data);
  if (!parsed.success) {
    throw scalingoError(
      `list Scalingo regions: GET ${path} returned an unexpected payload (${parsed.error.message})`,
    );
  }
  return parsed.data.regions;
}

/** The API and DB-API base URLs of `region`. */
export async function regionUrls(
  session: Session,
  z: Zod,
  http: AxiosInstance,
  region: string,
): Promise<{ api: string; db: string }> {
  const { apiUrl, dbApiUrl } = session.settings;
  if (apiUrl !== undefined && dbApiUrl !== undefined) return { api: apiUrl, db: dbApiUrl };
  session.auth.regions ??= fetchRegions(session, z, http).catch((e: unknown) => {
    session.auth.regions = undefined;
    return Promise.reject(e);
  });
  const regions = await session.auth.regions;
  const found = regions.find((r) => r.name === region);
  if (found === undefined) {
    const known = regions.map((r) => r.name).join(", ");
    const hint =
      session.settings.apiToken === undefined
        ? "; listed without an API token, which shows only public regions: set SCALINGO_API_TOKEN"
        : "";
    throw scalingoError(`Scalingo region "${region}" does not exist (known regions: ${known}${hint})`);
  }
  return {
    api: apiUrl ?? found.api.replace(/\/+$/, ""),
    db: dbApiUrl ?? found.database_api.replace(/\/+$/, ""),
  };
}
