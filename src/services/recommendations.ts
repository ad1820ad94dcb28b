import type { Types } from "mongoose";
import type { Clock } from "../clock.js";
import type { Models } from "../db/models/index.js";
import type { RiasecLetter } from "../db/models/common.js";
import { rankTrials } from "../domain/trial.js";
import { requireRole, type Actor } from "./authorization.js";
import { openTrialsFilter } from "./trials.js";

/** An upcoming trial offered under a questionnaire result. */
export interface TrialSuggestion {
  trialId: string;
  title: string;
  startsAt: string;
}

/** A direction's buttons stay few; the catalogue has the rest. */
const SUGGESTIONS_MAX = 5;

/** What a questionnaire result leads to. */
export function createRecommendationService(deps: { models: Models; clock: Clock }) {
  return {
    /**
     * Upcoming trials the pupil may join whose directions match these RIASEC letters, best match
     * first, then the soonest. The filter is the catalogue's (trials.catalogue with `directions`):
     * published, open to the pupil's school and grade, sign-up still open.
     */
    async matchingTrialsFor(actor: Actor | null, top: readonly RiasecLetter[]): Promise<TrialSuggestion[]> {
      const pupil = requireRole(actor, "student");
      if (!pupil.schoolId || pupil.grade === undefined || top.length === 0) return [];
      const docs = await deps.models.Trial.find(
        openTrialsFilter({ schoolId: pupil.schoolId, grade: pupil.grade }, deps.clock.now(), top),
        { title: 1, startsAt: 1, directions: 1 },
      )
        .sort({ startsAt: 1 })
        .limit(200)
        .lean<{ _id: Types.ObjectId; title: string; startsAt: Date; directions: RiasecLetter[] }[]>();
      return rankTrials(docs, top)
        .slice(0, SUGGESTIONS_MAX)
        .map((doc) => ({ trialId: doc._id.toHexString(), title: doc.title, startsAt: doc.startsAt.toISOString() }));
    },
  };
}

export type RecommendationService = ReturnType<typeof createRecommendationService>;
