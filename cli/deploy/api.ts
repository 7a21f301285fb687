/**
 * The Scalingo calls of `paasenv deploy`, through the Scalingo provider's own HTTP client (token exchange,
 * region discovery, retries, error messages): a source upload URL, the upload itself, the deployment, its
 * status and its build output.
 * @see https://developers.scalingo.com/deployments
 * @see https://developers.scalingo.com/sources
 */
import axios from "axios";
import axiosRetry from "axios-retry";
import { z } from "zod";
import { createOnce } from "../../providers/base/polling";
import { type ScalingoClient, shouldRetry } from "../../providers/scalingo/client";
import { toApiError } from "../../providers/scalingo/errors";
import { type SessionHolder, settingsFrom } from "../../providers/scalingo/settings";
import { redactUrl } from "./archive";
import { classifyStatus } from "./status";

const sourceSchema = z.looseObject({ upload_url: z.string(), download_url: z.string() });

const deploymentSchema = z.looseObject({
  id: z.string(),
  status: z.string(),
  git_ref: z.string().nullish(),
  created_at: z.string().nullish(),
});

/** One page of `GET /v1/apps/:app/deployments`: newest first, `meta.pagination.next_page` null on the last. */
const deploymentPageSchema = z.looseObject({
  deployments: z.array(deploymentSchema),
  meta: z.looseObject({ pagination: z.looseObject({ next_page: z.number().nullish() }) }).optional(),
});

/** A deployment as `paasenv deploy` reads it. */
export type Deployment = z.infer<typeof deploymentSchema>;

/** Upload and download URLs of a source (valid for about 10 minutes). */
export type Source = z.infer<typeof sourceSchema>;

/**
 * The client session of a deploy: `scalingo:*` keys of the stack's configuration as the provider reads them,
 * except the token, where SCALINGO_API_TOKEN wins over the stack's `scalingo:apiToken`.
 */
export function deploySession(env: NodeJS.ProcessEnv, stackConfig: Record<string, string>): SessionHolder {
  const get = (key: string) =>
    key === "scalingo:apiToken" && (env.SCALINGO_API_TOKEN ?? "") !== "" ? undefined : stackConfig[key];
  return { session: { settings: settingsFrom(get, env) } };
}

/** The backoff of {@link createOnce} between attempts. */
const retryDelay = (attempt: number) => Math.min(10_000, 500 * 2 ** attempt);

/**
 * Asks for a source upload URL (`POST /v1/sources`). A lost answer is simply asked again: an unused source
 * costs nothing. @see https://developers.scalingo.com/sources#create-a-source
 */
export async function createSource(client: ScalingoClient): Promise<Source> {
  return createOnce({
    attempts: client.settings.createAttempts,
    delayMs: retryDelay,
    lookup: async () => undefined,
    create: async () =>
      (
        await client.request({
          op: "create a source upload URL",
          method: "POST",
          path: "/v1/sources",
          root: "source",
          schema: sourceSchema,
        })
      ).data,
  });
}

/**
 * Uploads the archive to the source's upload URL (`PUT`, `Content-Type: application/x-gzip`, no bearer: the
 * URL is pre-signed). A PUT can be replayed, so 429, 5xx and network errors are retried.
 */
export async function uploadArchive(client: ScalingoClient, uploadUrl: string, bytes: Buffer): Promise<void> {
  const { settings } = client;
  const http = axios.create({
    timeout: Math.max(settings.timeoutMs, 300_000),
    maxBodyLength: Number.POSITIVE_INFINITY,
    maxContentLength: Number.POSITIVE_INFINITY,
  });
  axiosRetry(http, {
    retries: settings.retries,
    shouldResetTimeout: true,
    retryCondition: (e) => shouldRetry("PUT", "", e.response?.status, e.code),
    retryDelay: (n, e) =>
      Math.min(settings.retryMaxDelayMs, axiosRetry.exponentialDelay(n, e, settings.retryBaseMs)),
  });
  try {
    await http.put(uploadUrl, bytes, { headers: { "Content-Type": "application/x-gzip" } });
  } catch (error) {
    throw toApiError("upload the source archive", "PUT", redactUrl(uploadUrl), error);
  }
}

