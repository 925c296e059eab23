import { createParser } from 'eventsource-parser';

export interface ReceivedEvent {
  event: string;
  data: Record<string, unknown>;
}

export interface OpenedStream {
  status: number;
  headers: Headers;
  /** The parsed events as they arrive; for a non-stream answer, the JSON body is in `body`. */
  events: AsyncGenerator<ReceivedEvent>;
  comments: string[];
  body?: Record<string, unknown>;
  /** Drops the connection, as a client that goes away. */
  abort(): void;
}

/** POSTs to the stream route and reads the answer with a real SSE parser. */
export async function openStream(baseUrl: string, token: string, body: unknown): Promise<OpenedStream> {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/v1/chat/stream`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: controller.signal,
  });
  const comments: string[] = [];
  const isStream = response.headers.get('content-type')?.startsWith('text/event-stream') ?? false;
  const json = isStream ? undefined : ((await response.json()) as Record<string, unknown>);

  async function* events(): AsyncGenerator<ReceivedEvent> {
    if (!response.body) return;
    const queue: ReceivedEvent[] = [];
    const parser = createParser({
      onEvent: (message) =>
        queue.push({ event: message.event ?? 'message', data: JSON.parse(message.data) as Record<string, unknown> }),
      onComment: (comment) => comments.push(comment),
    });
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body) {
        parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }));
        while (queue.length > 0) yield queue.shift() as ReceivedEvent;
      }
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    }
  }

  return {
    status: response.status,
    headers: response.headers,
    events: events(),
    comments,
    body: json,
    abort: () => controller.abort(),
  };
}

/** The whole stream, for tests that only look at the result. */
export async function streamAll(baseUrl: string, token: string, body: unknown) {
  const opened = await openStream(baseUrl, token, body);
  const events: ReceivedEvent[] = [];
  for await (const event of opened.events) events.push(event);
  return { ...opened, received: events };
}
