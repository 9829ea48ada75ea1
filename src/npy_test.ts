import assert from "node:assert/strict";
import fc from "npm:fast-check@4.11.0";
import { runFiles, writeFilesAtomic } from "./export.ts";
import { decodeNpy, encodeNpy, type NpyArray } from "./npy.ts";
import { validateScenario } from "./scenario.ts";
import { prepare, train } from "./train.ts";

// Fixed seed: the same cases on every run; a failure prints the seed and path to replay it.
fc.configureGlobal({ seed: 20221203 });

const shapeArb = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 0, maxLength: 4 });
const count = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

const arrayArb = fc.oneof(
  shapeArb.chain((shape) =>
    fc.tuple(
      fc.constant(shape),
      fc.float32Array({ minLength: count(shape), maxLength: count(shape) }) as fc.Arbitrary<
        NpyArray
      >,
    )
  ),
  shapeArb.chain((shape) =>
    fc.tuple(
      fc.constant(shape),
      fc.float64Array({ minLength: count(shape), maxLength: count(shape) }) as fc.Arbitrary<
        NpyArray
      >,
    )
  ),
  shapeArb.chain((shape) =>
    fc.tuple(
      fc.constant(shape),
      fc.int32Array({ minLength: count(shape), maxLength: count(shape) }) as fc.Arbitrary<NpyArray>,
    )
  ),
  shapeArb.chain((shape) =>
    fc.tuple(
      fc.constant(shape),
      fc.int8Array({ minLength: count(shape), maxLength: count(shape) }) as fc.Arbitrary<NpyArray>,
    )
  ),
);

const bytes = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

Deno.test("decodeNpy(encodeNpy(a, shape)) gives back the type, the shape and every bit", () => {
  fc.assert(
    fc.property(arrayArb, ([shape, data]) => {
      const file = encodeNpy(data, shape);
      // Version 1.0: magic, then a header whose end is aligned to 64 bytes.
      assert.deepEqual(Array.from(file.subarray(0, 8)), [0x93, 78, 85, 77, 80, 89, 1, 0]);
      const headerLen = file[8] + 256 * file[9];
      assert.equal((10 + headerLen) % 64, 0);
      assert.equal(file[10 + headerLen - 1], 0x0a);
      assert.equal(file.length, 10 + headerLen + data.byteLength);
      const back = decodeNpy(file);
      assert.equal(back.data.constructor, data.constructor);
      assert.deepEqual(back.shape, shape);
      // Bitwise, so NaN payloads and −0 count too.
      assert.deepEqual(bytes(back.data), bytes(data));
    }),
    { numRuns: 300 },
  );
});

Deno.test("encodeNpy writes a view of a larger buffer, not the whole buffer", () => {
  const big = Float32Array.from([1, 2, 3, 4, 5, 6]);
  const back = decodeNpy(encodeNpy(big.subarray(2, 5), [3]));
  assert.deepEqual(Array.from(back.data), [3, 4, 5]);
});

Deno.test("encodeNpy refuses a shape that does not hold the data; decodeNpy refuses non-npy bytes", () => {
  assert.throws(() => encodeNpy(new Float32Array(5), [2, 3]), /shape 2,3 holds 6 values, got 5/);
  assert.throws(
    () => decodeNpy(new TextEncoder().encode("not a numpy file at all")),
    /not a \.npy file/,
  );
});

