// Reads a request body as text, refusing it (before and while reading) once it passes a byte limit.
import { chunksOf } from '@/server/streams/byte-chunks';
import { DomainError } from '@/server/domain-error';

const bodyTooLarge = (maxBytes: number, hint: string) =>
  new DomainError(
    'too_large',
    `The request body is larger than the ${formatBytes(maxBytes)} limit (MAX_UPLOAD_BYTES).${hint ? ` ${hint}` : ''}`,
  );

/** `hint` ends the refusal with what the caller should do instead. */
export async function readCapped(req: Request, maxBytes: number, hint = ''): Promise<string> {
  const declared = Number(req.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw bodyTooLarge(maxBytes, hint);
  if (!req.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunksOf(req.body)) {
    size += chunk.byteLength;
    if (size > maxBytes) throw bodyTooLarge(maxBytes, hint);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}
