/**
 * `DatabaseUser`: a PostgreSQL user through the Database API, with the add-on's own token. A user has no ID
 * but its name: a create whose answer was lost is looked up by name, and its password (lost with the answer)
 * set again. A refresh reads the user list once.
 * @see https://developers.scalingo.com/databases/users
 *
 * This file is the implementation the provider host runs; the class a program declares is in `database-user.ts`.
 */
import { undefinedIf404 } from "../base/errors";
import { begin, beginFromState, providerMethods } from "../base/resource";
import type { ScalingoClient } from "./client";
import { type DatabaseTarget, databaseRequest } from "./database-api";
import {
  type ApiDatabaseUser,
  type DatabaseUserInputs,
  databaseSchema,
  databaseUserInputsSchema,
  databaseUserSchema,
  databaseUserStateSchema,
} from "./database-schemas";
import {
  samePassword,
  userCreateBody,
  userInputsFromApi,
  userOfReply,
  userOutputs,
} from "./database-user-mappers";
import { scalingoError, scalingoInitError } from "./errors";
import { createOnceWith } from "./operations";
import { appChildDiff, scalingoResource } from "./resource";
import type { ScalingoProvider } from "./settings";

/** The API changes only passwords: another name, flag or database is another user (deleted first: same name). */
const DATABASE_USER = {
  ...scalingoResource({
    kind: "DatabaseUser",
    key: "name",
    inputs: databaseUserInputsSchema,
    what: (inputs) => `database user "${inputs.name}" of database ${inputs.addonId}`,
    diff: {
      ...appChildDiff(["addonId", "name", "readOnly", "password"], ["addonId", "name", "readOnly"]),
      same: { password: samePassword },
      deleteBeforeReplace: (replaces: readonly string[]) => replaces.length > 0,
    },
  }),
  state: databaseUserStateSchema,
};

const targetOf = (inputs: DatabaseUserInputs): DatabaseTarget => ({
  appId: inputs.appId,
  addonId: inputs.addonId,
});
const usersPath = (inputs: DatabaseUserInputs) => `/api/databases/${inputs.addonId}/users`;

async function listUsers(
  client: ScalingoClient,
  op: string,
  inputs: DatabaseUserInputs,
): Promise<ApiDatabaseUser[]> {
  const { z } = client;
  const call = { op, method: "GET" as const, path: usersPath(inputs), root: "database-users" };
  return (
    await databaseRequest(client, targetOf(inputs), { ...call, schema: z.array(databaseUserSchema(z)) })
  ).data;
}

/** The password of a user the API answered with (wrapped or flat). */
function passwordOf(client: ScalingoClient, op: string, data: unknown): string {
  const user = databaseUserSchema(client.z).safeParse(userOfReply(data));
  if (user.success && user.data.password !== undefined) return user.data.password;
  throw scalingoError(`${op}: the Database API answered without the user's password`);
}

/** Set the given password (`PATCH`), or have a new one generated (`reset_password`); returns the one in effect. */
async function setPassword(client: ScalingoClient, op: string, inputs: DatabaseUserInputs): Promise<string> {
  const target = targetOf(inputs);
  const path = `${usersPath(inputs)}/${inputs.name}`;
  if (inputs.password === undefined) {
    const reply = await databaseRequest(client, target, {
      op,
      method: "POST",
      path: `${path}/reset_password`,
      schema: client.z.unknown(),
    });
    return passwordOf(client, op, reply.data);
  }
  const body = {
    database_user: {
      database_id: inputs.addonId,
      password: inputs.password,
      password_confirmation: inputs.password,
    },
  };
  await databaseRequest(client, target, { op, method: "PATCH", path, body });
  return inputs.password;
}

