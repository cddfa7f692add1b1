#!/usr/bin/env bash
# How far JAX's default GELU (the tanh approximation) is from PyTorch's (the exact erf form), and
# where: the largest gap, 4.7e-4, is near x = ±2.7; relative to the value it is largest far left,
# where both are nearly 0. The picture shows both curves and, beneath on its own scale, f - g.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p images

actplot diff gelu gelu@jax
actplot diff gelu gelu@jax --num 1001 -o images/gelu_diff.png
