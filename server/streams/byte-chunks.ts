// Request bodies arrive as web ReadableStreams, files and tests as async iterables: one way to read both chunk by chunk.

export type ByteSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

export async function* chunksOf(source: ByteSource): AsyncGenerator<Uint8Array> {
  if (!('getReader' in source)) {
    yield* source;
    return;
  }
  const reader = source.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    // Stops the sender when the reader bails out early (a size limit) instead of draining the rest.
    await reader.cancel().catch(() => {});
  }
}