/** Create the user once, even after a lost answer (then its password is set again). */
async function createUser(client: ScalingoClient, op: string, inputs: DatabaseUserInputs): Promise<string> {
  const made = await createOnceWith<{ password: string | undefined }>(
    client,
    async () => {
      const call = {
        op,
        method: "POST" as const,
        path: usersPath(inputs),
        body: userCreateBody(inputs),
        schema: client.z.unknown(),
      };
      const reply = await databaseRequest(client, targetOf(inputs), call);
      return { password: inputs.password ?? passwordOf(client, op, reply.data) };
    },
    async () =>
      (await listUsers(client, op, inputs)).some((u) => u.name === inputs.name)
        ? { password: undefined }
        : undefined,
  );
  return made.password ?? setPassword(client, op, inputs);
}

/** The database's host (with port) and name, for the connection URL. */
async function whereItConnects(client: ScalingoClient, op: string, inputs: DatabaseUserInputs) {
  const path = `/api/databases/${inputs.addonId}`;
  const call = { op, method: "GET" as const, path, root: "database", schema: databaseSchema(client.z) };
  const db = (await databaseRequest(client, targetOf(inputs), call)).data;
  return { host: db.hostname, database: db.resource_id };
}

/** The refusal to take over an existing user without `adopt`. */
function clash(op: string, inputs: DatabaseUserInputs, user: ApiDatabaseUser) {
  const fix = user.protected
    ? "it is the database's own user: choose another name"
    : "set `adopt: true` to take it over (its password is reset, or set to `password`), or choose another name";
  return scalingoError(`${op}: the database already has a user "${inputs.name}"; ${fix}`, { status: 422 });
}

/** The dynamic provider behind {@link DatabaseUser}. */
export const databaseUserProvider: ScalingoProvider = {
  ...providerMethods(DATABASE_USER),

  async create(raw) {
    const { inputs, op, client } = await begin(this, "create", raw, DATABASE_USER);
    const existing = (await listUsers(client, op, inputs)).find((u) => u.name === inputs.name);
    if (
      existing !== undefined &&
      (existing.protected === true || !(inputs.adopt ?? client.settings.adoptExisting))
    ) {
      throw clash(op, inputs, existing);
    }
    const password =
      existing === undefined ? await createUser(client, op, inputs) : await setPassword(client, op, inputs);
    const id = `${inputs.addonId}/users/${inputs.name}`;
    try {
      const where = await whereItConnects(client, op, inputs);
      return { id, outs: userOutputs(inputs, password, where.host, where.database) };
    } catch (error) {
      throw scalingoInitError(error, id, {
        ...userOutputs(inputs, password, "", ""),
        __provider: raw.__provider,
      });
    }
  },

  async read(id, stored) {
    const { state, op, client } = await beginFromState(this, "read", stored ?? {}, DATABASE_USER);
    const users = await undefinedIf404(listUsers(client, op, state));
    const user = users?.find((u) => u.name === state.name);
    if (user === undefined) return {};
    // The password stays out of the inputs written to state: it is a secret output only.
    const { password, host, database, ...inputs } = userInputsFromApi(state, user);
    return { id, props: userOutputs(inputs, password ?? "", host ?? "", database ?? ""), inputs };
  },

  async update(_id, olds, news) {
    const { z, inputs, op, client } = await begin(this, "update", news, DATABASE_USER);
    const state = databaseUserStateSchema(z).parse(olds);
    const changed = inputs.password !== undefined && inputs.password !== state.password;
    const password = changed ? await setPassword(client, op, inputs) : (state.password ?? "");
    const where =
      state.host === undefined || state.database === undefined
        ? await whereItConnects(client, op, inputs)
        : { host: state.host, database: state.database };
    return { outs: userOutputs(inputs, password, where.host, where.database) };
  },

  async delete(_id, props) {
    const { state, op, client } = await beginFromState(this, "delete", props, DATABASE_USER);
    await undefinedIf404(
      databaseRequest(client, targetOf(state), {
        op,
        method: "DELETE",
        path: `${usersPath(state)}/${state.name}`,
      }),
    );
  },
};
