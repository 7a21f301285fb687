/**
 * The implementation of `Guard` (see `guard.ts`): no API, only the data-loss permission.
 *
 * This file is the implementation the provider host runs; the class a program declares is in `guard.ts`.
 */
import { DATA_KEYS, type Permits, permitsOf, readPermits, refusal } from "../base/data-loss";
import { sameValue } from "../base/diff";
import { providerError } from "../base/errors";
import { type Bag, checkInputs, parseInputs, type Zod } from "../base/inputs";
import type { DynamicProvider } from "../base/resource";
import {
  changeLosses,
  changeStatement,
  destroyLosses,
  destroyStatement,
  knownOrOld,
  recordedIds,
} from "./guard-mappers";

/** Inputs of a Guard. */
export const guardInputsSchema = (z: Zod) =>
  z.object({
    held: z.array(z.enum(DATA_KEYS)),
    ids: z.partialRecord(z.enum(DATA_KEYS), z.string().min(1)),
    production: z.boolean().default(false),
    /** What deleting this guard means, for its refusal: `destroying this environment` when absent. */
    deleting: z.string().min(1).optional(),
    providerVersion: z.string().default("1"),
    resourceName: z.string().optional(),
  });

/** What `configure` keeps: the permission. */
export interface GuardSettings {
  permits: Permits;
}

const label = (bag: Bag) => `Guard "${String(bag.resourceName ?? "guard")}"`;
const field = (property: string, message: string) => `\`${property}\` ${message}`;

/** The dynamic provider behind {@link Guard}. */
export const guardProvider: DynamicProvider<GuardSettings> = {
  async configure(req) {
    this.session = { settings: { permits: readPermits((key) => req.config.get(key), process.env) } };
  },

  async check(olds, news) {
    const { z }: { z: Zod } = require("zod");
    const checked = checkInputs(guardInputsSchema(z), news, { label: label(news), field });
    if (checked.failures.length > 0) return checked;
    const { removed, replaced } = changeLosses(olds, checked.inputs);
    const statement = changeStatement(label(news), removed, replaced);
    const losses = [...removed, ...replaced].map((l) => l.loss);
    const message = statement && refusal(statement, losses, permitsOf(this), "up");
    return message === undefined
      ? checked
      : { ...checked, failures: [{ property: "held", reason: message }] };
  },

  /** Never a replacement. An ID preview does not know yet is no change: `up` compares the real one. */
  async diff(_id, olds, news) {
    const ids = knownOrOld(recordedIds(olds), recordedIds(news));
    const changes =
      !sameValue(olds.held, news.held) ||
      !sameValue(olds.ids, ids) ||
      olds.production !== news.production ||
      olds.deleting !== news.deleting;
    return { changes, replaces: [] };
  },

  async create(news) {
    const { z }: { z: Zod } = require("zod");
    const { randomUUID }: typeof import("node:crypto") = require("node:crypto");
    const inputs = parseInputs(guardInputsSchema(z), news, {
      provider: "Paasenv",
      label: label(news),
      field,
    });
    return { id: randomUUID(), outs: inputs };
  },

  async read(id, props) {
    return { id, props: props ?? {}, inputs: props ?? {} };
  },

  async update(_id, _olds, news) {
    const { z }: { z: Zod } = require("zod");
    return {
      outs: parseInputs(guardInputsSchema(z), news, { provider: "Paasenv", label: label(news), field }),
    };
  },

  async delete(_id, props) {
    const losses = destroyLosses(props);
    if (losses.length === 0) return;
    const deleting = typeof props.deleting === "string" ? props.deleting : undefined;
    const statement = destroyStatement(label(props), losses, props.production === true, deleting);
    const message = refusal(
      statement,
      losses.map((l) => l.loss),
      permitsOf(this),
      "delete",
    );
    if (message !== undefined) throw providerError("Paasenv", message);
  },
};
