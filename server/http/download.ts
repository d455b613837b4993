// A download streamed from an async generator of bytes: pulled one chunk at a time (flat memory however large the
// file), and the generator closed (its database cursor released) when the client goes away mid-download.
import 'server-only';

export function streamedDownload(chunks: AsyncGenerator<Uint8Array>, o: { contentType: string; fileName: string }): Response {
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      'content-type': o.contentType,
      'content-disposition': `attachment; filename="${o.fileName}"`,
      'cache-control': 'no-store',
    },
  });
}
