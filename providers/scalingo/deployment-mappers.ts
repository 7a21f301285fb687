/**
 * Pure parts of the `Deployment` resource: its input and API schemas (factories taking `z`), where a
 * deployment stands, and the message of a failed one.
 * @see https://developers.scalingo.com/deployments
 */
import type { z } from "zod";
import type { Zod } from "../base/inputs";
import { childFields } from "./schemas";

/** Inputs of a Deployment. */
export const deploymentInputsSchema = (z: Zod) =>
  z.object({
    ...childFields(z),
    sourceUrl: z.url({ protocol: /^https?$/, error: "must be an http(s) URL of a .tar.gz archive" }),
    gitRef: z.string().min(1, "must name the version the archive holds (the API requires `git_ref`)"),
  });

/** Resolved inputs of a Deployment. */
export type DeploymentInputs = z.infer<ReturnType<typeof deploymentInputsSchema>>;

/** A deployment as the API returns it (the fields paasenv reads). */
export const apiDeploymentSchema = (z: Zod) =>
  z.looseObject({ id: z.string(), status: z.string(), git_ref: z.string().nullish() });

/** A deployment as parsed. */
export type ApiDeployment = z.infer<ReturnType<typeof apiDeploymentSchema>>;

/**
 * Where a deployment stands. Statuses ending in `-error`, and `aborted`, are failures (Scalingo adds new
 * `-error` ones from time to time); anything else but `success` is still under way.
 */
export function deploymentStage(status: string): "success" | "failure" | "in-progress" {
  if (status === "success") return "success";
  return status === "aborted" || status.endsWith("-error") ? "failure" : "in-progress";
}

/** The last `count` non-blank lines of a build output. */
export function outputTail(text: string, count: number): string[] {
  return text
    .split("\n")
    .map((line) => line.trimEnd())
    .filter((line) => line !== "")
    .slice(-count);
}

/** The failure of deployment `id`: its status and the end of its build output. */
export function failureMessage(op: string, deployment: ApiDeployment, output: string): string {
  const tail = outputTail(output, 10).map((line) => `  ${line}`);
  const log = tail.length === 0 ? "" : `; the build output ends with:\n${tail.join("\n")}`;
  return `${op}: deployment ${deployment.id} ended in \`${deployment.status}\`${log}`;
}
