import { isPlainObject } from "./values.js";

/** Paths like "a.b.0": MongoDB resolves through arrays by fanning out over elements. */
export function getPathValues(doc: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  collectPath(doc, path.split("."), 0, out);
  return out;
}

function collectPath(v: unknown, parts: string[], i: number, out: unknown[]): void {
  if (i === parts.length) {
    if (v !== undefined) out.push(v);
    return;
  }
  const part = parts[i]!;
  if (Array.isArray(v)) {
    if (/^\d+$/.test(part)) {
      collectPath(v[Number(part)], parts, i + 1, out);
      return;
    }
    for (const el of v) if (isPlainObject(el)) collectPath(el, parts, i, out);
    return;
  }
  if (isPlainObject(v) && Object.prototype.hasOwnProperty.call(v, part)) collectPath(v[part], parts, i + 1, out);
}

/** The value at a path without fanning out over arrays (numeric parts index into arrays). */
export function getPath(doc: unknown, path: string): unknown {
  let v: unknown = doc;
  for (const part of path.split(".")) {
    if (Array.isArray(v) && /^\d+$/.test(part)) v = v[Number(part)];
    else if (isPlainObject(v) && Object.prototype.hasOwnProperty.call(v, part)) v = v[part];
    else return undefined;
  }
  return v;
}
