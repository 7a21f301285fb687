/**
 * Following a deployment to its end, and the error of a failed one with the end of its build output.
 * @see https://developers.scalingo.com/deployments
 */
import { sleep } from "../../providers/base/polling";
import type { ScalingoClient } from "../../providers/scalingo/client";
import { type CliError, messageOf } from "../lib/errors";
import { type Io, progress } from "../lib/pulumi";
import { type Deployment, getDeployment, getDeploymentOutput } from "./api";
import { checkFailure } from "./report";
import { classifyStatus, failureHint, tailLines } from "./status";

/** How many lines of build output a failed deploy prints. */
export const OUTPUT_TAIL_LINES = 40;

/** Polls a deployment until it ends, reporting each status seen; throws after `timeoutMs`. */
export async function followDeployment(args: {
  client: ScalingoClient;
  app: string;
  deployment: Deployment;
  timeoutMs: number;
  onStatus: (status: string) => void;
}): Promise<Deployment> {
  const { client, app } = args;
  const deadline = Date.now() + args.timeoutMs;
  let current = args.deployment;
  let reported: string | undefined;
  for (;;) {
    if (current.status !== reported) args.onStatus(current.status);
    reported = current.status;
    if (classifyStatus(current.status) !== "in-progress") return current;
    if (Date.now() >= deadline) {
      throw checkFailure(
        "deployment",
        `deployment ${current.id} of ${app} is still ${current.status} after ${Math.round(args.timeoutMs / 1000)} s; ` +
          "it goes on on Scalingo: follow it in the dashboard, or raise --timeout",
      );
    }
    await sleep(client.settings.pollIntervalMs);
    current = await getDeployment(client, app, current.id);
  }
}

/**
 * The error of a failed deployment (the `deployment` check), with the end of its build output printed first;
 * with `--verify` it says that the HTTP check did not run.
 */
export async function deploymentFailure(args: {
  client: ScalingoClient;
  stack: string;
  app: string;
  deployment: Deployment;
  verify: boolean;
  io: Io;
}): Promise<CliError> {
  const { client, stack, app, deployment, io } = args;
  try {
    const output = await getDeploymentOutput(client, app, deployment.id);
    io.stderr(`paasenv: last lines of the build output of deployment ${deployment.id}:\n`);
    io.stderr(`${tailLines(output, OUTPUT_TAIL_LINES, "  | ").join("\n")}\n`);
  } catch (error) {
    progress(io, `could not read the build output (${messageOf(error)})`);
  }
  const checks = args.verify
    ? " (check 1 of 2, the deployment status, failed; the HTTP check did not run)"
    : "";
  return checkFailure(
    "deployment",
    `deploy ${stack}: deployment ${deployment.id} of ${app} failed with status ${deployment.status}: ` +
      `${failureHint(deployment.status)}${checks}`,
  );
}
