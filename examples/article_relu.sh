#!/usr/bin/env bash
# The article's ReLU figure: h(x) = x for x > 0, else 0, over -5..5.
# The article's y-limits (-1..5) are actplot's default for ReLU over this range.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p images

actplot relu --range -5 5 -o images/relu.png
