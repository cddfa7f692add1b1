"""Hypothesis profiles. The default, ``ci``, draws the same examples on every run (derandomize:
seeded by each test's name), so the suite that gates a commit is reproducible and a failure is
there for anyone to rerun. ``explore`` draws new random examples each run:
``HYPOTHESIS_PROFILE=explore python -m pytest``, run before an issue is resolved (and as often as
there is time), is how new faults are found; each one found becomes a test of its own."""

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
