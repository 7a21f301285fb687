/**
 * Calls to a database's Database API (`https://db-api.<region>.scalingo.com/api`), with that add-on's own
 * bearer: `POST /v1/apps/:app/addons/:id/token` → `{"addon":{…,"token"}}`, valid about an hour. The token is
 * kept in the host-wide authentication state (`SharedAuth.addonTokens`), so every resource of one database —
 * its settings, its users — shares one token request per run; it is renewed before it expires, and once after a
 * 401. (go-scalingo asks for a new one before every call; the Database API is the only place it is used.)
 * @see https://developers.scalingo.com/databases
 */
import { errorStatus } from "../base/errors";
import type { Call, Reply, ScalingoClient } from "./client";
import { jwtExpiry, refreshAt } from "./session";

/** The database a call is about: the app and add-on (its ID is the database ID). */
export interface DatabaseTarget {
  appId: string;
  addonId: string;
}

async function fetchAddonToken(client: ScalingoClient, op: string, target: DatabaseTarget) {
  const { z } = client;
  const path = `/v1/apps/${target.appId}/addons/${target.addonId}/token`;
  const schema = z.object({ token: z.string().min(1) });
  const reply = await client.request({ op, method: "POST", path, root: "addon", schema });
  return { token: reply.data.token, refreshAt: refreshAt(Date.now(), jwtExpiry(reply.data.token)) };
}

/** The add-on's Database API token, from the shared state unless missing, near expiry or `force`d. */
export async function addonToken(
  client: ScalingoClient,
  op: string,
  target: DatabaseTarget,
  force = false,
): Promise<string> {
  client.shared.addonTokens ??= new Map();
  const tokens = client.shared.addonTokens;
  const cached = tokens.get(target.addonId);
  const current = cached === undefined ? undefined : await cached.catch(() => undefined);
  if (!force && current !== undefined && current.refreshAt > Date.now()) return current.token;
  const pending = fetchAddonToken(client, op, target);
  tokens.set(target.addonId, pending);
  pending.catch(() => {
    if (tokens.get(target.addonId) === pending) tokens.delete(target.addonId);
  });
  return (await pending).token;
}

/** One Database API call with the add-on's token; after a 401, once more with a fresh token. */
export async function databaseRequest<T>(
  client: ScalingoClient,
  target: DatabaseTarget,
  call: Omit<Call<T>, "base" | "token">,
): Promise<Reply<T>> {
  const send = async (force: boolean) =>
    client.request({ ...call, base: "db", token: await addonToken(client, call.op, target, force) });
  try {
    return await send(false);
  } catch (error) {
    if (errorStatus(error) !== 401) throw error;
    return send(true);
  }
}
