#!/usr/bin/env bash
# How exact is a SiLU written the naive way, x / (1 + exp(-x))? actplot check compares each value
# another program printed with actplot's own (in float64 for now: within 2.3 ulp of the exact value,
# `actplot info silu`), and gates a CI job with --max-ulp.
set -euo pipefail

python3 - <<'PY' | actplot check silu --show-worst 3
import numpy as np

x = np.linspace(-8, 8, 1601)
for a, b in zip(x.tolist(), (x / (1 + np.exp(-x))).tolist()):
    print(a, b)
PY

actplot silu --range -8 8 | actplot check silu --max-ulp 0
