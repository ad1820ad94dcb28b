import type { ChoiceInstrument } from "../../domain/questionnaire.js";
import type { ProfessionId } from "../professions.js";

const professions = (...ids: ProfessionId[]) => ids;

/**
 * Spheres of work in the tradition of Klimov's five: human–nature, –technology, –human,
 * –sign systems, –artistic image. Twenty original forced-choice pairs ("I would rather…"):
 * every pair of spheres meets twice, and every sphere is offered eight times, four of them first.
 * Texts: locales/<lang>/instrument-spheres.ftl.
 */
export const spheres: ChoiceInstrument = {
  kind: "choice",
  id: "spheres",
  version: 1,
  icon: "🌍",
  showCode: false,
  scales: [
    { id: "nature", color: "#27AE60", directions: ["R", "I"], professions: professions("agronomist", "veterinarian", "livestock-specialist", "ecologist", "geologist") },
    { id: "technology", color: "#E07A2E", directions: ["R"], professions: professions("machine-operator", "welder", "electrician", "auto-mechanic", "robotics-engineer", "driller") },
    { id: "people", color: "#D35470", directions: ["S", "E"], professions: professions("teacher", "nurse", "psychologist", "tour-guide", "hotel-administrator") },
    { id: "signs", color: "#2E86C1", directions: ["C", "I"], professions: professions("software-developer", "data-analyst", "accountant", "translator", "logistician") },
    { id: "art", color: "#8E44AD", directions: ["A"], professions: professions("graphic-designer", "architect", "video-editor", "musician", "clothing-designer") },
  ],
  items: [
    { id: "01", options: ["nature", "technology"] },
    { id: "02", options: ["people", "art"] },
    { id: "03", options: ["signs", "nature"] },
    { id: "04", options: ["technology", "people"] },
    { id: "05", options: ["art", "signs"] },
    { id: "06", options: ["nature", "people"] },
    { id: "07", options: ["technology", "signs"] },
    { id: "08", options: ["art", "nature"] },
    { id: "09", options: ["people", "signs"] },
    { id: "10", options: ["technology", "art"] },
    { id: "11", options: ["technology", "nature"] },
    { id: "12", options: ["art", "people"] },
    { id: "13", options: ["nature", "signs"] },
    { id: "14", options: ["people", "technology"] },
    { id: "15", options: ["signs", "art"] },
    { id: "16", options: ["people", "nature"] },
    { id: "17", options: ["signs", "technology"] },
    { id: "18", options: ["nature", "art"] },
    { id: "19", options: ["signs", "people"] },
    { id: "20", options: ["art", "technology"] },
  ],
};
