#!/usr/bin/env bash
# A cheat sheet: every function with its derivative (dashed) on one A4 page.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p images

# The PNG for the README: 150 dpi keeps the small labels legible and the file near 350 kB.
actplot sheet -o images/cheat_sheet.png --dpi 150
# The PDF, vector graphics, to print.
actplot sheet -o images/cheat_sheet.pdf
