/**
 * How paasenv's provider code reaches the Pulumi engine: **by reference**.
 *
 * A dynamic resource stores its provider as JavaScript text in `__provider`; the `pulumi-nodejs` host runs
 * `require-from-string(text).handler()` (in the program's directory) and calls the returned object's `check`,
 * `diff`, `create`… Every paasenv resource stores the same short text, {@link PROVIDER_LOADER}, written here by
 * hand rather than produced by Pulumi's closure serializer: its `handler()` loads the provider shim from
 *
 * 1. the `paasenv` package installed beside the program (`paasenv/providers`, compiled JavaScript): how a
 *    consuming project runs;
 * 2. else this repository's own TypeScript source (`providers/index.ts` under the program's directory), through
 *    tsx's CommonJS loader: how a plain checkout runs, with no build step;
 *
 * and fails with a clear message when neither is there. That module's `createProvider()` returns a new shim
 * ({@link createShim}) which forwards each call to the implementation named by the resource's `resourceType` input
 * (`scalingo:App`, `alwaysdata:Record`). The loader's contract (`paasenv/providers` exports `createProvider()`)
 * must never change: the text is stored in every resource's state.
 *
 * The text never changes between paasenv versions, so the engine never sees `__provider` change, and the
 * installed paasenv's code serves `read` and `delete` of resources created by an older one: implementations keep
 * accepting every stored shape (`providerVersion` says which). docs/design.md, "How provider code reaches the
 * engine", has the measurements behind this choice.
 */
import type { dynamic } from "@pulumi/pulumi";

type Bag = Record<string, unknown>;
/** A provider implementation, as `providers/index.ts` registers them. */
export type Implementation = Required<Omit<dynamic.ResourceProvider<Bag, Bag>, "configure">> &
  Pick<dynamic.ResourceProvider<Bag, Bag>, "configure">;

/** The provider object the host calls: every method, plus what it keeps between calls. */
export type ProviderShim = Required<dynamic.ResourceProvider<Bag, Bag>> & ShimState;

/** What the shim keeps in the provider host between calls. */
export interface ShimState {
  /** The stack config the engine passed to `configure`, handed to each implementation when it is loaded. */
  request?: dynamic.ConfigureRequest;
  /** Implementations configured so far, by resource type. */
  loaded?: Map<string, Promise<Implementation>>;
}

/**
 * The `__provider` text of every paasenv resource (plain ES5-style JavaScript, run by the host as a module).
 * `require.resolve(…, { paths: [cwd] })` finds the installed package from the program's directory; a package
 * that is there but broken fails loudly instead of falling back to the source.
 */
export const PROVIDER_LOADER = `exports.handler = function paasenvProvider() {
  var path = require("path");
  var fs = require("fs");
  var cwd = process.cwd();
  var installed;
  try {
    installed = require.resolve("paasenv/providers", { paths: [cwd] });
  } catch (error) {
    installed = undefined;
  }
  if (installed !== undefined) return require(installed).createProvider();
  var source = path.join(cwd, "providers", "index.ts");
  if (!fs.existsSync(source)) {
    throw new Error("paasenv's provider code was not found from " + cwd + ": install paasenv in this program's " +
      "directory (\`npm install paasenv\`); it serves every paasenv resource of the stack, deletes included.");
  }
  var tsx = require(require.resolve("tsx/cjs/api", { paths: [cwd] }));
  return tsx.require(source, path.join(cwd, "index.ts")).createProvider();
};
`;

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

/** The implementation of `props.resourceType`, configured once per shim (a copy: `configure` keeps state on it). */
function implementationFor(
  registry: Readonly<Record<string, Implementation | undefined>>,
  state: ShimState,
  props: Bag,
): Promise<Implementation> {
  const type = props.resourceType;
  if (typeof type !== "string") {
    return Promise.reject(
      new Error("a paasenv resource without `resourceType` reached the paasenv provider"),
    );
  }
  state.loaded ??= new Map();
  let loading = state.loaded.get(type);
  if (loading === undefined) {
    const shared = registry[type];
    if (shared === undefined) {
      return Promise.reject(
        new Error(
          `the installed paasenv has no provider for ${type}: upgrade paasenv in this program's directory`,
        ),
      );
    }
    const implementation = { ...shared };
    const request = state.request;
    loading = (async () => {
      if (request !== undefined) await implementation.configure?.(request);
      return implementation;
    })();
    state.loaded.set(type, loading);
  }
  return loading;
}

/** The provider object of every paasenv resource: each method forwards to the resource type's implementation. */
export function createShim(registry: Readonly<Record<string, Implementation | undefined>>): ProviderShim {
  const impl = (state: ShimState, props: Bag) => implementationFor(registry, state, props);
  return {
    async configure(req) {
      this.request = req;
    },
    async check(olds, news) {
      const result = await (await impl(this, news)).check(olds, news);
      return { ...result, inputs: withType(result.inputs, news) };
    },
    async diff(id, olds, news) {
      return (await impl(this, news)).diff(id, olds, news);
    },
    async create(news) {
      try {
        const result = await (await impl(this, news)).create(news);
        return { ...result, outs: withType(result.outs, news) };
      } catch (error) {
        throw typedError(error, news);
      }
    },
    async read(id, props) {
      const stored = props ?? {};
      const result = await (await impl(this, stored)).read(id, stored);
      if (result.id === undefined) return result;
      return { ...result, props: withType(result.props, stored), inputs: withType(result.inputs, stored) };
    },
    async update(id, olds, news) {
      const result = await (await impl(this, news)).update(id, olds, news);
      return { ...result, outs: withType(result.outs, news) };
    },
    async delete(id, props) {
      await (await impl(this, props)).delete(id, props);
    },
  };
}
