import type { Clock } from "../clock.js";
import type { Models } from "../db/models/index.js";

/**
 * Named leases in MongoDB (DESIGN §7): only the holder runs the job the lease is named after.
 * Acquiring is one atomic upsert: it matches the lease when it has expired or is already ours;
 * when someone else holds it the filter matches nothing, the upsert tries to insert a second
 * document with the same unique `name`, and MongoDB answers 11000, which means "held".
 * A holder that dies simply stops renewing; the lease expires and another instance takes it.
 */
export interface Leases {
  /** Takes (or extends, when already ours) the lease for `ttlMs`; false while another owner holds it. */
  acquire(name: string, ttlMs: number): Promise<boolean>;
  /** Extends a lease we still own; false when it was lost (taken over after expiring). */
  renew(name: string, ttlMs: number): Promise<boolean>;
  /** Lets the lease go at once (only if we own it), so another instance need not wait for expiry. */
  release(name: string): Promise<void>;
  /** Releases every lease this owner took through this object; for shutdown. */
  releaseAll(): Promise<void>;
  readonly owner: string;
}

export function createLeases(deps: { models: Pick<Models, "Lease">; clock: Clock; owner: string }): Leases {
  const { Lease } = deps.models;
  const { clock, owner } = deps;
  const held = new Set<string>();

  return {
    owner,

    async acquire(name, ttlMs) {
      const now = clock.now();
      try {
        await Lease.updateOne(
          { name, $or: [{ lockedUntil: { $lte: now } }, { owner }] },
          { $set: { owner, lockedUntil: new Date(now.getTime() + ttlMs) } },
          { upsert: true },
        );
      } catch (error) {
        if ((error as { code?: number }).code === 11000) return false;
        throw error;
      }
      held.add(name);
      return true;
    },

    async renew(name, ttlMs) {
      const now = clock.now();
      const result = await Lease.updateOne({ name, owner }, { $set: { lockedUntil: new Date(now.getTime() + ttlMs) } });
      if (result.matchedCount === 1) return true;
      held.delete(name);
      return false;
    },

    async release(name) {
      held.delete(name);
      // Expire it now rather than delete it: the document (and its unique name) stays, `owner` shows who ran last.
      await Lease.updateOne({ name, owner }, { $set: { lockedUntil: clock.now() } });
    },

    async releaseAll() {
      const names = [...held];
      held.clear();
      if (names.length > 0) await Lease.updateMany({ name: { $in: names }, owner }, { $set: { lockedUntil: clock.now() } });
    },
  };
}
