/**
 * How paasenv's provider code reaches the Pulumi engine: **by reference**.
 *
 * Every paasenv dynamic resource is declared with the same small provider object, {@link providerShim}. Pulumi
 * serializes it once per program (its cache is keyed by the object) into each resource's `__provider`: about
 * 4 KB of text that holds no implementation, only the way to find it. In the provider host (`pulumi-nodejs`,
 * started in the program's directory), the shim loads the implementation named by the resource's
 * `resourceType` input (`scalingo:App`, `alwaysdata:Record`) from `implementations` of:
 *
 * 1. the `paasenv` package installed beside the program (`node_modules/paasenv`, compiled JavaScript): how a
 *    consuming project runs;
 * 2. else this repository's own TypeScript source (`providers/index.ts` under the program's directory),
 *    loaded through tsx's CommonJS hook: how a plain checkout runs, with no build step.
 *
 * The shim's text never changes between paasenv versions, so the engine never sees `__provider` change, and
 * a newer paasenv's code serves `read` and `delete` of resources created by an older one: implementations
 * must keep accepting every stored shape (`providerVersion` says which). See docs/design.md, "How provider
 * code reaches the engine", for the measurements behind this choice.
 *
 * Everything here is serialized by value: plain functions, `require` inside them, nothing captured but
 * other functions of this module.
 */
import type { dynamic } from "@pulumi/pulumi";

type Bag = Record<string, unknown>;
/** A provider implementation, as `providers/index.ts` exports them. */
export type Implementation = Required<Omit<dynamic.ResourceProvider<Bag, Bag>, "configure">> &
  Pick<dynamic.ResourceProvider<Bag, Bag>, "configure">;

/** What the shim keeps in the provider host between calls. */
export interface ShimState {
  /** The stack config the engine passed to `configure`, handed to each implementation when it is loaded. */
  request?: dynamic.ConfigureRequest;
  /** Implementations loaded so far, by resource type. */
  loaded?: Map<string, Promise<Implementation>>;
}

/** The registry of implementations, from the installed package or from this checkout's source. */
export function loadImplementations(cwd: string): Record<string, Implementation | undefined> {
  try {
    return require("paasenv/providers").implementations;
  } catch (error) {
    const code = error !== null && typeof error === "object" && "code" in error ? error.code : undefined;
    if (code !== "MODULE_NOT_FOUND") throw error;
  }
  const path: typeof import("node:path") = require("node:path");
  const fs: typeof import("node:fs") = require("node:fs");
  const source = path.join(cwd, "providers", "index.ts");
  if (!fs.existsSync(source)) {
    throw new Error(
      `paasenv's provider code was not found from ${cwd}: install paasenv in this program's directory ` +
        "(`npm install paasenv`); it serves every paasenv resource of the stack, deletes included.",
    );
  }
  const tsx: { require(id: string, from: string): { implementations: Record<string, Implementation> } } =
    require("tsx/cjs/api");
  return tsx.require(source, path.join(cwd, "index.ts")).implementations;
}

/** The implementation of `props.resourceType`, loaded and configured once per host process. */
export function implementationFor(state: ShimState, props: Bag): Promise<Implementation> {
  const type = props.resourceType;
  if (typeof type !== "string") {
    return Promise.reject(
      new Error("a paasenv resource without `resourceType` reached the paasenv provider"),
    );
  }
  state.loaded ??= new Map();
  let loading = state.loaded.get(type);
  if (loading === undefined) {
    loading = (async () => {
      const shared = loadImplementations(process.cwd())[type];
      if (shared === undefined) {
        throw new Error(
          `the installed paasenv has no provider for ${type}: upgrade paasenv in this program's directory`,
        );
      }
      // A copy per shim: `configure` keeps its settings on the object it is called on.
      const implementation = { ...shared };
      if (state.request !== undefined) await implementation.configure?.(state.request);
      return implementation;
    })();
    state.loaded.set(type, loading);
  }
  return loading;
}

/** `bag` with the resource type carried over (implementations parse their inputs and drop unknown keys). */
export function withType<T extends Bag | undefined>(bag: T, props: Bag): T {
  return bag === undefined ? bag : { ...bag, resourceType: props.resourceType };
}

/** Carries the resource type into the properties of a "created but failed to initialize" error. */
export function typedError(error: unknown, props: Bag): unknown {
  if (error === null || typeof error !== "object" || !("properties" in error)) return error;
  const properties = error.properties;
  if (properties === null || typeof properties !== "object") return error;
  return Object.assign(error, { properties: withType(properties as Bag, props) });
}

/** The one provider object of every paasenv resource: each method forwards to the resource type's implementation. */
export const providerShim: Required<dynamic.ResourceProvider<Bag, Bag>> & ShimState = {
  async configure(req) {
    this.request = req;
  },
  async check(olds, news) {
    const result = await (await implementationFor(this, news)).check(olds, news);
    return { ...result, inputs: withType(result.inputs, news) };
  },
  async diff(id, olds, news) {
    return (await implementationFor(this, news)).diff(id, olds, news);
  },
  async create(news) {
    try {
      const result = await (await implementationFor(this, news)).create(news);
      return { ...result, outs: withType(result.outs, news) };
    } catch (error) {
      throw typedError(error, news);
    }
  },
  async read(id, props) {
    const stored = props ?? {};
    const result = await (await implementationFor(this, stored)).read(id, stored);
    if (result.id === undefined) return result;
    return { ...result, props: withType(result.props, stored), inputs: withType(result.inputs, stored) };
  },
  async update(id, olds, news) {
    const result = await (await implementationFor(this, news)).update(id, olds, news);
    return { ...result, outs: withType(result.outs, news) };
  },
  async delete(id, props) {
    await (await implementationFor(this, props)).delete(id, props);
  },
};
