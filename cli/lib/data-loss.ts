/**
 * The data-loss permission the paasenv CLI grants for the stacks it destroys itself (`review down`,
 * `review gc`, `npm run demo -- --destroy`): destroying a review or demo environment means losing its data,
 * so the CLI names every data-bearing object the stack's state records, by config key and current ID, says so
 * on the terminal, and gives exactly those entries to that one `destroy` through `PAASENV_PERMIT_DATA_LOSS`.
 * An environment variable, not the stack's config: a plain `pulumi destroy` configures providers from the
 * configuration saved by the last `up`.
 */
import type { Deployment, Stack } from "@pulumi/pulumi/automation";
import { z } from "zod";
import { type DataLossPermit, isDataKey, PERMIT_ENV } from "../../providers/base/data-loss";

const resourceSchema = z.looseObject({
  type: z.string(),
  id: z.string().optional(),
  outputs: z.record(z.string(), z.unknown()).optional(),
});
const deploymentSchema = z.looseObject({
  deployment: z.looseObject({ resources: z.array(resourceSchema).optional() }).nullish(),
});

/** The entries one resource of the state contributes: the app, an add-on, or what a guard records. */
function permitsOfResource(resource: z.infer<typeof resourceSchema>): DataLossPermit[] {
  const { type, id, outputs = {} } = resource;
  const kind = type.split(":").at(-1);
  if (kind === "App" && id !== undefined) return [{ resource: "app", id }];
  const addonKey = `addons.${String(outputs.provider).replace(/^scalingo-/, "")}`;
  if (kind === "Addon" && id !== undefined && isDataKey(addonKey)) return [{ resource: addonKey, id }];
  if (kind !== "Guard" || outputs.ids === null || typeof outputs.ids !== "object") return [];
  return Object.entries(outputs.ids).flatMap(([key, value]) =>
    isDataKey(key) && typeof value === "string" ? [{ resource: key, id: value }] : [],
  );
}

/** Every data-bearing object a stack's exported state records, once each. */
export function destroyPermits(exported: Deployment): DataLossPermit[] {
  const resources = deploymentSchema.parse(exported).deployment?.resources ?? [];
  const seen = new Map<string, DataLossPermit>();
  for (const permit of resources.flatMap(permitsOfResource))
    seen.set(`${permit.resource} ${permit.id}`, permit);
  return [...seen.values()];
}

/** The terminal line: `granting … app "ap-1", addons.postgresql "ad-1"`, or `undefined` when nothing holds data. */
export function grantLine(stackName: string, permits: readonly DataLossPermit[]): string | undefined {
  if (permits.length === 0) return undefined;
  const list = permits.map((p) => `${p.resource} ${JSON.stringify(p.id)}`).join(", ");
  return `${stackName}: destroying it deletes what it holds; granting ${PERMIT_ENV} for this destroy only: ${list}`;
}

/**
 * Runs `destroy` on `stack` with the data-loss permission for everything its state records (said through
 * `say`), and takes the permission away again afterwards, failed or not.
 */
export async function withDestroyPermission<T>(
  stack: Stack,
  say: (line: string) => void,
  destroy: () => Promise<T>,
): Promise<T> {
  const permits = destroyPermits(await stack.exportStack());
  const line = grantLine(stack.name, permits);
  if (line === undefined) return destroy();
  say(line);
  const { envVars } = stack.workspace;
  envVars[PERMIT_ENV] = JSON.stringify(permits);
  try {
    return await destroy();
  } finally {
    delete envVars[PERMIT_ENV];
  }
}
