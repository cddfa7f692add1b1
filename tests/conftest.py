"""Hypothesis profiles. The default, ``ci``, draws the same examples on every run (derandomize:
seeded by each test's name), so the suite that gates a commit is reproducible and a failure is
there for anyone to rerun. ``explore`` draws new random examples each run:
``HYPOTHESIS_PROFILE=explore python -m pytest``, run before an issue is resolved (and as often as
there is time), is how new faults are found; each one found becomes a test of its own."""

import os
import sysconfig
from collections import defaultdict

import pytest
import sampling
from hypothesis import settings

# The real-process tests run the actplot installed beside this interpreter. Run as the notes say,
# '.venv/bin/python -m pytest' (the venv not activated), PATH held no actplot and every one of them
# was skipped (all 65 of test_pipeline.py, the installed command's completion, streaming, README);
# with another actplot first on PATH they would have run that one.
os.environ["PATH"] = os.pathsep.join([sysconfig.get_path("scripts"), os.environ.get("PATH", "")])

settings.register_profile("ci", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_configure(config):
    config.addinivalue_line("markers", "sampled: stacked parametrize lists whose diagonal is the default run's")
    # a full run: 'slow' selected, or any -m but the default's (-m '' runs everything)
    sampling.FULL = config.getoption("markexpr", "not slow") != "not slow"


@pytest.hookimpl(tryfirst=True)  # before -m deselects by the marks
def pytest_collection_modifyitems(config, items):
    tests = defaultdict(list)
    for item in items:
        if item.get_closest_marker("sampled") is not None and hasattr(item, "callspec"):
            tests[(item.path, item.originalname)].append(item)
    for cases in tests.values():
        kept = sampling.diagonal(cases)
        for case in cases:
            if id(case) not in kept:
                case.add_marker(pytest.mark.slow)
