/**
 * `SecretKey`: a random key generated once by paasenv itself (no API), kept in state as a Pulumi secret and
 * stable across `up`s. A new key is generated only when `rotation` (a keeper: any text you change on purpose)
 * or `bytes` changes. `@pulumi/random` does the same, but its plugin cannot be installed everywhere paasenv runs.
 */
import type * as pulumi from "@pulumi/pulumi";
import { PaasenvResource } from "../base/paasenv-resource";

/** Bump when the provider's logic changes, so `up` rewrites what state holds. */
export const SECRET_KEY_PROVIDER_VERSION = "1";

/** Random bytes of a key that names none (32 bytes: 43 characters of base64url). */
export const DEFAULT_SECRET_BYTES = 32;

/** Arguments of a {@link SecretKey}. */
export interface SecretKeyArgs {
  /**
   * Random bytes behind the key (16–64); the key is their base64url text.
   * @default `32`
   */
  bytes?: number;
  /**
   * A keeper: changing it (to any other text) generates a new key, replacing this resource.
   * @default `""`
   * @example `"2026-11"`
   */
  rotation?: string;
}

/**
 * A random key, secret in state and in every output that carries it.
 *
 * @example
 * ```ts
 * const key = new SecretKey("shop-metabase-encryption-key", { rotation: "" });
 * new Variables("shop-metabase-variables", { …, variables: { MB_ENCRYPTION_SECRET_KEY: key.value } });
 * ```
 */
export class SecretKey extends PaasenvResource {
  /** The key (secret): base64url text of `bytes` random bytes. */
  declare readonly value: pulumi.Output<string>;

  constructor(name: string, args: SecretKeyArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      value: undefined,
      ...args,
      providerVersion: SECRET_KEY_PROVIDER_VERSION,
      resourceName: name,
    };
    const secrets = [...(opts?.additionalSecretOutputs ?? []), "value"];
    super("paasenv", "SecretKey", name, props, { ...opts, additionalSecretOutputs: secrets });
  }
}
