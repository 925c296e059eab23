import fastifyMultipart from '@fastify/multipart';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * multipart/form-data for file uploads. A file over `maxFileBytes` makes reading it throw (413)
 * instead of handing over a silently truncated file; one file and a few short fields per request.
 */
export async function registerMultipart(app: NestFastifyApplication, maxFileBytes: number): Promise<void> {
  await app.register(fastifyMultipart, {
    throwFileSizeLimit: true,
    limits: { fileSize: maxFileBytes, files: 1, fields: 5, fieldSize: 4_096, parts: 6, headerPairs: 100 },
  });
}
