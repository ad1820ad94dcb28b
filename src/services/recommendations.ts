import type { Clock } from "../clock.js";
import type { Models } from "../db/models/index.js";
import type { RiasecLetter } from "../db/models/common.js";
import { requireRole, type Actor } from "./authorization.js";

/** An upcoming trial offered under a questionnaire result. */
export interface TrialSuggestion {
  trialId: string;
  title: string;
  startsAt: string;
}

/** What a questionnaire result leads to. */
export function createRecommendationService(_deps: { models: Models; clock: Clock }) {
  return {
    /**
     * Upcoming trials the pupil may join whose directions match these RIASEC letters, best match first.
     * Trials do not exist yet (issue 7): until then there is nothing to offer, and the bot shows the
     * directions themselves, where to look and what to ask the career teacher.
     */
    async matchingTrialsFor(actor: Actor | null, _top: readonly RiasecLetter[]): Promise<TrialSuggestion[]> {
      requireRole(actor, "student");
      return [];
    },
  };
}

export type RecommendationService = ReturnType<typeof createRecommendationService>;
