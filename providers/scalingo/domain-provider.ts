/**
 * `Domain`: a custom domain of an app. The name is immutable (a change replaces the domain); `canonical`,
 * Let's Encrypt and a custom certificate change in place. At most one domain per app is canonical: setting it
 * first unsets the current one, so two are never canonical at once.
 * @see https://developers.scalingo.com/domains
 *
 * This file is the implementation the provider host runs; the class a program declares is in `domain.ts`.
 */
import type { Bag } from "../base/inputs";
import { keepingObjects } from "../base/kept-objects";
import { begin, beginFromState, providerMethods } from "../base/resource";
import { cnameTarget } from "./app-mappers";
import type { ScalingoClient } from "./client";
import { domainChanges, domainCreateBody, domainInputsFromApi, domainOutputs } from "./domain-mappers";
import { scalingoError, scalingoInitError } from "./errors";
import { createOnceWith } from "./operations";
import { appChildDiff, scalingoResource } from "./resource";
import { type ApiDomain, appSchema, type DomainInputs, domainInputsSchema, domainSchema } from "./schemas";
import type { ScalingoProvider, Settings } from "./settings";

/** Check and diff of a Domain: the name cannot be changed through the API, so a new name replaces it. */
const DOMAIN = scalingoResource({
  kind: "Domain",
  key: "name",
  inputs: domainInputsSchema,
  what: (inputs) => `domain "${inputs.name}" of app ${inputs.appId}`,
  diff: appChildDiff(["name", "canonical", "letsEncrypt", "tlsCert", "tlsKey"], ["name"]),
});

async function listDomains(client: ScalingoClient, op: string, appId: string): Promise<ApiDomain[]> {
  const { z } = client;
  const path = `/v1/apps/${appId}/domains`;
  return (
    await client.request({ op, method: "GET", path, root: "domains", schema: z.array(domainSchema(z)) })
  ).data;
}

async function patchDomain(client: ScalingoClient, op: string, appId: string, id: string, changes: Bag) {
  const path = `/v1/apps/${appId}/domains/${id}`;
  const body = { domain: changes };
  return (
    await client.request({ op, method: "PATCH", path, body, root: "domain", schema: domainSchema(client.z) })
  ).data;
}

/** Unset the app's current canonical domain (other than `keepId`) before making another one canonical. */
async function releaseCanonical(
  client: ScalingoClient,
  op: string,
  appId: string,
  keepId?: string,
  known?: readonly ApiDomain[],
) {
  for (const other of known ?? (await listDomains(client, op, appId))) {
    if (other.canonical && other.id !== keepId)
      await patchDomain(client, op, appId, other.id, { canonical: false });
  }
}

/** Bring an existing domain to the declared settings: one PATCH with what differs, none when nothing does. */
async function converge(
  client: ScalingoClient,
  op: string,
  inputs: DomainInputs,
  previous: DomainInputs | undefined,
  domain: ApiDomain,
) {
  const changes = domainChanges(inputs, previous, domain);
  if (Object.keys(changes).length === 0) return domain;
  if (changes.canonical === true) await releaseCanonical(client, op, inputs.appId, domain.id);
  return patchDomain(client, op, inputs.appId, domain.id, changes);
}

/** The CNAME target `<app>.<region>.scalingo.io.`, from the app's `base_url`. */
async function targetOf(client: ScalingoClient, op: string, appId: string): Promise<string> {
  const path = `/v1/apps/${appId}`;
  const app = await client.request({ op, method: "GET", path, root: "app", schema: appSchema(client.z) });
  return cnameTarget(app.data.base_url);
}

async function postDomain(
  client: ScalingoClient,
  op: string,
  inputs: DomainInputs,
  domains: readonly ApiDomain[],
): Promise<ApiDomain> {
  if (inputs.canonical) await releaseCanonical(client, op, inputs.appId, undefined, domains);
  const path = `/v1/apps/${inputs.appId}/domains`;
  const body = { domain: domainCreateBody(inputs) };
  const schema = domainSchema(client.z);
  return createOnceWith(
    client,
    async () => (await client.request({ op, method: "POST", path, body, root: "domain", schema })).data,
    async () => (await listDomains(client, op, inputs.appId)).find((d) => d.name === inputs.name),
  );
}

/** The domain `id` of the app, or `undefined` when it is gone. */
async function findDomain(client: ScalingoClient, op: string, appId: string, id: string) {
  const path = `/v1/apps/${appId}/domains/${id}`;
  return client.lookup({ op, path, root: "domain", schema: domainSchema(client.z) });
}

/** The dynamic provider behind {@link Domain}. */
export const domainProvider: ScalingoProvider = keepingObjects<Settings>({
  ...providerMethods(DOMAIN),

  async create(raw) {
    const { inputs, op, client } = await begin(this, "create", raw, DOMAIN);
    const domains = await listDomains(client, op, inputs.appId);
    const existing = domains.find((d) => d.name === inputs.name);
    if (existing !== undefined && !(inputs.adopt ?? client.settings.adoptExisting)) {
      throw scalingoError(
        `${op}: the app already has the domain "${inputs.name}". To manage it with paasenv, set \`adopt: true\` ` +
          "on this resource (or `pulumi config set scalingo:adoptExisting true`) and run `pulumi up` again.",
        { status: 422 },
      );
    }
    const domain = existing ?? (await postDomain(client, op, inputs, domains));
    try {
      const previous = existing === undefined ? inputs : undefined;
      const converged = await converge(client, op, inputs, previous, domain);
      return {
        id: domain.id,
        outs: domainOutputs(inputs, converged, await targetOf(client, op, inputs.appId)),
      };
    } catch (error) {
      const properties = { ...domainOutputs(inputs, domain, ""), __provider: raw.__provider };
      throw scalingoInitError(error, domain.id, properties);
    }
  },

  async read(id, stored) {
    const { state, op, client } = await beginFromState(this, "read", stored ?? {}, DOMAIN);
    const domain = await findDomain(client, op, state.appId, id);
    if (domain === undefined) return {};
    const inputs = domainInputsFromApi(state, domain);
    return { id, props: domainOutputs(inputs, domain, await targetOf(client, op, state.appId)), inputs };
  },

  async update(id, olds, news) {
    const { z, inputs, op, client } = await begin(this, "update", news, DOMAIN);
    const previous = domainInputsSchema(z).safeParse(olds).data;
    const current = await findDomain(client, op, inputs.appId, id);
    if (current === undefined) {
      throw scalingoError(
        `${op}: domain ${id} no longer exists on Scalingo; run \`pulumi refresh\` to forget it`,
      );
    }
    const domain = await converge(client, op, inputs, previous, current);
    return { outs: domainOutputs(inputs, domain, await targetOf(client, op, inputs.appId)) };
  },

  async delete(id, props) {
    const { state, op, client } = await beginFromState(this, "delete", props, DOMAIN);
    await client.remove({ op, path: `/v1/apps/${state.appId}/domains/${id}` });
  },
});
