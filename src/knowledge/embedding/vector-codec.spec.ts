import { vectorFromBytes, vectorToBytes } from './vector-codec';

describe('vector bytes', () => {
  it('reads back what it wrote, from a buffer that starts at any offset (as the driver hands them)', () => {
    const vector = new Float32Array([0.5, -1.25, 3e-8, -0]);
    const bytes = vectorToBytes(vector);
    const shifted = Buffer.concat([Buffer.from([7]), bytes]).subarray(1);
    expect(shifted.byteOffset % 4).not.toBe(0);
    expect(Array.from(vectorFromBytes(shifted))).toEqual(Array.from(vector));
    expect(bytes.readFloatLE(4)).toBe(-1.25);
  });
});
