/**
 * Pure mappers of the `DatabaseUser` resource: the create body, the user as the API answers it (wrapped or
 * flat), the ready connection URL and the outputs.
 * @see https://developers.scalingo.com/databases/users
 */
import type { Bag } from "../base/inputs";
import type { ApiDatabaseUser, DatabaseUserInputs } from "./database-schemas";

/** `POST /api/databases/:id/users`: the password is sent (with its confirmation) only when one is given. */
export function userCreateBody(inputs: DatabaseUserInputs) {
  const password =
    inputs.password === undefined
      ? {}
      : { password: inputs.password, password_confirmation: inputs.password };
  return {
    database_user: {
      database_id: inputs.addonId,
      name: inputs.name,
      read_only: inputs.readOnly,
      ...password,
    },
  };
}

/** The user of a reply: `{"database_user":{…}}` (go-scalingo, scalingo.js) or the user itself (DEVDOCS). */
export function userOfReply(data: unknown): unknown {
  if (data !== null && typeof data === "object" && "database_user" in data) return data.database_user;
  return data;
}

/**
 * `postgresql://<user>:<password>@<host:port>/<database>?sslmode=prefer`, the form of the add-on's own URL
 * (`SCALINGO_POSTGRESQL_URL`); `host` is the Database API's `hostname` (FQDN and port).
 */
export function userConnectionUrl(host: string, database: string, name: string, password: string): string {
  const credentials = `${encodeURIComponent(name)}:${encodeURIComponent(password)}`;
  return `postgresql://${credentials}@${host}/${encodeURIComponent(database)}?sslmode=prefer`;
}

/** Full outputs: the inputs, the password in effect (given or generated), where it connects, the URL. */
export function userOutputs(inputs: DatabaseUserInputs, password: string, host: string, database: string) {
  return {
    ...inputs,
    password,
    host,
    database,
    connectionUrl: userConnectionUrl(host, database, inputs.name, password),
  };
}

/** Inputs as they are on Scalingo: its read-only flag. */
export function userInputsFromApi<T extends DatabaseUserInputs>(state: T, user: ApiDatabaseUser): T {
  return { ...state, readOnly: user.read_only };
}

/** A password left out of the program keeps the one in effect (generated, or given before): no change. */
export function samePassword(olds: Bag, news: Bag): boolean {
  return news.password === undefined || olds.password === news.password;
}
