import type { Sector } from "../domain/questionnaire.js";

/**
 * Example professions the result card names, each placed in the regional economy.
 * Names are in the locales as `profession-<id>`; an instrument lists 4–6 per scale.
 */
export const PROFESSIONS = {
  "machine-operator": "agro",
  agronomist: "agro",
  veterinarian: "agro",
  "livestock-specialist": "agro",
  farmer: "agro",
  ecologist: "agro",
  welder: "industry",
  electrician: "industry",
  driller: "industry",
  geologist: "industry",
  "lab-technician": "industry",
  "robotics-engineer": "industry",
  logistician: "industry",
  "software-developer": "it",
  "data-analyst": "it",
  "software-tester": "it",
  marketer: "it",
  "auto-mechanic": "services",
  cook: "services",
  "tourism-manager": "services",
  "tour-guide": "services",
  "hotel-administrator": "services",
  accountant: "services",
  "bank-clerk": "services",
  entrepreneur: "services",
  translator: "services",
  teacher: "education",
  "preschool-teacher": "education",
  "social-worker": "education",
  psychologist: "health",
  doctor: "health",
  nurse: "health",
  pharmacist: "health",
  "graphic-designer": "creative",
  architect: "creative",
  "video-editor": "creative",
  musician: "creative",
  "clothing-designer": "creative",
  "game-designer": "it",
} as const satisfies Record<string, Sector>;

export type ProfessionId = keyof typeof PROFESSIONS;

export function professionKey(id: string): string {
  return `profession-${id}`;
}
