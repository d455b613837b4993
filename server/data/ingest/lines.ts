// Splits a byte stream into numbered lines without ever holding more than one line (capped) in memory.
// Splitting on the byte 0x0A is safe in UTF-8; each line is decoded on its own (bad bytes become U+FFFD,
// which cleaning flags as invalid encoding rather than the upload silently dropping the line).

/** A line longer than this is reported and skipped rather than buffered: no sane event is 8 MiB. */
export const MAX_LINE_BYTES = 8 * 1024 * 1024;

export type Line = { line: number; text: string } | { line: number; tooLong: true };

export async function* splitLines(chunks: AsyncIterable<Uint8Array>, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<Line> {
  const decoder = new TextDecoder('utf-8');
  let parts: Uint8Array[] = [];
  let partBytes = 0;
  let overflow = false;
  let line = 1;

  const finish = (): Line => {
    const n = line++;
    if (overflow) {
      overflow = false;
      return { line: n, tooLong: true };
    }
    let text = decoder.decode(parts.length === 1 ? parts[0] : Buffer.concat(parts, partBytes));
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (n === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { line: n, text };
  };
  const keep = (piece: Uint8Array) => {
    if (overflow || piece.byteLength === 0) return;
    if (partBytes + piece.byteLength > maxLineBytes) {
      overflow = true;
      parts = [];
      partBytes = 0;
      return;
    }
    parts.push(piece);
    partBytes += piece.byteLength;
  };

  for await (const chunk of chunks) {
    let start = 0;
    for (let nl = chunk.indexOf(0x0a); nl >= 0; nl = chunk.indexOf(0x0a, start)) {
      keep(chunk.subarray(start, nl));
      yield finish();
      parts = [];
      partBytes = 0;
      start = nl + 1;
    }
    // Copy the tail: the caller may reuse the chunk's buffer once we ask for the next one.
    if (start < chunk.byteLength) keep(Uint8Array.prototype.slice.call(chunk, start));
  }
  if (partBytes > 0 || overflow) yield finish();
}
