#!/usr/bin/env bash
# The article's sigmoid figure: h(x) = 1 / (1 + e^-x) over -5..5.
# The article's y-limits (-0.1..1.1) are actplot's default for sigmoid, so no --ylim is needed.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p images

actplot sigmoid --range -5 5 -o images/sigmoid.png
