/**
 * The scenario: every parameter of THEORY.md D1–D3 for one experiment, plus the claims it
 * must pass. Scenarios are JSON files; `default`, `symmetric` and `k3` ship in
 * `fixtures/scenarios/` and resolve by name.
 * @module
 */
import { InputError } from "./errors.ts";

/** The claims a scenario must pass, and on which seeds (`modcomp check`, `deno task check`). */
export interface Requirement {
  /** claim ids, e.g. `["L1", "T2"]` */
  claims: string[];
  /** seeds on which every listed claim must pass */
  seeds: number[];
}

/** One experiment: D1 data distribution, D2 learner, D3 training. */
export interface Scenario {
  /** a short name, used in tables and file names */
  name: string;
  /** number of modalities K ≥ 1 */
  K: number;
  /** patch dimension d */
  d: number;
  /** patches per modality P */
  P: number;
  /** training samples N */
  N: number;
  /** fresh test samples N_test */
  nTest: number;
  /** neurons per encoder m */
  m: number;
  /** smoothed-ReLU exponent q > 2 */
  q: number;
  /** smoothed-ReLU knee ρ > 0 */
  rho: number;
  /** initial weight scale σ_0 */
  sigma0: number;
  /** noise scale σ_p (default 1/√d) */
  sigmaP: number;
  /** signal strength α_r per modality */
  alpha: number[];
  /** insufficiency probability μ_r ∈ [0, 1) per modality */
  mu: number[];
  /** learning rate η */
  eta: number;
  /** gradient-descent steps T */
  T: number;
  /** every how many steps the test metrics and memorisation are recorded (default T/20) */
  checkpointEvery: number;
  /** what `check` must show on this scenario */
  require: Requirement;
}

const SIZE_FIELDS = ["K", "d", "P", "N", "nTest", "m", "T"] as const;
const POSITIVE_FIELDS = ["rho", "sigma0", "eta"] as const;
const KNOWN_FIELDS = new Set([
  ...SIZE_FIELDS,
  ...POSITIVE_FIELDS,
  "name",
  "description",
  "q",
  "sigmaP",
  "alpha",
  "mu",
  "checkpointEvery",
  "require",
]);

/** The smallest and largest normal float32: the engine computes in float32. */
const F32_MIN = 1.1754943508222875e-38, F32_MAX = 3.4028234663852886e38;

/**
 * Problems of values that are valid reals but that float32 cannot carry: each positive
 * parameter, and the constants the engine derives from them (ρ^{q−1} and α_r^q), must be
 * normal float32 numbers, or the run would silently turn to 0, Infinity or NaN.
 */
function float32Problems(o: Record<string, unknown>): string[] {
  const out: string[] = [];
  const check = (what: string, x: number) => {
    if (!(x >= F32_MIN && x <= F32_MAX)) {
      out.push(`${what} = ${show(x)}: must lie in [1.2e-38, 3.4e38], the normal float32 range`);
    }
  };
  const q = o.q as number, rho = o.rho as number;
  for (const f of [...POSITIVE_FIELDS, "sigmaP"] as const) {
    if (o[f] !== undefined) check(f, o[f] as number);
  }
  (o.alpha as number[]).forEach((a, r) => check(`alpha[${r}]`, a));
  if (out.length > 0) return out;
  check("rho^(q-1)", rho ** (q - 1));
  (o.alpha as number[]).forEach((a, r) => check(`alpha[${r}]^q`, a ** q));
  return out;
}

/** Largest run the engine will allocate, in bytes (override with MODCOMP_MAX_BYTES). */
export const DEFAULT_MAX_BYTES = 4 * 1024 ** 3;

function isFiniteNumber(x: unknown): x is number {
  return typeof x === "number" && Number.isFinite(x);
}

function show(x: unknown): string {
  if (typeof x === "number") return String(x);
  const s = JSON.stringify(x);
  return s === undefined ? String(x) : s.length > 40 ? s.slice(0, 37) + "..." : s;
}

/**
 * Validate a parsed scenario object and fill in the defaults.
 *
 * @param raw the parsed JSON value
 * @param where where it came from, for the message (a file path or a name)
 * @returns the complete scenario
 * @throws {InputError} one line listing every problem: field, value and allowed range
 * @example
 * ```ts
 * import { validateScenario } from "./scenario.ts";
 * const s = validateScenario({ K: 1, d: 8, P: 2, N: 10, nTest: 10, m: 2, q: 3, rho: 0.1,
 *   sigma0: 0.01, alpha: [1], mu: [0], eta: 0.1, T: 5 }, "inline");
 * console.log(s.sigmaP); // 1/sqrt(8)
 * ```
 */
