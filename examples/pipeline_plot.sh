#!/usr/bin/env bash
# Numbers from a pipeline drawn as a plot: each value read from stdin becomes a point.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p images

# ELU at -3, -2.75, ..., 3, with its derivative, as points.
seq -3 0.25 3 | actplot elu --with-derivative -o images/elu_points.png

# No image viewer at hand (over ssh, say)? Draw in the terminal, 70 columns by 20 rows.
actplot mish --range -4 4 --terminal --size 70 20
