import { fromBuffer, type Entry, type ZipFile } from 'yauzl';
import { IndexingError } from '../model/indexing-error';

const openZip = (bytes: Buffer): Promise<ZipFile> =>
  new Promise((resolve, reject) =>
    fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (error, zip) =>
      error ? reject(error) : resolve(zip),
    ),
  );

/** Inflates one entry into nothing, counting what zlib actually produces; stops once `budget` is passed. */
function inflatedSize(zip: ZipFile, entry: Entry, budget: number): Promise<number> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error) return reject(error);
      let produced = 0;
      stream.on('data', (chunk: Buffer) => {
        produced += chunk.length;
        if (produced > budget) {
          stream.destroy();
          reject(new IndexingError('too_large'));
        }
      });
      stream.once('error', reject);
      stream.once('end', () => resolve(produced));
    });
  });
}

/**
 * Proves, before any parser touches the archive, that all its entries together inflate to at
 * most `maxInflatedBytes`. The directory's promises are checked first (cheap); then every entry
 * is inflated as a stream into a counter, so an archive whose headers lie is stopped by what it
 * really produces (yauzl also refuses an entry that yields more than it declared). Nested
 * archives are counted as the bytes they are: nothing here or in the parsers opens them.
 */
export async function assertZipInflatesWithin(bytes: Buffer, maxInflatedBytes: number): Promise<void> {
  const zip = await openZip(bytes).catch(() => {
    throw new IndexingError('corrupt_file');
  });
  try {
    let total = 0;
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', resolve);
      zip.on('entry', (entry: Entry) => {
        total += entry.uncompressedSize;
        if (total > maxInflatedBytes) return reject(new IndexingError('too_large'));
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        inflatedSize(zip, entry, maxInflatedBytes - (total - entry.uncompressedSize)).then(
          () => zip.readEntry(),
          reject,
        );
      });
      zip.readEntry();
    });
  } catch (error) {
    throw error instanceof IndexingError ? error : new IndexingError('corrupt_file');
  } finally {
    zip.close();
  }
}
