/**
 * Listing and deleting Scalingo apps for `review gc`, through the Scalingo provider's own HTTP client
 * (token exchange, region discovery, retries, error messages): SCALINGO_API_TOKEN (or the source stack's
 * `scalingo:apiToken`), SCALINGO_AUTH_URL and SCALINGO_API_URL as everywhere else.
 */
import { z } from "zod";
import { errorStatus } from "../../providers/base/errors";
import { scalingoClient } from "../../providers/scalingo/client";
import { type SessionHolder, settingsFrom } from "../../providers/scalingo/settings";
import type { ScalingoAppInfo } from "../review/gc-plan";

const appListSchema = z.array(z.looseObject({ name: z.string() }));

/** A session of the provider's client: the environment, with `apiToken` as a fallback token. */
export function scalingoSession(env: NodeJS.ProcessEnv, apiToken?: string): SessionHolder {
  const get = (key: string) =>
    key === "scalingo:apiToken" && !env.SCALINGO_API_TOKEN ? apiToken : undefined;
  return { session: { settings: settingsFrom(get, env) } };
}

/** The apps of the account in `region` (`GET /v1/apps`). @see https://developers.scalingo.com/apps#list-your-applications */
export async function listApps(holder: SessionHolder, region: string): Promise<ScalingoAppInfo[]> {
  const client = await scalingoClient(holder, region);
  const reply = await client.request({
    op: `list apps in ${region}`,
    method: "GET",
    path: "/v1/apps",
    root: "apps",
    schema: appListSchema,
  });
  return reply.data.map((app) => ({ name: app.name, region }));
}

/**
 * Deletes an app (`DELETE /v1/apps/:app?current_name=:app`); an app already gone is success.
 * @see https://developers.scalingo.com/apps#delete-an-application
 */
export async function deleteApp(holder: SessionHolder, app: ScalingoAppInfo): Promise<void> {
  const client = await scalingoClient(holder, app.region);
  try {
    await client.request({
      op: `delete orphan app "${app.name}"`,
      method: "DELETE",
      path: `/v1/apps/${encodeURIComponent(app.name)}`,
      query: { current_name: app.name },
    });
  } catch (error) {
    if (errorStatus(error) !== 404) throw error;
  }
}
