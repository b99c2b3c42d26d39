/** A body read up to a limit: its text, and whether that is all of it. */
export interface BoundedText {
  /** At most `limit` bytes of the body, decoded as UTF-8. */
  text: string;
  /** False when the body was longer than the limit (the rest was not read). */
  complete: boolean;
}

/**
 * Reads at most `limit` bytes of a body and cancels the rest, so that a huge or never-ending body
 * costs at most `limit` bytes of memory. A body whose Content-Length fits is read in one go (fetch
 * itself refuses a body longer than its Content-Length); one whose Content-Length does not fit is not
 * read at all unless `keepPrefix` asks for its first `limit` bytes.
 */
export function readBounded(response: Response, limit: number, keepPrefix = true): Promise<BoundedText> {
  const body = response.body;
  if (body === null) return Promise.resolve({ text: "", complete: true });
  const declared = response.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim())) {
    // No async frame of its own on this path: it is the one every response with a Content-Length takes.
    if (Number(declared) <= limit) return response.text().then((text) => ({ text, complete: true }));
    if (!keepPrefix) return body.cancel().then(tooLarge, tooLarge);
  }
  return readPrefix(body, limit);
}

function tooLarge(): BoundedText {
  return { text: "", complete: false };
}

/** Reads chunks until the body ends or passes `limit`, then cancels the rest. */
async function readPrefix(body: ReadableStream<Uint8Array>, limit: number): Promise<BoundedText> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let complete = true;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
      if (size > limit) {
        complete = false;
        break;
      }
    }
  } finally {
    if (!complete) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
  const bytes = new Uint8Array(Math.min(size, limit));
  let offset = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, Math.min(chunk.byteLength, bytes.byteLength - offset));
    bytes.set(part, offset);
    offset += part.byteLength;
    if (offset >= bytes.byteLength) break;
  }
  return { text: new TextDecoder().decode(bytes), complete };
}
