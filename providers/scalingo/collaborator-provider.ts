/**
 * `Collaborator`: there is no GET by ID, so every read lists the app's collaborators (as Terraform does) and
 * matches the ID; a create looks for the address first, and after a lost answer again.
 * @see https://developers.scalingo.com/collaborators
 *
 * This file is the implementation the provider host runs; the class a program declares is in `collaborator.ts`.
 */
import { undefinedIf404 } from "../base/errors";
import { begin, beginFromState, providerMethods } from "../base/resource";
import { listAt, type ScalingoClient } from "./client";
import { scalingoError } from "./errors";
import {
  type ApiCollaborator,
  type CollaboratorInputs,
  collaboratorInputsSchema,
  collaboratorSchema,
} from "./monitoring-schemas";
import { createOnceWith } from "./operations";
import { appChildDiff, scalingoResource } from "./resource";
import type { ScalingoProvider } from "./settings";

/** Check and diff: the role changes in place; another address is another collaborator. */
const COLLABORATOR = scalingoResource({
  kind: "Collaborator",
  key: "email",
  inputs: collaboratorInputsSchema,
  what: (inputs) => `collaborator ${inputs.email} of app ${inputs.appId}`,
  diff: {
    ...appChildDiff(["email", "limited"], ["email"]),
    // Addresses are compared as Scalingo does, case aside: a case change is not another collaborator.
    same: { email: (olds, news) => String(olds.email).toLowerCase() === String(news.email).toLowerCase() },
  },
});

const basePath = (inputs: CollaboratorInputs) => `/v1/apps/${inputs.appId}/collaborators`;
const sameEmail = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

async function listCollaborators(client: ScalingoClient, op: string, inputs: CollaboratorInputs) {
  return listAt(client, op, basePath(inputs), "collaborators", collaboratorSchema);
}

/** Set the role when it differs (`PATCH`, the only change the API allows). */
async function converge(
  client: ScalingoClient,
  op: string,
  inputs: CollaboratorInputs,
  current: ApiCollaborator,
) {
  if ((current.is_limited ?? false) === inputs.limited) return current;
  const path = `${basePath(inputs)}/${current.id}`;
  const body = { collaborator: { is_limited: inputs.limited } };
  return (
    await client.request({
      op,
      method: "PATCH",
      path,
      body,
      root: "collaborator",
      schema: collaboratorSchema(client.z),
    })
  ).data;
}

/** Invite once, even after a lost answer (the invitation is found by address). */
async function invite(client: ScalingoClient, op: string, inputs: CollaboratorInputs) {
  const body = { collaborator: { email: inputs.email, is_limited: inputs.limited } };
  const schema = collaboratorSchema(client.z);
  return createOnceWith(
    client,
    async () =>
      (
        await client.request({
          op,
          method: "POST",
          path: basePath(inputs),
          body,
          root: "collaborator",
          schema,
        })
      ).data,
    async () => (await listCollaborators(client, op, inputs)).find((c) => sameEmail(c.email, inputs.email)),
  );
}

const outputs = (inputs: CollaboratorInputs, collaborator: ApiCollaborator) => ({
  ...inputs,
  collaboratorId: collaborator.id,
});

/** The dynamic provider behind {@link Collaborator}. */
export const collaboratorProvider: ScalingoProvider = {
  ...providerMethods(COLLABORATOR),

  async create(raw) {
    const { inputs, op, client } = await begin(this, "create", raw, COLLABORATOR);
    const existing = (await listCollaborators(client, op, inputs)).find((c) =>
      sameEmail(c.email, inputs.email),
    );
    const collaborator = existing ?? (await invite(client, op, inputs));
    return { id: collaborator.id, outs: outputs(inputs, await converge(client, op, inputs, collaborator)) };
  },

  async read(id, stored) {
    const { state, op, client } = await beginFromState(this, "read", stored ?? {}, COLLABORATOR);
    const found = (await undefinedIf404(listCollaborators(client, op, state)))?.find((c) => c.id === id);
    if (found === undefined) return {};
    const inputs = {
      ...state,
      email: sameEmail(found.email, state.email) ? state.email : found.email,
      limited: found.is_limited ?? false,
    };
    return { id, props: outputs(inputs, found), inputs };
  },

  async update(id, _olds, news) {
    const { inputs, op, client } = await begin(this, "update", news, COLLABORATOR);
    const current = (await listCollaborators(client, op, inputs)).find((c) => c.id === id);
    if (current === undefined) {
      throw scalingoError(
        `${op}: collaborator ${id} no longer exists on Scalingo; run \`pulumi refresh\` to forget it`,
      );
    }
    return { outs: outputs(inputs, await converge(client, op, inputs, current)) };
  },

  async delete(id, props) {
    const { state, op, client } = await beginFromState(this, "delete", props, COLLABORATOR);
    await client.remove({ op, path: `${basePath(state)}/${id}` });
  },
};
