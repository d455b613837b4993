// The bytes of an upload as they arrive (a request body or a file stream), counted against the size limit.
import { chunksOf, type ByteSource } from '@/server/streams/byte-chunks';
import { formatBytes } from './read-capped';
import { DomainError } from '@/server/domain-error';

export type { ByteSource };

/** Whose limit refused the file decides how to raise it: the server's for the UI and the API, the shell's for the CLI. */
export type UploadLimit = 'server' | 'local';

const raiseIt: Record<UploadLimit, (maxBytes: number) => string> = {
  server: () => 'Split it into smaller files or raise the limit on the server.',
  // The CLI reads the file and writes the database itself: its own environment's limit applies, not the server's.
  local: (maxBytes) =>
    `Split it into smaller files, or raise this command's own limit: it reads MAX_UPLOAD_BYTES from its environment (the server's setting does not apply), e.g. MAX_UPLOAD_BYTES=${Math.min(2 ** 31 - 1, maxBytes * 2)} npm run factory -- data upload …`,
};

export const uploadTooLarge = (maxBytes: number, limit: UploadLimit = 'server') =>
  new DomainError(
    'too_large',
    `The file is larger than the ${formatBytes(maxBytes)} upload limit (MAX_UPLOAD_BYTES). ${raiseIt[limit](maxBytes)}`,
  );

export const isTooLarge = (err: unknown) => err instanceof DomainError && err.code === 'too_large';

/** Yields the chunks, throwing `uploadTooLarge` as soon as more than `maxBytes` arrived; `bytes()` tells how many so far. */
export function countedChunks(source: ByteSource, maxBytes: number, limit: UploadLimit = 'server') {
  let total = 0;
  async function* gen(): AsyncGenerator<Uint8Array> {
    for await (const chunk of chunksOf(source)) {
      total += chunk.byteLength;
      if (total > maxBytes) throw uploadTooLarge(maxBytes, limit);
      yield chunk;
    }
  }
  return { chunks: gen(), bytes: () => total };
}
