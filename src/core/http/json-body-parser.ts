import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BadRequestError } from './app-error';

type Done = (error: Error | null, body?: unknown) => void;

/**
 * How deep the JSON text nests, counted in one pass over its characters (brackets inside
 * strings do not count); stops as soon as `limit` is passed.
 */
export function exceedsDepth(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let at = 0; at < text.length; at++) {
    const char = text.charCodeAt(at);
    if (inString) {
      if (char === 0x5c) at++;
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x7b || char === 0x5b) {
      if (++depth > limit) return true;
    } else if (char === 0x7d || char === 0x5d) {
      depth--;
    }
  }
  return false;
}

/**
 * The only body parsers the API has: JSON, nested at most `maxDepth` levels (checked on the text,
 * before anything recursive sees it), with `__proto__` and `constructor.prototype` keys refused by
 * Fastify's own parser. Every other content type (text/plain, form-encoded, XML...) is 415 before
 * a route runs; multipart is registered by the upload route's plugin.
 */
export function useJsonBodyParser(fastify: FastifyInstance, maxDepth: number): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    (request: FastifyRequest, body: string | Buffer, done: Done) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      if (exceedsDepth(text, maxDepth)) {
        done(new BadRequestError(`JSON bodies may nest at most ${maxDepth} levels`));
        return;
      }
      void parse(request, text, done);
    },
  );
}