export function validateScenario(raw: unknown, where: string): Scenario {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new InputError(`${where}: a scenario must be a JSON object, got ${show(raw)}`);
  }
  const o = raw as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(o)) {
    if (!KNOWN_FIELDS.has(key)) problems.push(`unknown field "${key}"`);
  }
  for (const f of SIZE_FIELDS) {
    const v = o[f];
    if (!Number.isSafeInteger(v) || (v as number) < 1) {
      problems.push(`${f} = ${show(v)}: must be a positive integer`);
    }
  }
  for (const f of POSITIVE_FIELDS) {
    const v = o[f];
    if (!isFiniteNumber(v) || v <= 0) problems.push(`${f} = ${show(v)}: must be a number > 0`);
  }
  if (!isFiniteNumber(o.q) || o.q <= 2) problems.push(`q = ${show(o.q)}: must be a number > 2`);
  if (o.sigmaP !== undefined && (!isFiniteNumber(o.sigmaP) || o.sigmaP <= 0)) {
    problems.push(`sigmaP = ${show(o.sigmaP)}: must be a number > 0 (omit it for 1/sqrt(d))`);
  }
  const K = Number.isSafeInteger(o.K) ? o.K as number : undefined;
  const perModality = (f: "alpha" | "mu", ok: (x: number) => boolean, range: string) => {
    const v = o[f];
    if (!Array.isArray(v)) {
      problems.push(`${f} = ${show(v)}: must be an array of K numbers`);
      return;
    }
    if (K !== undefined && v.length !== K) {
      problems.push(`${f} has ${v.length} entries: must have K = ${K}`);
    }
    v.forEach((x, r) => {
      if (!isFiniteNumber(x) || !ok(x)) problems.push(`${f}[${r}] = ${show(x)}: must be ${range}`);
    });
  };
  perModality("alpha", (x) => x > 0, "a number > 0");
  perModality("mu", (x) => x >= 0 && x < 1, "a number in [0, 1)");
  if (o.name !== undefined && (typeof o.name !== "string" || !/^[\w.-]+$/.test(o.name))) {
    problems.push(`name = ${show(o.name)}: must be a string of letters, digits, _ . -`);
  }
  const T = Number.isSafeInteger(o.T) ? o.T as number : 1;
  if (
    o.checkpointEvery !== undefined &&
    (!Number.isSafeInteger(o.checkpointEvery) || (o.checkpointEvery as number) < 1)
  ) {
    problems.push(`checkpointEvery = ${show(o.checkpointEvery)}: must be a positive integer`);
  }
  const req = o.require === undefined ? { claims: [], seeds: [] } : o.require;
  const reqOk = typeof req === "object" && req !== null &&
    Array.isArray((req as Requirement).claims) &&
    (req as Requirement).claims.every((c) => typeof c === "string") &&
    Array.isArray((req as Requirement).seeds) &&
    (req as Requirement).seeds.every((s) => Number.isSafeInteger(s) && s >= 0);
  if (!reqOk) {
    problems.push(
      `require = ${show(req)}: must be {"claims": [ids], "seeds": [non-negative integers]}`,
    );
  }
  if (problems.length === 0) problems.push(...float32Problems(o));
  if (problems.length > 0) throw new InputError(`${where}: ${problems.join("; ")}`);
  const d = o.d as number;
  const name = typeof o.name === "string" ? o.name : "scenario";
  return {
    name,
    K: o.K as number,
    d,
    P: o.P as number,
    N: o.N as number,
    nTest: o.nTest as number,
    m: o.m as number,
    q: o.q as number,
    rho: o.rho as number,
    sigma0: o.sigma0 as number,
    sigmaP: (o.sigmaP as number | undefined) ?? 1 / Math.sqrt(d),
    alpha: [...o.alpha as number[]],
    mu: [...o.mu as number[]],
    eta: o.eta as number,
    T,
    checkpointEvery: (o.checkpointEvery as number | undefined) ?? Math.max(1, Math.floor(T / 20)),
    require: {
      claims: [...(req as Requirement).claims],
      seeds: [...(req as Requirement).seeds],
    },
  };
}

/**
 * Bytes a run of this scenario allocates at its peak (data, test data, tensors, trajectory).
 *
 * @param s the scenario
 * @returns an estimate in bytes
 * @example
 * ```ts
 * import { estimateBytes, loadScenario } from "./scenario.ts";
 * console.log(estimateBytes(await loadScenario("default")) < 1e9);
 * ```
 */
export function estimateBytes(s: Scenario): number {
  const train = s.K * s.N * s.P * s.d * 4 * 3; // data, its transpose on the device, a copy
  const test = s.K * s.nTest * s.P * s.d * 4 * 2;
  const activations = s.K * (s.N + s.nTest) * s.P * s.m * 4 * 8;
  const trajectory = (s.T + 1) * (s.K * s.m * 4 + 8 * (2 + s.K));
  const weights = s.K * s.m * s.d * 4 * 4; // W(0), on the device, its increment, W(T)
  return train + test + activations + trajectory + weights;
}

