/** One field of a multipart/form-data body; a file field has a `fileName`. */
export interface MultipartPart {
  name: string;
  fileName?: string;
  contentType?: string;
  bytes: Buffer;
}

/**
 * A small multipart/form-data reader. Node 20's `Request.formData()` rejects the compact part
 * headers grammY streams (`content-disposition:form-data;name="x";filename=a.json`), so the
 * parts are found by hand.
 */
export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
  const boundary = /boundary=("?)([^";]+)\1/i.exec(contentType)?.[2];
  if (!boundary) throw new Error(`multipart body without a boundary: ${contentType}`);
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === "--") break; // the closing delimiter
    const next = body.indexOf(delimiter, start);
    if (next < 0) break;
    // Strip the CRLF after this delimiter and the one before the next.
    const part = body.subarray(start + 2, next - 2);
    const headerEnd = part.indexOf("\r\n\r\n");
    if (headerEnd >= 0) {
      const headers = part.subarray(0, headerEnd).toString("utf8");
      const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? "";
      const name = /(?:^|;)\s*name="?([^";]*)"?/i.exec(disposition)?.[1];
      // grammY writes `filename=<raw name>` unquoted as the last parameter; browsers quote it.
      const fileMatch = /(?:^|;)\s*filename=(?:"([^"]*)"|([^\r\n]*))/i.exec(disposition);
      const fileName = fileMatch ? (fileMatch[1] ?? fileMatch[2] ?? "").trim() : undefined;
      const type = /content-type:\s*([^\r\n;]*)/i.exec(headers)?.[1]?.trim();
      if (name !== undefined) {
        parts.push({
          name,
          ...(fileName !== undefined ? { fileName } : {}),
          ...(type ? { contentType: type } : {}),
          bytes: Buffer.from(part.subarray(headerEnd + 4)),
        });
      }
    }
    at = next;
  }
  return parts;
}
