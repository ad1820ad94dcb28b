import { parseInstrumentRef, type Instrument } from "../../domain/questionnaire.js";
import { riasec } from "./riasec.js";
import { spheres } from "./spheres.js";

/** Every questionnaire the bot offers, in menu order. A new one is a data file plus one line here. */
export const INSTRUMENTS: readonly Instrument[] = [riasec, spheres];

export function findInstrument(id: string): Instrument | undefined {
  return INSTRUMENTS.find((instrument) => instrument.id === id);
}

/** The current instrument for a stored "id@version", or undefined when that version is no longer offered. */
export function findInstrumentVersion(ref: string): Instrument | undefined {
  const parsed = parseInstrumentRef(ref);
  const instrument = parsed ? findInstrument(parsed.id) : undefined;
  return instrument && instrument.version === parsed?.version ? instrument : undefined;
}
