/**
 * The NumPy `.npy` format (version 1.0), little-endian, for the arrays a run exports.
 * @module
 */

/** The typed arrays `.npy` files hold here, with their NumPy dtype codes. */
export type NpyArray = Float32Array | Float64Array | Int32Array | Int8Array;

function dtypeOf(a: NpyArray): string {
  if (a instanceof Float32Array) return "<f4";
  if (a instanceof Float64Array) return "<f8";
  if (a instanceof Int32Array) return "<i4";
  return "|i1";
}

/**
 * Encode an array as `.npy` bytes (C order).
 * @param data the values
 * @param shape the shape; its product must equal `data.length`
 * @returns the file's bytes
 * @example
 * ```ts
 * import { encodeNpy } from "./npy.ts";
 * const bytes = encodeNpy(new Float32Array([1, 2, 3, 4]), [2, 2]);
 * console.log(bytes.length); // 128 + 16
 * ```
 */
export function encodeNpy(data: NpyArray, shape: number[]): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length) {
    throw new Error(`encodeNpy: shape ${shape} holds ${count} values, got ${data.length}`);
  }
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  let header = `{'descr': '${dtypeOf(data)}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const unpadded = 10 + header.length + 1;
  header += " ".repeat((64 - (unpadded % 64)) % 64) + "\n";
  const out = new Uint8Array(10 + header.length + data.byteLength);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  // Typed arrays are little-endian on every platform Deno runs on.
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 10 + header.length);
  return out;
}

/**
 * Decode `.npy` bytes written by {@link encodeNpy} (or NumPy, for these dtypes).
 * @param bytes the file's bytes
 * @returns the values and the shape
 * @example
 * ```ts
 * import { decodeNpy, encodeNpy } from "./npy.ts";
 * const { shape } = decodeNpy(encodeNpy(new Int32Array(6), [2, 3]));
 * console.log(shape); // [2, 3]
 * ```
 */
export function decodeNpy(bytes: Uint8Array): { data: NpyArray; shape: number[] } {
  if (bytes[0] !== 0x93 || String.fromCharCode(...bytes.subarray(1, 6)) !== "NUMPY") {
    throw new Error("decodeNpy: not a .npy file");
  }
  const len = new DataView(bytes.buffer, bytes.byteOffset).getUint16(8, true);
  const header = new TextDecoder().decode(bytes.subarray(10, 10 + len));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const shape = (/'shape':\s*\(([^)]*)\)/.exec(header)?.[1] ?? "").split(",").map((x) => x.trim())
    .filter((x) => x !== "").map(Number);
  if (/'fortran_order':\s*True/.test(header)) throw new Error("decodeNpy: Fortran order");
  const body = bytes.slice(10 + len);
  const ctor = { "<f4": Float32Array, "<f8": Float64Array, "<i4": Int32Array, "|i1": Int8Array }[
    descr ?? ""
  ];
  if (!ctor) throw new Error(`decodeNpy: unsupported dtype ${descr}`);
  return { data: new ctor(body.buffer), shape };
}
