#!/usr/bin/env bash
# Hidden-layer activations side by side, each with its derivative (dashed).
# The vanishing gradient the article mentions: sigmoid's derivative is at most 1/4, and those of
# sigmoid and tanh fall to almost 0 for |x| > 3, so a product of many of them, layer after layer,
# shrinks towards 0. ReLU's derivative is 1 for every x > 0, and GELU's close to 1 for x > 1.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p images

actplot plot sigmoid tanh relu gelu --with-derivative --range -5 5 -o images/hidden_layers.png
