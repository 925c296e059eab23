import { request as httpRequest } from 'node:http';
import { ApiClient, signUp, type Session } from './support/api-client';
import { eventually } from './support/eventually';
import { expectError } from './support/expect-envelope';
import { uploadFile } from './support/knowledge-client';
import { startTestApp, type TestApp } from './support/test-app';

const MB = 1024 * 1024;

/**
 * Concurrent large uploads cannot exhaust the API's memory: each one reserves the bytes it
 * declares before its body is read, within a process-wide budget of which one organization may
 * hold half. Here: uploads of at most 1 MB, a budget of 2 MB.
 */
describe('upload memory budget', () => {
  let t: TestApp;
  let first: Session;
  let second: Session;

  beforeAll(async () => {
    t = await startTestApp({ KNOWLEDGE_MAX_UPLOAD_BYTES: String(MB), KNOWLEDGE_UPLOAD_MEMORY_BYTES: String(2 * MB) });
    const api = new ApiClient(t.url);
    [first, second] = [await signUp(api, 'upload-memory-1'), await signUp(api, 'upload-memory-2')];
  });
  afterAll(() => t?.close());

  /** A multipart upload that declares `bytes` and sends only its beginning, until aborted. */
  function slowUpload(session: Session, bytes: number): { abort(): void; answered(): boolean } {
    let answered = false;
    const boundary = 'slow-upload-boundary';
    const request = httpRequest(`${t.url}/v1/knowledge/documents`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${session.accessToken}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(bytes),
      },
    });
    request.on('error', () => undefined);
    request.on('response', () => (answered = true));
    request.write(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="slow.txt"\r\n` +
        `Content-Type: text/plain\r\n\r\n${'slow upload text '.repeat(100)}`,
    );
    return { abort: () => request.destroy(), answered: () => answered };
  }

  const upload = (session: Session, text: string) =>
    uploadFile(t.url, session.accessToken, Buffer.from(text), 'note.txt', text.slice(0, 40));
  const titles = async (session: Session): Promise<string[]> => {
    const response = await new ApiClient(t.url).get<{ data: Array<{ title: string }> }>('/v1/knowledge/documents', {
      token: session.accessToken,
    });
    return response.body.data.map((document) => document.title);
  };

  it('refuses an upload that does not fit with 503 and Retry-After, stores nothing, and takes it once the memory is free', async () => {
    let slow = slowUpload(first, MB);
    try {
      let attempt = 0;
      // Once the API has reserved the slow upload, it holds the first organization's whole half.
      const refused = await eventually(
        async () => {
          // A probe that reached the API before the slow upload took the room it needed: start it
          // again, and end the answered one, whose unsent body would keep its connection open.
          if (slow.answered()) {
            slow.abort();
            slow = slowUpload(first, MB);
          }
          return upload(first, `refused attempt ${++attempt} about printers`);
        },
        (response) => response.status === 503,
        60_000,
      );
      expectError(refused, 503, 'service_unavailable');
      expect(refused.headers.get('retry-after')).toBe('5');
      expect(await titles(first)).not.toContain(`refused attempt ${attempt} about printers`);

      // Another organization still uploads: the budget keeps half for the others.
      expect((await upload(second, 'the other tenant uploads about routers')).status).toBe(202);
    } finally {
      slow.abort();
    }
    const accepted = await eventually(
      () => upload(first, 'after the slow upload ended, about scanners'),
      (response) => response.status !== 503,
      60_000,
    );
    expect(accepted.status).toBe(202);
  }, 180_000);

  it('gives back what every answered upload reserved, refused ones included', async () => {
    // 600 KB each: two leaked reservations would fill the organization's 1 MB half.
    const large = (label: string) => `${label} ${'words about printers and routers '.repeat(20_000)}`;
    for (let i = 0; i < 6; i++) expect((await upload(first, large(`upload ${i}`))).status).toBe(202);
    const notText = Buffer.alloc(600 * 1024, 0xff);
    for (let i = 0; i < 3; i++) {
      expectError(await uploadFile(t.url, first.accessToken, notText, 'x.bin'), 415, 'unsupported_media_type');
    }
    expect((await upload(first, large('after them all'))).status).toBe(202);
  });
});
