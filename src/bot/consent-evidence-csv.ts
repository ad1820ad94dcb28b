/**
 * A trial's consent evidence for an admin (issue 8, "Audit"): every consent record behind the
 * roster with who decided, what, when (on the school's clock), in which language, and the text
 * version and sha256 of the exact text shown. Headers and values in the admin's language; the
 * file format (BOM, quoting, formula guard) is `toCsv`'s.
 */
import { toCsv } from "../domain/csv.js";
import { clockTime, zonedParts } from "../domain/zoned-time.js";
import type { EvidenceRow } from "../services/consents.js";
import type { Roster } from "../services/registrations.js";
import { rosterFileName } from "./roster-csv.js";

type Translate = (key: string, vars?: Record<string, string | number>) => string;

const COLUMNS = ["child", "class", "guardian", "kind", "decision", "photo", "time", "locale", "version", "sha256"] as const;

/** "2026-09-14 14:05:09": sortable, and the same in every language. */
export function evidenceTime(at: Date, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${p.year}-${two(p.month)}-${two(p.day)} ${clockTime(p.hour, p.minute)}:${two(p.second)}`;
}

export function consentEvidenceCsv(rows: readonly EvidenceRow[], timeZone: string, t: Translate): Buffer {
  const lines: (string | number)[][] = [COLUMNS.map((column) => t(`evidence-csv-${column}`))];
  for (const row of rows) {
    lines.push([
      row.childName,
      row.className,
      row.guardianName,
      t(`evidence-kind-${row.kind.replace("_", "-")}`),
      t(`evidence-decision-${row.decision}`),
      row.photoScope ? t(`roster-photo-${row.photoScope}`) : "",
      evidenceTime(new Date(row.recordedAt), timeZone),
      row.locale,
      row.textVersion,
      row.textHash,
    ]);
  }
  return toCsv(lines);
}

/** "consent-evidence-2026-09-24-bread-baking-trial.csv" */
export function evidenceFileName(roster: Roster): string {
  return rosterFileName(roster).replace(/^roster-/, "consent-evidence-");
}
