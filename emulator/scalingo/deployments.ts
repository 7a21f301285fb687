import { requireApp } from "./apps";
import { FAIL_BUILD_MARKER, inspectArchive, parseProcfile } from "./archive";
import { USER } from "./auth";
import { defaultStack } from "./catalog";
import type { Ctx, Reply } from "./http";
import { created, invalid, notFound, ok, optionalString, requiredString, wrapped } from "./http";
import { iso } from "./ids";
import { DEPLOYMENT_STEPS } from "./lifecycle";
import type { Route } from "./router";
import type { AppState, Deployment } from "./types";

const IN_PROGRESS = new Set(["queued", "building", "pushing", "starting"]);

function createSource(ctx: Ctx): Reply {
  const id = ctx.store.nextId();
  ctx.store.state.sources[id] = { id, created_at: iso(ctx.now), data: null };
  const url = `${ctx.rootUrl}/sources/${id}`;
  return created({
    source: { upload_url: `${url}?signature=upload`, download_url: `${url}?signature=download` },
  });
}

function upload(ctx: Ctx): Reply {
  const source = ctx.store.state.sources[ctx.params.id ?? ""] ?? notFound("source");
  source.data = ctx.rawBody.toString("base64");
  return { status: 200 };
}

function download(ctx: Ctx): Reply {
  const source = ctx.store.state.sources[ctx.params.id ?? ""] ?? notFound("source");
  if (source.data === null) notFound("source");
  const bytes = Buffer.from(source.data ?? "", "base64");
  return { status: 200, bytes, headers: { "Content-Type": "application/x-gzip" } };
}

/**
 * The bytes behind a `source_url`: an archive uploaded through `POST /v1/sources`, or one registered for that
 * outside URL (`POST /__emulator/archives`); else why there are none (the deployment then ends in
 * `build-error`, as Scalingo's does when its builder cannot fetch the archive).
 */
function sourceBytes(ctx: Ctx, sourceUrl: string): Buffer | string {
  const registered = ctx.store.state.archives[sourceUrl];
  if (registered !== undefined) return Buffer.from(registered, "base64");
  const id = /\/sources\/([0-9a-f]{24})(\?|$)/.exec(sourceUrl)?.[1];
  if (id === undefined || !sourceUrl.startsWith(ctx.rootUrl)) {
    return (
      `cannot download ${sourceUrl}: the emulator deploys archives uploaded through POST /v1/sources and ` +
      "those registered for a URL through POST /__emulator/archives"
    );
  }
  const data = ctx.store.state.sources[id]?.data;
  return data === undefined || data === null
    ? `source ${id} has not been uploaded`
    : Buffer.from(data, "base64");
}

/** Reads the archive; returns the Procfile types and the failure reason (bad archive or the fail marker). */
async function build(
  ctx: Ctx,
  sourceUrl: string,
): Promise<{ procfile: Record<string, string>; error?: string; log: string }> {
  const bytes = sourceBytes(ctx, sourceUrl);
  if (typeof bytes === "string") return { procfile: {}, error: bytes, log: "" };
  const info = await inspectArchive(bytes);
  if (typeof info === "string") return { procfile: {}, error: info, log: "" };
  const procfile = parseProcfile(info.procfile);
  const log = [
    `-----> Archive extracted (${info.entries.length} entries in ${info.folder}/)`,
    `-----> Procfile ${info.procfile === undefined ? "not found, default web process" : "detected"}`,
    ...Object.entries(procfile).map(([type, command]) => `       process type ${type}: ${command}`),
  ].join("\n");
  if (info.entries.includes(FAIL_BUILD_MARKER)) {
    return { procfile, error: `build failed: ${FAIL_BUILD_MARKER} found in the app folder`, log };
  }
  return { procfile, log };
}

/** Schedules the statuses (queued → building → pushing → starting → success, or build-error). */
function scheduleSteps(ctx: Ctx, appState: AppState, deployment: Deployment, failed: boolean): void {
  const step = Math.max(ctx.options.operationMs, 1);
  const steps = failed ? ["building", "build-error"] : DEPLOYMENT_STEPS;
  steps.forEach((status, i) => {
    ctx.store.schedule({
      at: ctx.now + step * (i + 1),
      region: ctx.region,
      appId: appState.app.id,
      kind: "deployment-status",
      targetId: deployment.id,
      status,
    });
  });
}