/**
 * Starts a deployment of `sourceUrl` (`POST /v1/apps/:app/deployments`). After a lost answer the app's recent
 * deployments are checked for one of `gitRef` still under way before trying again.
 * @see https://developers.scalingo.com/deployments#trigger-a-deployment-from-an-archive
 */
export async function createDeployment(
  client: ScalingoClient,
  app: string,
  sourceUrl: string,
  gitRef: string | undefined,
): Promise<Deployment> {
  const path = `/v1/apps/${encodeURIComponent(app)}/deployments`;
  return createOnce({
    attempts: client.settings.createAttempts,
    delayMs: retryDelay,
    lookup: async () => {
      const recent = await client.request({
        op: `list the deployments of "${app}"`,
        method: "GET",
        path,
        query: { page: "1", per_page: "5" },
        root: "deployments",
        schema: z.array(deploymentSchema),
      });
      return recent.data.find(
        (d) => (d.git_ref ?? undefined) === gitRef && classifyStatus(d.status) === "in-progress",
      );
    },
    create: async () =>
      (
        await client.request({
          op: `deploy "${app}"`,
          method: "POST",
          path,
          body: {
            deployment: { source_url: sourceUrl, ...(gitRef === undefined ? {} : { git_ref: gitRef }) },
          },
          root: "deployment",
          schema: deploymentSchema,
        })
      ).data,
  });
}

/** One deployment (`GET /v1/apps/:app/deployments/:id`). @see https://developers.scalingo.com/deployments#get-a-deployment */
export async function getDeployment(client: ScalingoClient, app: string, id: string): Promise<Deployment> {
  const reply = await client.request({
    op: `follow deployment ${id} of "${app}"`,
    method: "GET",
    path: `/v1/apps/${encodeURIComponent(app)}/deployments/${encodeURIComponent(id)}`,
    root: "deployment",
    schema: deploymentSchema,
  });
  return reply.data;
}

/**
 * The build output of a deployment (`GET …/deployments/:id/output`, plain text).
 * @see https://developers.scalingo.com/deployments#get-the-output-of-a-deployment
 */
export async function getDeploymentOutput(client: ScalingoClient, app: string, id: string): Promise<string> {
  const reply = await client.request({
    op: `read the output of deployment ${id} of "${app}"`,
    method: "GET",
    path: `/v1/apps/${encodeURIComponent(app)}/deployments/${encodeURIComponent(id)}/output`,
    schema: z.unknown(),
  });
  // axios parses a body that happens to be JSON; the log is text either way.
  return typeof reply.data === "string" ? reply.data : JSON.stringify(reply.data);
}

/** How many deployments one page of the list asks for, and how many pages are read at most. */
export const DEPLOYMENT_PAGE_SIZE = 20;
export const DEPLOYMENT_PAGES = 5;

/**
 * The app's most recent deployment with status `success`, reading the list newest first, a page at a time
 * (at most {@link DEPLOYMENT_PAGES} pages); `undefined` when none is found there.
 * @see https://developers.scalingo.com/deployments#list-the-deployments-of-an-app
 */
export async function lastSuccessfulDeployment(
  client: ScalingoClient,
  app: string,
): Promise<Deployment | undefined> {
  for (let page = 1; page <= DEPLOYMENT_PAGES; page++) {
    const reply = await client.request({
      op: `list the deployments of "${app}"`,
      method: "GET",
      path: `/v1/apps/${encodeURIComponent(app)}/deployments`,
      query: { page: String(page), per_page: String(DEPLOYMENT_PAGE_SIZE) },
      schema: deploymentPageSchema,
    });
    const found = reply.data.deployments.find((d) => d.status === "success");
    if (found !== undefined) return found;
    if ((reply.data.meta?.pagination.next_page ?? null) === null) return undefined;
  }
  return undefined;
}
