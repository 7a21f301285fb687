/**
 * Finding the object of a pending create on Scalingo by its natural key — app by name, add-on by provider on
 * its app, domain by name on its app — through the Scalingo provider's own client (token exchange, region
 * discovery, retries, error messages), with the stack's `scalingo:*` settings.
 */
import { z } from "zod";
import { scalingoClient } from "../../providers/scalingo/client";
import { type SessionHolder, settingsFrom } from "../../providers/scalingo/settings";
import type { FoundObject, NaturalKey } from "./pending";

const appSchema = z.looseObject({ id: z.string(), name: z.string(), created_at: z.string().nullish() });
const addonSchema = z.looseObject({
  id: z.string(),
  addon_provider: z.looseObject({ id: z.string() }),
  provisioned_at: z.string().nullish(),
});
const domainSchema = z.looseObject({ id: z.string(), name: z.string(), created_at: z.string().nullish() });

/** A provider session from a stack's configuration (`scalingo:*` keys), then the environment. */
export function sessionFromConfig(
  config: Readonly<Record<string, string>>,
  env: NodeJS.ProcessEnv,
): SessionHolder {
  return { session: { settings: settingsFrom((key) => config[key], env) } };
}

const dateOf = (text: string | null | undefined): Date | undefined => {
  const date = text ? new Date(text) : undefined;
  return date === undefined || Number.isNaN(date.getTime()) ? undefined : date;
};

/** A list under an app; `undefined` when the app itself is gone (404). */
async function listOf<T>(
  holder: SessionHolder,
  key: { region: string; appId: string },
  what: "addons" | "domains",
  schema: z.ZodType<T>,
): Promise<T[] | undefined> {
  const client = await scalingoClient(holder, key.region);
  const path = `/v1/apps/${encodeURIComponent(key.appId)}/${what}`;
  return client.lookup({
    op: `recover: list the ${what} of app ${key.appId}`,
    path,
    root: what,
    schema: z.array(schema),
  });
}

/**
 * The object a pending create was creating, or `undefined` when it does not exist.
 * @see https://developers.scalingo.com/apps#get-a-precise-application
 * @see https://developers.scalingo.com/addons#list-application-addons
 * @see https://developers.scalingo.com/domains#list-the-domains-of-an-application
 */
export async function findObject(holder: SessionHolder, key: NaturalKey): Promise<FoundObject | undefined> {
  if (key.kind === "app") {
    const client = await scalingoClient(holder, key.region);
    const path = `/v1/apps/${encodeURIComponent(key.name)}`;
    const app = await client.lookup({
      op: `recover: find app "${key.name}"`,
      path,
      root: "app",
      schema: appSchema,
    });
    return app && { id: app.id, createdAt: dateOf(app.created_at) };
  }
  if (key.kind === "addon") {
    const addons = await listOf(holder, key, "addons", addonSchema);
    const addon = addons?.find((a) => a.addon_provider.id.replace(/^scalingo-/, "") === key.provider);
    return addon && { id: addon.id, createdAt: dateOf(addon.provisioned_at) };
  }
  const domains = await listOf(holder, key, "domains", domainSchema);
  const domain = domains?.find((d) => d.name === key.name);
  return domain && { id: domain.id, createdAt: dateOf(domain.created_at) };
}
