/**
 * Pure mappers of the `Domain` resource: the create body, what a PATCH must change, and the domain the API
 * returns to the resource's outputs (and, for `read`, back to inputs).
 * @see https://developers.scalingo.com/domains
 */
import type { Bag } from "../base/inputs";
import type { ApiDomain, DomainInputs } from "./schemas";

/** Body of `POST /v1/apps/:app/domains`. */
export function domainCreateBody(inputs: DomainInputs) {
  return {
    name: inputs.name,
    canonical: inputs.canonical,
    letsencrypt_enabled: inputs.letsEncrypt,
    ...(inputs.tlsCert === undefined ? {} : { tlscert: inputs.tlsCert, tlskey: inputs.tlsKey }),
  };
}

/**
 * What a `PATCH /v1/apps/:app/domains/:id` must change: settings that differ from the domain as it is, and the
 * certificate when the declared one changed (`tlscert: ""` removes a custom certificate).
 */
export function domainChanges(
  inputs: DomainInputs,
  previous: DomainInputs | undefined,
  remote: ApiDomain,
): Bag {
  const certChanged = inputs.tlsCert !== previous?.tlsCert || inputs.tlsKey !== previous?.tlsKey;
  return {
    ...(remote.canonical === inputs.canonical ? {} : { canonical: inputs.canonical }),
    ...(remote.letsencrypt_enabled === inputs.letsEncrypt ? {} : { letsencrypt_enabled: inputs.letsEncrypt }),
    ...(certChanged ? { tlscert: inputs.tlsCert ?? "", tlskey: inputs.tlsKey ?? "" } : {}),
  };
}

/** Full outputs of a Domain. */
export function domainOutputs(inputs: DomainInputs, domain: ApiDomain, target: string) {
  return {
    ...inputs,
    domainId: domain.id,
    cnameTarget: target,
    sslStatus: domain.ssl_status ?? "pending",
    letsencryptStatus: domain.letsencrypt_status ?? (domain.letsencrypt_enabled ? "new" : "disabled"),
  };
}

/** Inputs as they are on Scalingo (certificates cannot be read back and keep their declared value). */
export function domainInputsFromApi(inputs: DomainInputs, domain: ApiDomain): DomainInputs {
  return { ...inputs, canonical: domain.canonical, letsEncrypt: domain.letsencrypt_enabled };
}
