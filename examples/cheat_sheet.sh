#!/usr/bin/env bash
# A cheat sheet: every function with its derivative (dashed), A4 pages family by family.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p images

# The PNG for the README, one page: the step, the sigmoid shapes, ReLU and its relatives, the
# thresholds and the shrinkages. 150 dpi keeps the small labels legible.
actplot sheet --family linear --family sigmoid --family relu --family threshold --family shrink \
    -o images/cheat_sheet.png --dpi 150
# The PDF, vector graphics to print: every page.
actplot sheet -o images/cheat_sheet.pdf
