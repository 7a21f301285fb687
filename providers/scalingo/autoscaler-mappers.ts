/**
 * Pure mappers of the `Autoscaler` resource: the create body (wrapped, as go-scalingo and scalingo.js send it),
 * the flat update body go-scalingo and Terraform send with only what changed, and the autoscaler as inputs and
 * outputs.
 * @see https://developers.scalingo.com/autoscalers
 */
import type { ApiAutoscaler, AutoscalerInputs } from "./monitoring-schemas";

/** `POST …/autoscalers`. */
export function autoscalerCreateBody(inputs: AutoscalerInputs) {
  return {
    autoscaler: {
      container_type: inputs.containerType,
      min_containers: inputs.minContainers,
      max_containers: inputs.maxContainers,
      metric: inputs.metric,
      target: inputs.target,
    },
  };
}

/** The flat `PATCH …/autoscalers/:id` body: the fields that differ from the autoscaler, nothing else. */
export function autoscalerChanges(inputs: AutoscalerInputs, current: ApiAutoscaler): Record<string, unknown> {
  const wanted: Record<string, unknown> = {
    min_containers: inputs.minContainers,
    max_containers: inputs.maxContainers,
    metric: inputs.metric,
    target: inputs.target,
    disabled: inputs.disabled,
  };
  const now: Record<string, unknown> = { ...current };
  return Object.fromEntries(Object.entries(wanted).filter(([key, value]) => now[key] !== value));
}

/** Inputs as they are on Scalingo (a manual scale disables an autoscaler: that shows here). */
export function autoscalerInputsFromApi(inputs: AutoscalerInputs, current: ApiAutoscaler): AutoscalerInputs {
  return {
    ...inputs,
    minContainers: current.min_containers,
    maxContainers: current.max_containers,
    metric: current.metric as AutoscalerInputs["metric"],
    target: current.target,
    disabled: current.disabled,
  };
}

/** Full outputs of an Autoscaler. */
export function autoscalerOutputs(inputs: AutoscalerInputs, current: ApiAutoscaler) {
  return { ...inputs, autoscalerId: current.id };
}
