/**
 * The implementation of `SecretKey` (see `secret-key.ts`): no API. `create` draws the key from Node's
 * cryptographic generator; every other step keeps it. `diff` replaces the resource only when `bytes` or
 * `rotation` changed, so an unchanged configuration never makes a new key.
 *
 * This file is the implementation the provider host runs; the class a program declares is in `secret-key.ts`.
 */
import { type Bag, checkInputs, parseInputs, type Zod } from "../base/inputs";
import type { DynamicProvider } from "../base/resource";

/** Inputs of a SecretKey. */
export const secretKeyInputsSchema = (z: Zod) =>
  z.object({
    bytes: z.int().min(16).max(64).default(32),
    rotation: z.string().default(""),
    providerVersion: z.string().default("1"),
    resourceName: z.string().optional(),
  });

/** The fields whose change makes a new key. */
export const KEY_FIELDS = ["bytes", "rotation"] as const;

const label = (bag: Bag) => `SecretKey "${String(bag.resourceName ?? "key")}"`;
const field = (property: string, message: string) => `\`${property}\` ${message}`;
const wording = (bag: Bag) => ({ provider: "Paasenv", label: label(bag), field });

/** A stored value with no `bytes`/`rotation` (never written so) counts as the defaults. */
const keyField = (bag: Bag, name: (typeof KEY_FIELDS)[number]) => bag[name] ?? (name === "bytes" ? 32 : "");

/** The dynamic provider behind {@link SecretKey}. */
export const secretKeyProvider: DynamicProvider<undefined> = {
  async configure() {},

  async check(_olds, news) {
    const { z }: { z: Zod } = require("zod");
    return checkInputs(secretKeyInputsSchema(z), news, { label: label(news), field });
  },

  async diff(_id, olds, news) {
    const replaces = KEY_FIELDS.filter((name) => keyField(olds, name) !== keyField(news, name));
    const changes = replaces.length > 0 || olds.providerVersion !== news.providerVersion;
    return { changes, replaces: [...replaces], deleteBeforeReplace: false };
  },

  async create(news) {
    const { z }: { z: Zod } = require("zod");
    const { randomBytes, randomUUID }: typeof import("node:crypto") = require("node:crypto");
    const inputs = parseInputs(secretKeyInputsSchema(z), news, wording(news));
    return { id: randomUUID(), outs: { ...inputs, value: randomBytes(inputs.bytes).toString("base64url") } };
  },

  /**
   * Nothing to read back: the state is the truth. The inputs leave the key out: a refresh stores them as the
   * resource's inputs, where `additionalSecretOutputs` does not reach, so the key would sit there in clear.
   */
  async read(id, props) {
    const { value: _key, ...inputs } = props ?? {};
    return { id, props: props ?? {}, inputs };
  },

  /** Only `providerVersion` changes in place: the key stays. */
  async update(_id, olds, news) {
    const { z }: { z: Zod } = require("zod");
    const inputs = parseInputs(secretKeyInputsSchema(z), news, wording(news));
    return { outs: { ...inputs, value: olds.value } };
  },

  async delete() {},
};