Deno.test("numpy reads an exported run (shapes, dtypes, values) and decodeNpy reads numpy files", async () => {
  const s = validateScenario({
    name: "npy",
    K: 2,
    d: 5,
    P: 3,
    N: 7,
    nTest: 11,
    m: 2,
    q: 3,
    rho: 0.1,
    sigma0: 0.05,
    alpha: [1, 0.3],
    mu: [0.3, 0.1],
    eta: 0.5,
    T: 6,
  }, "test");
  const prep = prepare(s, 2);
  const traj = await train(s, { prepared: prep });
  const files = runFiles(traj, prep);
  const dir = await Deno.makeTempDir();
  try {
    await writeFilesAtomic(dir, files);
    const script = [
      "import json, pathlib, sys",
      "import numpy as np",
      "out = {}",
      "for p in sorted(pathlib.Path(sys.argv[1], 'arrays').glob('*.npy')):",
      "    a = np.load(p)",
      // tolist() gives Python floats/ints: exact for float32, float64 and int32 values.
      "    out[p.name] = {'dtype': a.dtype.str, 'shape': list(a.shape), 'values': a.ravel().tolist()}",
      "print(json.dumps(out))",
      // and the other way round: files numpy writes, for decodeNpy
      "np.save(pathlib.Path(sys.argv[1], 'np_f4.npy'), np.arange(24, dtype='<f4').reshape(2, 3, 4) / 7)",
      "np.save(pathlib.Path(sys.argv[1], 'np_f8.npy'), np.linspace(-1, 1, 5))",
      "np.save(pathlib.Path(sys.argv[1], 'np_i4.npy'), np.arange(-3, 3, dtype='<i4').reshape(3, 2))",
      "np.save(pathlib.Path(sys.argv[1], 'np_i1.npy'), np.array(-2, dtype='i1'))",
    ].join("\n");
    const res = await new Deno.Command("python3", {
      args: ["-c", script, dir],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.ok(res.success, new TextDecoder().decode(res.stderr));
    const seen = JSON.parse(new TextDecoder().decode(res.stdout));
    const { K, N, P, d, m, T } = s;
    const expected: Record<string, [string, number[]]> = {
      "X0.npy": ["<f4", [N, P, d]],
      "X1.npy": ["<f4", [N, P, d]],
      "y.npy": ["<f4", [N]],
      "z.npy": ["<f8", [K, N]],
      "signal_patch.npy": ["<i4", [K, N]],
      "v.npy": ["<f8", [K, d]],
      "W0.npy": ["<f4", [K, m, d]],
      "WT.npy": ["<f4", [K, m, d]],
      "alignment.npy": ["<f4", [T + 1, K, m]],
      "loss.npy": ["<f8", [T + 1]],
      "gbar.npy": ["<f8", [T + 1, K]],
    };
    assert.deepEqual(Object.keys(seen).sort(), Object.keys(expected).sort());
    for (const [name, [dtype, shape]] of Object.entries(expected)) {
      assert.equal(seen[name].dtype, dtype, name);
      assert.deepEqual(seen[name].shape, shape, name);
      const ours = decodeNpy(files.get(`arrays/${name}`)!).data;
      assert.deepEqual(seen[name].values, Array.from(ours), name);
    }
    // …and the values are the run's: spot-check against the in-memory arrays.
    assert.deepEqual(seen["W0.npy"].values, Array.from(prep.W0));
    assert.deepEqual(seen["WT.npy"].values, Array.from(traj.weights));
    assert.deepEqual(seen["loss.npy"].values, Array.from(traj.loss));
    assert.deepEqual(seen["X1.npy"].values, Array.from(prep.train.X[1]));
    assert.deepEqual(seen["signal_patch.npy"].values, [
      ...prep.train.signalPatch[0],
      ...prep.train.signalPatch[1],
    ]);
    const read = async (name: string) => decodeNpy(await Deno.readFile(`${dir}/${name}`));
    const f4 = await read("np_f4.npy");
    assert.ok(f4.data instanceof Float32Array);
    assert.deepEqual(f4.shape, [2, 3, 4]);
    assert.deepEqual(Array.from(f4.data), Array.from({ length: 24 }, (_, i) => Math.fround(i / 7)));
    const f8 = await read("np_f8.npy");
    assert.ok(f8.data instanceof Float64Array);
    assert.deepEqual(f8.shape, [5]);
    assert.deepEqual(Array.from(f8.data), [-1, -0.5, 0, 0.5, 1]);
    const i4 = await read("np_i4.npy");
    assert.ok(i4.data instanceof Int32Array);
    assert.deepEqual(i4.shape, [3, 2]);
    assert.deepEqual(Array.from(i4.data), [-3, -2, -1, 0, 1, 2]);
    const i1 = await read("np_i1.npy");
    assert.ok(i1.data instanceof Int8Array);
    assert.deepEqual(i1.shape, []);
    assert.deepEqual(Array.from(i1.data), [-2]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
