#!/usr/bin/env bash
# The article's softmax example: softmax([1, 2, 3]).
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p images

# The values the article prints, [0.09003057 0.24472847 0.66524096], to 8 significant digits.
actplot softmax 1 2 3 --precision 8

# The same vector as a picture: one labelled bar per input, summing to 1.
actplot softmax 1 2 3 -o images/softmax.png
