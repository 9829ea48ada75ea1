/**
 * mod.ts imported by URL, as a user's program gets it: the checkout is served over HTTP on
 * 127.0.0.1, and a script in a temporary folder with no deno.json (so no import map and no
 * lock file) imports `http://127.0.0.1:PORT/mod.ts`, loads a shipped scenario (fetched next
 * to the module), trains on the wasm backend and evaluates a claim.
 * @module
 */
import assert from "node:assert/strict";
import { gammaSeries, hitTime, loadScenario, train } from "../mod.ts";

const ROOT = new URL("../", import.meta.url);

/** The tiny scenario both sides train: the shipped default, made small. */
const TINY = {
  name: "tiny",
  d: 20,
  N: 40,
  nTest: 40,
  T: 150,
  checkpointEvery: 20,
  require: { claims: [], seeds: [] },
};

function contentType(path: string): string {
  if (path.endsWith(".ts")) return "application/typescript";
  if (path.endsWith(".json")) return "application/json";
  return "application/octet-stream";
}

/** Serve the checkout read-only; record every path asked for and the type it was served as. */
function serveCheckout(): { server: Deno.HttpServer<Deno.NetAddr>; served: Map<string, string> } {
  const served = new Map<string, string>();
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const path = decodeURIComponent(new URL(req.url).pathname);
    const file = new URL("." + path, ROOT);
    if (path.includes("..") || !file.href.startsWith(ROOT.href)) {
      return new Response("forbidden", { status: 403 });
    }
    try {
      const body = await Deno.readFile(file);
      served.set(path, contentType(path));
      return new Response(body, { headers: { "content-type": contentType(path) } });
    } catch {
      served.set(path, "404");
      return new Response("not found", { status: 404 });
    }
  });
  return { server, served };
}

/** Where this Deno keeps its caches (`deno info --json`). */
async function denoCaches(): Promise<{ npmCache: string; modulesCache: string }> {
  const res = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json"],
    stdout: "piped",
    stderr: "null",
  }).output();
  return JSON.parse(new TextDecoder().decode(res.stdout));
}

/** The consumer's program: nothing but the URL import and the public API. */
function consumerScript(base: string): string {
  return `import {
  CLAIMS,
  gammaSeries,
  hitTime,
  InputError,
  loadScenario,
  runClaims,
  toJson,
  train,
} from "${base}mod.ts";

const shipped = await loadScenario("default");
const s = { ...shipped, ...${JSON.stringify(TINY)} };
let ticks = 0;
const traj = await train(s, { seed: 0, backend: "wasm", onStep: () => ticks++ });
const [l1] = await runClaims([s], { ids: ["L1"], seeds: [0] });
let refused = "";
try {
  await loadScenario("no-such-scenario");
} catch (e) {
  refused = e instanceof InputError ? e.message : "not an InputError";
}
console.log(toJson({
  shippedAlpha: shipped.alpha,
  backend: traj.backend,
  ticks,
  lossT: traj.loss[traj.steps],
  winner: traj.prediction.winner,
  predicted: traj.prediction.hitTime,
  measured: [hitTime(traj, 0), hitTime(traj, 1)],
  gammaT: [0, 1].map((r) => gammaSeries(traj, r)[traj.steps]),
  claims: CLAIMS.map((c) => c.id),
  l1: { id: l1.id, verdict: l1.verdict, parts: l1.parts.length },
  refused,
}));
`;
}

Deno.test("mod.ts imported by URL from a folder without deno.json trains on wasm and runs claim L1", async () => {
  const { server, served } = serveCheckout();
  const base = `http://127.0.0.1:${server.addr.port}/`;
  const dir = await Deno.makeTempDir({ prefix: "modcomp-url-" });
  const caches = await denoCaches();
  try {
    await Deno.writeTextFile(`${dir}/consumer.ts`, consumerScript(base));
    const host = `127.0.0.1:${server.addr.port}`;
    const res = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        `--allow-import=${host}`,
        `--allow-net=${host}`,
        // the wasm backend reads its .wasm binary from the npm cache
        `--allow-read=${caches.npmCache}`,
        "consumer.ts",
      ],
      cwd: dir,
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stdout = new TextDecoder().decode(res.stdout).trim();
    const stderr = new TextDecoder().decode(res.stderr);
    assert.equal(res.code, 0, `the consumer failed:\n${stderr}`);
    const got = JSON.parse(stdout.split("\n").pop()!);

    // The shipped scenario came over HTTP, as JSON, next to mod.ts.
    assert.equal(served.get("/fixtures/scenarios/default.json"), "application/json");
    assert.equal(served.get("/mod.ts"), "application/typescript");
    assert.ok(![...served.values()].includes("404"), `missing files: ${[...served]}`);
    assert.deepEqual(got.shippedAlpha, [1, 0.3]);

    // Training ran on wasm (useBackend throws if the backend cannot initialise), every step
    // reported, and the numbers are those of the local import.
    assert.equal(got.backend, "wasm");
    assert.equal(got.ticks, 151);
    const local = await train({ ...(await loadScenario("default")), ...TINY }, {
      seed: 0,
      backend: "wasm",
    });
    const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.abs(b);
    assert.ok(close(got.lossT, local.loss[local.steps]), `loss at T: ${got.lossT} by URL`);
    // toJson writes a never-reached hitting time (Infinity) as null
    const finite = (xs: number[]) => xs.map((x) => Number.isFinite(x) ? x : null);
    assert.deepEqual(got.predicted, finite(local.prediction.hitTime));
    assert.deepEqual(got.measured, finite([hitTime(local, 0), hitTime(local, 1)]));
    assert.ok(Number.isFinite(got.measured[got.winner]), "the winner is learned within T");
    [0, 1].forEach((r) =>
      assert.ok(close(got.gammaT[r], gammaSeries(local, r)[local.steps]), `Γ_${r}(T) by URL`)
    );

    // The claim registry and the runner work by URL.
    assert.deepEqual(got.claims, [
      "L1",
      "L2",
      "L3",
      "L4",
      "L5",
      "L6",
      "L7",
      "L8",
      "T1",
      "T2",
      "T3",
    ]);
    assert.equal(got.l1.id, "L1");
    assert.equal(got.l1.verdict, "pass");
    assert.ok(got.l1.parts > 0);
    assert.match(got.refused, /^--scenario no-such-scenario: unknown scenario/);
  } finally {
    await server.shutdown();
    await Deno.remove(dir, { recursive: true });
    // The served modules are cached under this run's port; they are of no further use.
    const port = `127.0.0.1_PORT${server.addr.port}`;
    await Deno.remove(`${caches.modulesCache}/http/${port}`, { recursive: true })
      .catch(() => {});
  }
});
