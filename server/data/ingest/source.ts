// The bytes of an upload as they arrive (a request body or a file stream), counted against the size limit.
import { chunksOf, type ByteSource } from '@/server/streams/byte-chunks';
import { formatBytes } from './read-capped';
import { DomainError } from '@/server/domain-error';

export type { ByteSource };

export const uploadTooLarge = (maxBytes: number) =>
  new DomainError(
    'too_large',
    `The file is larger than the ${formatBytes(maxBytes)} upload limit (MAX_UPLOAD_BYTES). Split it into smaller files or raise the limit on the server.`,
  );

export const isTooLarge = (err: unknown) => err instanceof DomainError && err.code === 'too_large';

/** Yields the chunks, throwing `uploadTooLarge` as soon as more than `maxBytes` arrived; `bytes()` tells how many so far. */
export function countedChunks(source: ByteSource, maxBytes: number) {
  let total = 0;
  async function* gen(): AsyncGenerator<Uint8Array> {
    for await (const chunk of chunksOf(source)) {
      total += chunk.byteLength;
      if (total > maxBytes) throw uploadTooLarge(maxBytes);
      yield chunk;
    }
  }
  return { chunks: gen(), bytes: () => total };
}
