/**
 * What every Alwaysdata resource shares, on the base of `../base/resource.ts`: settings from `alwaysdata:*`,
 * a client built from them at run time, `AlwaysdataError`s worded ``"`name`: …"``. Each resource file declares
 * the rest with {@link alwaysdataResource}.
 */
import type { z } from "zod";
import type { ProviderDeclaration, ResourceDeclaration } from "../base/resource";
import { type AlwaysdataClient, alwaysdataClient } from "./client";
import { type AlwaysdataSettings, settingsFrom } from "./settings";

/** The Alwaysdata API as every resource uses it. */
export const ALWAYSDATA: ProviderDeclaration<AlwaysdataSettings, AlwaysdataClient> = {
  provider: "Alwaysdata",
  field: (property, message) => `\`${property}\`: ${message}`,
  settings: settingsFrom,
  connect: (holder) => alwaysdataClient(holder),
};

/** An Alwaysdata resource's declaration: the shared parts from {@link ALWAYSDATA}, its own from `spec`. */
export function alwaysdataResource<I extends z.ZodObject, O extends z.ZodType>(
  spec: Omit<ResourceDeclaration<I, O, AlwaysdataSettings, AlwaysdataClient>, "api">,
): ResourceDeclaration<I, O, AlwaysdataSettings, AlwaysdataClient> {
  return { ...spec, api: ALWAYSDATA };
}
