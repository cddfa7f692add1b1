#!/usr/bin/env bash
# How exact is a GELU written from its textbook formula, x/2 (1 + erf(x/sqrt 2))? actplot check
# compares each value another program printed with the exact value rounded to the dtype (float64
# here): 1 + erf cancels for negative x, thousands of ulp at x = -4. In float32, actplot's own
# values are the correctly rounded ones: --max-ulp 0 passes, as it gates a CI job.
set -euo pipefail

python3 - <<'PY' | actplot check gelu --show-worst 3
import math

import numpy as np

for x in np.linspace(-4, 4, 801).tolist():
    print(x, 0.5 * x * (1 + math.erf(x / math.sqrt(2))))
PY

actplot gelu --range -4 4 --dtype float32 | actplot check gelu --dtype float32 --max-ulp 0
