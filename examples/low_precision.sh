#!/usr/bin/env bash
# What a float16 or bfloat16 model computes: each input rounded to the dtype, the exact function
# of it rounded once (a perfect kernel), printed in the shortest decimal of that dtype.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p images

actplot sigmoid --dtype float16 8.3 8.31 8.32 --with-x   # float16 sigmoid is 1 from 8.32 on
actplot softmax --dtype bfloat16 1000 1001 1002          # bfloat16 holds all three logits as 1000
actplot limits sigmoid                                   # where it saturates in each dtype

# The staircase: over 3..4 bfloat16 holds 8 values of sigmoid, float16 about 60.
actplot plot sigmoid sigmoid:dtype=float16 sigmoid:dtype=bfloat16 --range 3 4 --num 2000 -o images/staircase.png
