import type { RatingInstrument } from "../../domain/questionnaire.js";
import type { ProfessionId } from "../professions.js";

const professions = (...ids: ProfessionId[]) => ids;

/**
 * Interests after Holland's six types. Thirty activity statements written for pupils of grades
 * 7–11 in Kazakhstan and Kyrgyzstan, five per type, interleaved so no two neighbours share a type.
 * Texts: locales/<lang>/instrument-riasec.ftl.
 */
export const riasec: RatingInstrument = {
  kind: "rating",
  id: "riasec",
  version: 1,
  icon: "🧭",
  showCode: true,
  answers: [
    { points: 2, key: "riasec-answer-like" },
    { points: 1, key: "riasec-answer-unsure" },
    { points: 0, key: "riasec-answer-dislike" },
  ],
  scales: [
    { id: "R", color: "#E07A2E", directions: ["R"], professions: professions("machine-operator", "welder", "electrician", "driller", "auto-mechanic", "cook") },
    { id: "I", color: "#2E86C1", directions: ["I"], professions: professions("agronomist", "geologist", "lab-technician", "data-analyst", "doctor") },
    { id: "A", color: "#8E44AD", directions: ["A"], professions: professions("graphic-designer", "architect", "video-editor", "game-designer", "musician", "clothing-designer") },
    { id: "S", color: "#27AE60", directions: ["S"], professions: professions("teacher", "preschool-teacher", "nurse", "psychologist", "social-worker") },
    { id: "E", color: "#D4A20D", directions: ["E"], professions: professions("farmer", "entrepreneur", "tourism-manager", "marketer", "hotel-administrator") },
    { id: "C", color: "#5D6D7E", directions: ["C"], professions: professions("accountant", "bank-clerk", "logistician", "software-tester", "pharmacist") },
  ],
  items: [
    { id: "r-bike", scale: "R" },
    { id: "i-lab", scale: "I" },
    { id: "a-comics", scale: "A" },
    { id: "s-explain", scale: "S" },
    { id: "e-trip", scale: "E" },
    { id: "c-spreadsheet", scale: "C" },
    { id: "s-camp", scale: "S" },
    { id: "a-instrument", scale: "A" },
    { id: "c-library", scale: "C" },
    { id: "r-farm", scale: "R" },
    { id: "i-quake", scale: "I" },
    { id: "e-fair", scale: "E" },
    { id: "i-microscope", scale: "I" },
    { id: "e-captain", scale: "E" },
    { id: "r-wood", scale: "R" },
    { id: "c-class-fund", scale: "C" },
    { id: "a-video", scale: "A" },
    { id: "s-patients", scale: "S" },
    { id: "c-proofread", scale: "C" },
    { id: "s-volunteer", scale: "S" },
    { id: "e-pitch", scale: "E" },
    { id: "a-ornament", scale: "A" },
    { id: "r-greenhouse", scale: "R" },
    { id: "i-puzzle", scale: "I" },
    { id: "a-stage", scale: "A" },
    { id: "r-tractor", scale: "R" },
    { id: "s-support", scale: "S" },
    { id: "i-wheat", scale: "I" },
    { id: "c-schedule", scale: "C" },
    { id: "e-business", scale: "E" },
  ],
};
