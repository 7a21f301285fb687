/**
 * What a stack declares, without the engine or any API: paasenv's `AppEnvironment` built from the stack's
 * validated config under Pulumi's mocks, each resource recorded as the engine would receive it
 * (`record.ts`). Secret leaves are placeholders (`paasenv validate`'s), so no secret is needed; so is the
 * deployer's Scaleway access key when the stack file sets none (the program needs one to write the bucket
 * policy; the mocks answer the key lookup, and no rule reads that principal).
 */
import * as pulumi from "@pulumi/pulumi";
import { AppEnvironment } from "../../components/app-environment";
import type { StackConfig } from "../../components/config/schema";
import type { DeclaredResource } from "../../policy/local";
import { type Registered, setRecordingMocks, settle } from "./record";

/** The deployer's access key `check` declares with when the stack file sets none. */
export const PLACEHOLDER_ACCESS_KEY = "SCWCHECKPLACEHOLDER0";

/** A recorded resource as a policy's input. */
export function declaredOf(resource: Registered): DeclaredResource {
  const { type, name, urn, protect, propertyDependencies } = resource;
  return { type, name, urn, props: resource.inputs, protect, propertyDependencies };
}

/** The resources `config` declares as stack `stack` (its `values` set as Pulumi's config, `secretKeys` secret). */
export async function declareStack(
  stack: string,
  config: StackConfig,
  values: { all: Record<string, string>; secretKeys: string[] },
): Promise<DeclaredResource[]> {
  const resources: Registered[] = [];
  await setRecordingMocks(stack, resources);
  const all = { "scaleway:accessKey": PLACEHOLDER_ACCESS_KEY, ...values.all };
  pulumi.runtime.setAllConfig(all, values.secretKeys);
  const outputs = new AppEnvironment("paasenv", config).outputs();
  await Promise.all(
    Object.values(outputs).map((output) =>
      pulumi.Output.isInstance(output) ? new Promise((resolve) => output.apply(resolve)) : undefined,
    ),
  );
  await settle(resources);
  return resources.filter((resource) => resource.custom).map(declaredOf);
}