/**
 * Refuse a scenario whose estimated memory exceeds the limit, before anything is allocated.
 *
 * @param s the scenario
 * @param maxBytes the limit (default: MODCOMP_MAX_BYTES or 4 GiB)
 * @throws {InputError} with the estimate and the limit
 * @example
 * ```ts
 * import { assertFits, loadScenario } from "./scenario.ts";
 * assertFits(await loadScenario("default"));
 * ```
 */
export function assertFits(s: Scenario, maxBytes: number = maxBytesFromEnv()): void {
  const need = estimateBytes(s);
  if (need > maxBytes) {
    const gib = (b: number) => (b / 1024 ** 3).toFixed(2) + " GiB";
    throw new InputError(
      `scenario ${s.name}: needs about ${gib(need)} of memory, more than the limit of ${
        gib(maxBytes)
      } (set MODCOMP_MAX_BYTES to raise it)`,
    );
  }
}

function maxBytesFromEnv(): number {
  let v: string | undefined;
  try {
    // Read it only when allowed: a program that imports the module without --allow-env must
    // not stop at a permission prompt.
    const query = { name: "env", variable: "MODCOMP_MAX_BYTES" } as const;
    if (Deno.permissions.querySync(query).state === "granted") v = Deno.env.get(query.variable);
  } catch {
    v = undefined; // no env permission: the default applies
  }
  const n = v === undefined ? NaN : Number(v);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_MAX_BYTES;
}

/** Names of the scenarios that ship with modcomp. */
export const SCENARIO_NAMES = ["default", "symmetric", "k3"] as const;

const FIXTURES = new URL("../fixtures/scenarios/", import.meta.url);

/**
 * Parse and validate scenario JSON text.
 *
 * @param text the JSON text
 * @param where where it came from, for messages
 * @returns the validated scenario
 * @throws {InputError} on malformed JSON or an invalid scenario
 * @example
 * ```ts
 * import { InputError, parseScenario } from "../mod.ts";
 * try {
 *   parseScenario('{"K": 0}', "inline");
 * } catch (e) {
 *   console.log(e instanceof InputError, (e as Error).message); // true inline: K = 0: must be ...
 * }
 * ```
 */
export function parseScenario(text: string, where: string): Scenario {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    // The parser quotes the text around the error, newlines included: keep it on one line.
    const why = (e as Error).message.replace(/\s+/g, " ").trim();
    throw new InputError(`${where}: not valid JSON (${why})`);
  }
  return validateScenario(raw, where);
}

/**
 * Load a scenario by shipped name (`default`, `symmetric`, `k3`) or by file path.
 * Works from a local checkout and when the module is imported by URL.
 *
 * @param nameOrPath a shipped name, or a path to a JSON file
 * @returns the validated scenario
 * @throws {InputError} when the file cannot be read or does not validate
 * @example
 * ```ts
 * import { loadScenario } from "./scenario.ts";
 * const s = await loadScenario("default");
 * console.log(s.alpha); // [1, 0.3]
 * ```
 */
export async function loadScenario(nameOrPath: string): Promise<Scenario> {
  const shipped = (SCENARIO_NAMES as readonly string[]).includes(nameOrPath);
  let text: string;
  if (shipped) {
    const url = new URL(`${nameOrPath}.json`, FIXTURES);
    try {
      if (url.protocol === "file:") {
        text = await Deno.readTextFile(url);
      } else {
        const res = await fetch(url);
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        text = await res.text();
      }
    } catch (e) {
      throw new InputError(
        `--scenario ${nameOrPath}: cannot read the shipped scenario at ${url} (${
          (e as Error).message
        })`,
      );
    }
  } else {
    if (!/[/\\]|\.json$/.test(nameOrPath)) {
      throw new InputError(
        `--scenario ${nameOrPath}: unknown scenario; use one of ${
          SCENARIO_NAMES.join(", ")
        } or a path to a .json file`,
      );
    }
    try {
      text = await Deno.readTextFile(nameOrPath);
    } catch (e) {
      throw new InputError(`--scenario ${nameOrPath}: cannot read the file (${(e as Error).name})`);
    }
  }
  const s = parseScenario(text, shipped ? `scenario ${nameOrPath}` : nameOrPath);
  return s.name === "scenario" ? { ...s, name: shipped ? nameOrPath : baseName(nameOrPath) } : s;
}

function baseName(path: string): string {
  return path.replace(/^.*[/\\]/, "").replace(/\.json$/, "") || "scenario";
}
