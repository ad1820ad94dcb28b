import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEFAULT_PERSONAS, type Persona } from "./demo-data.js";

/** What the playground remembers across restarts besides the database: the people on the page and how far the clock was moved. */
export interface PlaygroundState {
  clockOffsetMs: number;
  personas: Persona[];
}

export const defaultState = (): PlaygroundState => ({ clockOffsetMs: 0, personas: DEFAULT_PERSONAS.map((p) => ({ ...p })) });

function isPersona(value: unknown): value is Persona {
  const p = value as Partial<Persona> | null;
  return !!p && Number.isSafeInteger(p.id) && typeof p.firstName === "string" && typeof p.languageCode === "string" && typeof p.role === "string";
}

export function loadState(file: string): PlaygroundState {
  try {
    const raw = JSON.parse(readFileSync(file, "utf8")) as Partial<PlaygroundState>;
    const personas = Array.isArray(raw.personas) ? raw.personas.filter(isPersona) : [];
    return {
      clockOffsetMs: Number.isFinite(raw.clockOffsetMs) ? Number(raw.clockOffsetMs) : 0,
      personas: personas.length > 0 ? personas : defaultState().personas,
    };
  } catch {
    return defaultState();
  }
}

/** Written whole through a temporary file, so a crash mid-write leaves the old state. */
export function saveState(file: string, state: PlaygroundState): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(temporary, file);
}
