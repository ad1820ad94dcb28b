import type { BagdarContext, SceneContext } from "../src/bot/context.js";
import type { ConversationBuilder } from "@grammyjs/conversations";
import { BROADCAST_SCENE, CONSENT_HEALTH_SCENE, LINK_GUARDIAN_SCENE, ONBOARDING_SCENE, QUESTIONNAIRE_SCENE, TRIAL_CREATE_SCENE, TRIAL_EDIT_SCENE, TRIAL_SIGNUP_SCENE } from "./ids.js";
import { adminSchoolScenes } from "./admin-school.js";
import { broadcast } from "./broadcast.js";
import { consentHealth } from "./consent-health.js";
import { linkGuardian } from "./link-guardian.js";
import { onboarding } from "./onboarding.js";
import { questionnaire } from "./questionnaire.js";
import { reflectionAfter } from "./reflection-after.js";
import { REFLECTION_AFTER_SCENE, REFLECTION_TRACE_SCENE } from "./ids.js";
import { reflectionTrace } from "./reflection-trace.js";
import { trialCreate, trialEdit } from "./trial-create.js";
import { trialSignup } from "./trial-signup.js";

/**
 * Bump whenever a scene changes the order or number of its steps: stored conversations
 * of an older shape are then discarded instead of being replayed into the wrong step.
 */
export const SCENES_VERSION = 1;

export interface SceneDefinition {
  id: string;
  builder: ConversationBuilder<BagdarContext, SceneContext>;
}

/** Every conversation of the bot; each lives in its own file in this folder. */
export const scenes: SceneDefinition[] = [
  { id: ONBOARDING_SCENE, builder: onboarding },
  { id: LINK_GUARDIAN_SCENE, builder: linkGuardian },
  { id: QUESTIONNAIRE_SCENE, builder: questionnaire },
  ...adminSchoolScenes,
  { id: BROADCAST_SCENE, builder: broadcast },
  { id: TRIAL_CREATE_SCENE, builder: trialCreate },
  { id: TRIAL_EDIT_SCENE, builder: trialEdit },
  { id: TRIAL_SIGNUP_SCENE, builder: trialSignup },
  { id: CONSENT_HEALTH_SCENE, builder: consentHealth },
  { id: REFLECTION_AFTER_SCENE, builder: reflectionAfter },
  { id: REFLECTION_TRACE_SCENE, builder: reflectionTrace },
];
