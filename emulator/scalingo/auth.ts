import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { DEFAULT_REGION, REGIONS } from "../../providers/scalingo/limits";
import type { Caller, Ctx, Reply } from "./http";
import { fail, ok } from "./http";
import type { Route } from "./router";
import type { RegionName } from "./types";

const SECRET = "scalingo-emulator-signing-key";

/** The single user every API token belongs to. */
export const USER = {
  id: "us-00000000-0000-4000-8000-000000000001",
  username: "emulator",
  fullname: "Scalingo Emulator",
  email: "emulator@example.com",
};

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url");
const sign = (data: string): string => createHmac("sha256", SECRET).update(data).digest("base64url");

/** Rate-limit key of an API token (never the token itself). */
export const tokenKeyOf = (apiToken: string): string =>
  createHash("sha256").update(apiToken).digest("hex").slice(0, 16);

/** Issues an HS256 JWT with `exp` (go-scalingo reads it unverified to know when to re-exchange). */
export function issueJwt(caller: Caller, nowMs: number, ttlS: number): string {
  const iat = Math.floor(nowMs / 1000);
  const payload = {
    iss: "scalingo-emulator",
    sub: USER.id,
    kind: caller.kind,
    tk: caller.tokenKey,
    ...(caller.addonId === undefined ? {} : { addon: caller.addonId }),
    iat,
    exp: iat + ttlS,
  };
  const data = `${b64({ alg: "HS256", typ: "JWT" })}.${b64(payload)}`;
  return `${data}.${sign(data)}`;
}

/** The caller behind `Authorization: Bearer <jwt>`, or a reason it is refused. */
export function verifyBearer(header: string | undefined, nowMs: number): Caller | string {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  if (match === null) return "no authentication token provided";
  const [head = "", body = "", signature = ""] = (match[1] ?? "").split(".");
  const expected = Buffer.from(sign(`${head}.${body}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return "invalid token";
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Record<string, unknown>;
  } catch {
    return "invalid token";
  }
  if (typeof payload.exp !== "number" || payload.exp * 1000 <= nowMs) return "token expired";
  const kind = payload.kind === "addon" ? "addon" : "user";
  return {
    kind,
    tokenKey: String(payload.tk),
    ...(typeof payload.addon === "string" ? { addonId: payload.addon } : {}),
  };
}

/** The API token from `Authorization: Basic base64(":<token>")` (any user name is ignored). */
export function basicPassword(header: string | undefined): string | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? "");
  if (match === null) return undefined;
  const decoded = Buffer.from(match[1] ?? "", "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon === -1 ? undefined : decoded.slice(colon + 1);
}

/** Base URL of a region's API on this emulator: the default region at the root, the others under `/<region>`. */
export const regionUrl = (rootUrl: string, region: RegionName): string =>
  region === DEFAULT_REGION ? rootUrl : `${rootUrl}/${region}`;

const DISPLAY_NAMES: Record<RegionName, string> = {
  "osc-fr1": "Paris - Outscale",
  "osc-secnum-fr1": "Paris - SecNumCloud - Outscale",
};

const exchange =
  (ttlS: number) =>
  (ctx: Ctx): Reply => {
    const apiToken = basicPassword(ctx.headers.authorization);
    if (apiToken === undefined || apiToken === "") fail(401, { error: "invalid credentials" });
    const token = issueJwt({ kind: "user", tokenKey: tokenKeyOf(apiToken ?? "") }, ctx.now, ttlS);
    return ok({ token });
  };

/**
 * Regions listed without a bearer: the public ones only. The Scalingo CLI does not cache an anonymous list
 * because it "will not contain regions that are not publicly available (like osc-secnum-fr1)"
 * (Scalingo/cli `config/region.go`).
 */
const PUBLIC_REGIONS: readonly string[] = ["osc-fr1"];

const regions = (ctx: Ctx): Reply =>
  ok({
    regions: REGIONS.filter((name) => ctx.caller !== undefined || PUBLIC_REGIONS.includes(name)).map(
      (name) => ({
        name,
        display_name: DISPLAY_NAMES[name],
        api: regionUrl(ctx.rootUrl, name),
        dashboard: `${regionUrl(ctx.rootUrl, name)}/dashboard`,
        database_api: regionUrl(ctx.rootUrl, name),
        ssh: `ssh.${name}.scalingo.com:22`,
        default: name === DEFAULT_REGION,
      }),
    ),
  });

const self = (): Reply => ok({ user: { ...USER, flags: {} } });

/** Auth API routes: token exchange (Basic), regions and the current user. */
export const authRoutes = (ttlS: number): Route[] => [
  { method: "POST", pattern: "/v1/tokens/exchange", auth: "none", handler: exchange(ttlS) },
  { method: "GET", pattern: "/v1/regions", auth: "optional", handler: regions },
  { method: "GET", pattern: "/v1/users/self", auth: "user", handler: self },
];
