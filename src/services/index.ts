import type { Clock } from "../clock.js";
import type { Config } from "../config.js";
import type { Models } from "../db/models/index.js";
import type { Logger } from "../logger.js";
import { createAuditService } from "./audit.js";
import { createBroadcastService } from "./broadcasts.js";
import { createConsentService } from "./consents.js";
import { createGuardianshipService } from "./guardianships.js";
import { createInviteService } from "./invites.js";
import { createOnboardingService } from "./onboarding.js";
import { createOutbox } from "./outbox.js";
import { createPortfolioService } from "./portfolio.js";
import { createPrivacyService } from "./privacy.js";
import { createQuestionnaireService } from "./questionnaires.js";
import { createRegistrationService } from "./registrations.js";
import { createReflectionService } from "./reflections.js";
import { createRecommendationService } from "./recommendations.js";
import { createReminderService } from "./reminders.js";
import { createReportService } from "./reports.js";
import { createSchoolService } from "./schools.js";
import { createTeacherService } from "./teachers.js";
import { createTrialService } from "./trials.js";
import { createUserService } from "./users.js";

export interface ServiceDeps {
  models: Models;
  clock: Clock;
  config: Config;
  logger: Logger;
}

/** Every use case, wired once; handlers and scenes reach them through `ctx.deps.services`. */
export function createServices(deps: ServiceDeps) {
  const audit = createAuditService(deps);
  const users = createUserService(deps);
  const outbox = createOutbox(deps);
  // A seat held means a consent is needed: registrations ask the consent service, which frees seats through registrations.
  const registrations = createRegistrationService({
    ...deps,
    audit,
    outbox,
    onSeatHeld: (registrationId, how) => consents.requestFor(registrationId, { pupilToldInChat: how === "signup" }),
  });
  const consents = createConsentService({ ...deps, audit, outbox, registrations });
  return {
    audit,
    users,
    outbox,
    schools: createSchoolService({ ...deps, audit }),
    onboarding: createOnboardingService({ ...deps, audit, users }),
    // A newly linked parent gets the consent requests still open for the child.
    invites: createInviteService({ ...deps, audit, onGuardianLinked: (studentId) => consents.requestForStudent(studentId) }),
    guardianships: createGuardianshipService({ ...deps, audit }),
    privacy: createPrivacyService({ ...deps, audit, registrations }),
    teachers: createTeacherService({ ...deps, audit, outbox }),
    questionnaires: createQuestionnaireService(deps),
    recommendations: createRecommendationService(deps),
    registrations,
    consents,
    trials: createTrialService({ ...deps, audit, outbox, fillFreeSeats: registrations.fillFreeSeats }),
    broadcasts: createBroadcastService({ ...deps, audit, outbox }),
    reminders: createReminderService({ ...deps, audit, outbox, registrations, users }),
    portfolio: createPortfolioService({ ...deps, questionnaires: createQuestionnaireService(deps), photoScopeOf: (id) => consents.photoScopeOf(id), defaultTimezone: deps.config.defaultTimezone }),
    reflections: createReflectionService({ ...deps, outbox }),
    reports: createReportService({ ...deps, defaultTimezone: deps.config.defaultTimezone }),
  };
}

export type Services = ReturnType<typeof createServices>;
