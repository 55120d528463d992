/**
 * A `text/event-stream` body read with `fetch` (the chat's fallback where WebSockets are
 * blocked: EventSource cannot send `Authorization`). Each event's `data:` lines, joined by line
 * breaks, are handed on; comments (`: keep-alive`), `event:`, `id:` and `retry:` are not needed
 * by the chat (the frames say what they are, and the replay starts from the last seq held).
 */
export async function readEventStream(
  body: ReadableStream<Uint8Array<ArrayBuffer>>,
  onData: (data: string) => void,
): Promise<void> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    // CRLF, CR and LF all end a line; a CR at a chunk's end waits for what follows it.
    buffer = (buffer + value).replace(/\r\n|\r(?=.)/gs, '\n');
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const data = dataOf(buffer.slice(0, end));
      if (data) onData(data);
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf('\n\n');
    }
  }
}

/** One event's data: its `data:` lines without the field name and one leading space. */
function dataOf(block: string): string {
  return block
    .split('\n')
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(5).replace(/^ /, ''))
    .join('\n');
}
