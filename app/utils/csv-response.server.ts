// A CSV download that streams: the byte-order mark and the header line leave at once, then each
// batch of rows as it is read, only when the reader asks for more (a pull stream), so that an
// export of 50,000 actions holds one batch in memory, not the whole file (issue 17).
import { CSV_BOM, csvLine, type CsvRow } from "~/domain/csv";

export function csvResponse(input: { fileName: string; header: string[]; batches: AsyncIterable<CsvRow[]> }): Response {
  const encoder = new TextEncoder();
  const iterator = input.batches[Symbol.asyncIterator]();
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(CSV_BOM + csvLine(input.header)));
        return;
      }
      try {
        const next = await iterator.next();
        if (next.done) {
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(next.value.map(csvLine).join("")));
      } catch (error) {
        // Headers are gone: the download fails rather than ending as a file that looks whole.
        console.error("Export CSV interrompu :", error);
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${input.fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}
