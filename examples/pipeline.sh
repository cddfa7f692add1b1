#!/usr/bin/env bash
# actplot as a filter: numbers in on stdin, results out on stdout, composable with the usual tools.
set -euo pipefail

# Sigmoid of a sequence, with its input beside each result.
seq -5 2.5 5 | actplot sigmoid --with-x

# Which input gives the largest GELU derivative between -3 and 3 (about 1.41 = sqrt 2)?
actplot gelu -d --range -3 3 --step 0.01 | sort -g -k2 | tail -n 1

# A batch of logits, one row per line: softmax keeps the rows.
printf '1 2 3\n1000 1001 1002\n' | actplot softmax --precision 8

# CSV with a header, for a spreadsheet.
actplot tanh --range -2 2 --step 1 --format csv

# JSON for jq: the probabilities of the article's example.
if command -v jq >/dev/null; then
    actplot softmax 1 2 3 --format json | jq -c '.y'
fi
