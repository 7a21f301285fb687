/**
 * What every Scalingo resource shares, on the base of `../base/resource.ts`: settings from `scalingo:*`, a
 * client bound to the inputs' region (filled from `scalingo:region` when absent), `ScalingoError`s worded
 * ``App "shop": `name` must …``. Each resource file declares the rest with {@link scalingoResource}.
 */
import type { z } from "zod";
import type { DiffDeclaration } from "../base/diff";
import { type Bag, containsUnknown, type Failure, UNKNOWN, type Zod } from "../base/inputs";
import type { ProviderDeclaration, ResourceDeclaration } from "../base/resource";
import { type CatalogEntry, catalogFailures } from "./catalog";
import { type ScalingoClient, scalingoClient } from "./client";
import { DEFAULT_REGION } from "./limits";
import { type SessionHolder, type Settings, settingsFrom } from "./settings";

/**
 * `news` with `region` filled from `scalingo:region` / `SCALINGO_REGION` (default `osc-fr1`) when absent. The
 * filled value is stored with the inputs, so a later change of that setting shows as a replacement in preview.
 */
export function withDefaultRegion(news: Bag, settings: { defaultRegion: string } | undefined): Bag {
  if (news.region !== undefined) return news;
  return { ...news, region: settings?.defaultRegion ?? DEFAULT_REGION };
}

/** The Scalingo API as every resource uses it. */
export const SCALINGO: ProviderDeclaration<Settings, ScalingoClient> = {
  provider: "Scalingo",
  field: (property, message) => `\`${property}\` ${message}`,
  settings: (get) => settingsFrom(get, process.env),
  // The schema has checked `region` by the time a client is built. A refresh's reads share their answers
  // (`base/single-flight.ts`).
  connect: (holder, inputs, verb) =>
    scalingoClient(holder, String(inputs.region), { snapshot: verb === "read" }),
  defaults: withDefaultRegion,
};

/**
 * Preview cannot know the outputs of an App being updated (dynamic providers do not preview updates), so its
 * children see `appId` as unknown on every App change. An App is replaced only when its region changes, and
 * children carry that region as a plain input: with `region` known and unchanged, an unknown `appId` is the same
 * app, so it must not show as a replacement. At `up` time the real ID is known and compared.
 */
export function appIdOnlyUnknown(field: string, olds: Bag, news: Bag): boolean {
  return (
    field === "appId" &&
    news.appId === UNKNOWN &&
    !containsUnknown(news.region) &&
    news.region === olds.region
  );
}

/**
 * The diff of a resource stored in an app: another app or region is another object (the same app behind an
 * unknown `appId` is not), `fields` change in place unless listed in `replaceOn` too.
 */
export function appChildDiff(fields: readonly string[], replaceOn: readonly string[] = []): DiffDeclaration {
  return {
    fields: ["appId", "region", ...fields, "providerVersion"],
    replaceOn: ["appId", "region", ...replaceOn],
    keeps: appIdOnlyUnknown,
  };
}

/** What a Scalingo resource declares (see `ResourceDeclaration` for each field). */
export interface ScalingoResourceSpec<I extends z.ZodObject> {
  /** The resource class, for messages: `App`. */
  kind: string;
  /** The input naming the resource in messages when it has no Pulumi name: `name`, `appId`. */
  key: string;
  inputs: (z: Zod) => I;
  what: (inputs: z.output<I>) => string;
  diff: DiffDeclaration;
  changeRules?: (olds: Bag, inputs: Bag, label: string) => Failure[];
  /** The values `check` looks up in Scalingo's catalog (only those changed since `olds`; see `catalog.ts`). */
  catalog?: (olds: Bag, inputs: Bag) => CatalogEntry[];
}

/** A Scalingo resource's declaration: the shared parts from {@link SCALINGO}, its own from `spec`. */
export function scalingoResource<I extends z.ZodObject>(
  spec: ScalingoResourceSpec<I>,
): ResourceDeclaration<I, I, Settings, ScalingoClient> {
  const label = (props: Bag) => `${spec.kind} "${String(props.resourceName ?? props[spec.key])}"`;
  const { catalog } = spec;
  const catalogRules =
    catalog === undefined
      ? undefined
      : async (holder: SessionHolder, olds: Bag, inputs: Bag, name: string) => {
          const entries = catalog(olds, inputs);
          if (entries.length === 0) return [];
          const client = await scalingoClient(holder, String(inputs.region));
          return catalogFailures(client, `check ${name}`, entries, name);
        };
  return { ...spec, api: SCALINGO, state: spec.inputs, label, checkLabel: label, catalogRules };
}
