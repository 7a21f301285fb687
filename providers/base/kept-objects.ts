/**
 * Stale records must never delete what a run manages. A replacement that fails half-way leaves the old
 * object's record in state, pending deletion, and the engine deletes such records at the end of the next
 * run. When that run has taken the same object back (adopted it after "already exists", re-created its
 * variables, kept its domain), deleting the stale record would delete the live object: an app with its
 * database, a variable, a domain. So each provider remembers, for the run, the objects it created, adopted,
 * updated or diffed without replacement, and a delete of one of those only drops the stale record.
 *
 * The memory is the provider object's session, which lives as long as the provider host of one `pulumi`
 * run; a `destroy` diffs nothing, so it deletes as before.
 */
import type { DynamicProvider, SessionHolder } from "./resource";

/** Records that this run manages the object `id`. */
export function keep(holder: SessionHolder<unknown>, id: string): void {
  if (holder.session === undefined) return;
  holder.session.kept ??= new Set();
  holder.session.kept.add(id);
}

/** Whether this run manages the object `id` (see {@link keep}). */
export function isKept(holder: SessionHolder<unknown>, id: string): boolean {
  return holder.session?.kept?.has(id) ?? false;
}

/** `provider` with the rule: what it creates, updates or diffs without replacement, no stale record deletes. */
export function keepingObjects<S>(provider: DynamicProvider<S>): DynamicProvider<S> {
  return {
    ...provider,
    async diff(id, olds, news) {
      const outcome = await provider.diff.call(this, id, olds, news);
      if ((outcome.replaces ?? []).length === 0) keep(this, id);
      return outcome;
    },
    async create(news) {
      const created = await provider.create.call(this, news);
      keep(this, created.id);
      return created;
    },
    async update(id, olds, news) {
      const updated = await provider.update.call(this, id, olds, news);
      keep(this, id);
      return updated;
    },
    async delete(id, props) {
      if (isKept(this, id)) return;
      await provider.delete.call(this, id, props);
    },
  };
}
