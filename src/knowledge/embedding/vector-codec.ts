import { endianness } from 'node:os';

/**
 * How vectors are stored: scaled to unit length (so a dot product is the cosine similarity),
 * as little-endian float32 bytes, plus the sign of each component as a bit string (the
 * binary-quantised form: similar vectors agree on most signs, so a small Hamming distance
 * finds the candidates that the full vectors then rank).
 */
export function unitVector(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm);
  return norm === 0 ? vector : vector.map((value) => value / norm);
}

/** Float32Array is in the host's byte order: on a little-endian host the bytes are copied as they are. */
const LITTLE_ENDIAN = endianness() === 'LE';

export function vectorToBytes(vector: Float32Array): Buffer {
  if (LITTLE_ENDIAN) return Buffer.from(vector.buffer.slice(vector.byteOffset, vector.byteOffset + vector.byteLength));
  const bytes = Buffer.allocUnsafe(vector.length * 4);
  vector.forEach((value, index) => bytes.writeFloatLE(value, index * 4));
  return bytes;
}

export function vectorFromBytes(bytes: Buffer): Float32Array {
  const vector = new Float32Array(bytes.length / 4);
  // A copy, not a view: the driver's buffers may share a pool and start at any offset.
  if (LITTLE_ENDIAN) new Uint8Array(vector.buffer).set(bytes);
  else for (let index = 0; index < vector.length; index++) vector[index] = bytes.readFloatLE(index * 4);
  return vector;
}

/** PostgreSQL bit-string literal of the signs: '1' for a positive component. */
export function signBits(vector: Float32Array): string {
  let bits = '';
  for (const value of vector) bits += value > 0 ? '1' : '0';
  return bits;
}

export function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let index = 0; index < a.length; index++) sum += a[index] * b[index];
  return sum;
}