/** Starts a deployment of an archive (from `POST …/deployments` or an SCM manual deploy). */
export async function startDeployment(
  ctx: Ctx,
  appState: AppState,
  sourceUrl: string,
  gitRef: string,
): Promise<Deployment> {
  if (appState.deployments.some((d) => IN_PROGRESS.has(d.status))) {
    invalid("app", "a deployment is already in progress");
  }
  const id = ctx.store.nextId();
  const app = appState.app;
  const previous = appState.deployments.find((d) => d.id === app.last_deployment_id);
  const deployment: Deployment = {
    id,
    app_id: app.id,
    created_at: iso(ctx.now),
    finished_at: null,
    status: "queued",
    git_ref: gitRef,
    previous_git_ref: previous?.git_ref ?? null,
    type: "archive",
    duration: 0,
    image_size: 0,
    stack_base_image: defaultStack().base_image,
    pusher: { id: USER.id, username: USER.username, email: USER.email },
    links: { output: `${ctx.regionUrl}/v1/apps/${app.name}/deployments/${id}/output` },
  };
  const result = await build(ctx, sourceUrl);
  appState.deployments.unshift(deployment);
  appState.deployment_procfiles[id] = result.procfile;
  const lines = [`-----> Fetching source code from ${sourceUrl.replace(/\?.*$/, "")}`, result.log];
  if (result.error !== undefined) lines.push(` !     ${result.error}`);
  appState.deployment_outputs[id] = `${lines.filter((l) => l !== "").join("\n")}\n`;
  scheduleSteps(ctx, appState, deployment, result.error !== undefined);
  return deployment;
}

async function create(ctx: Ctx): Promise<Reply> {
  const appState = requireApp(ctx);
  const fields = wrapped(ctx.body, "deployment");
  const sourceUrl = requiredString(fields, "source_url");
  const deployment = await startDeployment(ctx, appState, sourceUrl, optionalString(fields, "git_ref") ?? "");
  return created({ deployment });
}

function list(ctx: Ctx): Reply {
  const deployments = requireApp(ctx).deployments;
  const perPage = Math.max(1, Number(ctx.query.get("per_page") ?? 20) || 20);
  const totalPages = Math.max(1, Math.ceil(deployments.length / perPage));
  const page = Math.min(totalPages, Math.max(1, Number(ctx.query.get("page") ?? 1) || 1));
  return ok({
    deployments: deployments.slice((page - 1) * perPage, page * perPage),
    meta: {
      pagination: {
        current_page: page,
        prev_page: page > 1 ? page - 1 : null,
        next_page: page < totalPages ? page + 1 : null,
        total_pages: totalPages,
        total_count: deployments.length,
      },
    },
  });
}

const requireDeployment = (appState: AppState, id: string): Deployment =>
  appState.deployments.find((d) => d.id === id) ?? notFound("deployment");

function output(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  const deployment = requireDeployment(appState, ctx.params.id ?? "");
  return { status: 200, text: appState.deployment_outputs[deployment.id] ?? "" };
}

/** Sources (upload URLs served by the emulator itself) and deployments. */
export const deploymentRoutes: Route[] = [
  { method: "POST", pattern: "/v1/sources", auth: "user", handler: createSource },
  { method: "PUT", pattern: "/sources/:id", auth: "none", handler: upload },
  { method: "GET", pattern: "/sources/:id", auth: "none", handler: download },
  { method: "GET", pattern: "/v1/apps/:app/deployments", auth: "user", handler: list },
  { method: "POST", pattern: "/v1/apps/:app/deployments", auth: "user", handler: create },
  {
    method: "GET",
    pattern: "/v1/apps/:app/deployments/:id",
    auth: "user",
    handler: (ctx) => ok({ deployment: requireDeployment(requireApp(ctx), ctx.params.id ?? "") }),
  },
  { method: "GET", pattern: "/v1/apps/:app/deployments/:id/output", auth: "user", handler: output },
];
