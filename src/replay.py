#!/usr/bin/env python3
"""Replay an exported modcomp run in float64 numpy, independently of the engine.

Usage: python3 src/replay.py RUN_DIR [--tol 1e-3]

Reads RUN_DIR/trajectory.json (hyper-parameters, mode) and RUN_DIR/arrays/*.npy (data and
initial weights), runs full-batch gradient descent on the late-fusion smoothed-ReLU network
of THEORY.md D2/D3 in float64, and compares every alignment a_{r,j}(t) with the exported
alignment.npy. Prints one JSON line; exits 1 if the largest deviation, relative to
max(|a|, sigma_0), exceeds --tol or a hitting time differs.
"""
import json
import sys

import numpy as np


def main():
    run = sys.argv[1]
    tol = float(sys.argv[sys.argv.index("--tol") + 1]) if "--tol" in sys.argv else 1e-3
    meta = json.load(open(f"{run}/trajectory.json"))
    s = meta["scenario"]
    K, q, rho, eta, T = s["K"], s["q"], s["rho"], s["eta"], meta["steps"]
    mode = meta["mode"]
    active = list(range(K)) if mode == "joint" else [int(mode.split(":")[1])]
    a = lambda name: np.load(f"{run}/arrays/{name}.npy")
    X = [a(f"X{r}").astype(np.float64) for r in range(K)]  # (N, P, d)
    y = a("y").astype(np.float64)
    v = a("v")
    W = a("W0").astype(np.float64)  # (K, m, d)
    exported = a("alignment")  # (T+1, K, m)
    N = y.shape[0]
    ours = np.empty((T + 1, K, W.shape[1]))
    for t in range(T + 1):
        ours[t] = np.einsum("rjd,rd->rj", W, v)
        if t == T:
            break
        U = [np.einsum("npd,jd->npj", X[r], W[r]) for r in active]
        f = np.zeros(N)
        for u in U:
            au = np.abs(u)
            h = np.where(au <= rho, au**q / (q * rho ** (q - 1)), au - (1 - 1 / q) * rho)
            f += (np.sign(u) * h).sum(axis=(1, 2))
        g = 1 / (1 + np.exp(np.clip(y * f, -700, 700)))
        for u, r in zip(U, active):
            hp = np.minimum(np.abs(u) / rho, 1) ** (q - 1)  # h'(u) = sigma'(|u|)
            grad = -np.einsum("n,npj,npd->jd", g * y, hp, X[r]) / N
            W[r] = W[r] - eta * grad
    scale = np.maximum(np.abs(ours), s["sigma0"])
    dev = float(np.max(np.abs(ours - exported) / scale))
    tau = [rho / al for al in s["alpha"]]
    hit = lambda arr, r: next((t for t in range(T + 1) if arr[t, r].max() >= tau[r]), None)
    hits_ours = [hit(ours, r) for r in range(K)]
    hits_exp = [hit(exported, r) for r in range(K)]
    ok = dev <= tol and hits_ours == hits_exp
    print(json.dumps({"maxRelativeDeviation": dev, "tol": tol, "hitTimeFloat64": hits_ours,
                      "hitTimeExported": hits_exp, "ok": ok}))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
