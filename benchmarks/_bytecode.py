"""Shared by the benchmarks: measure actplot as an installed copy runs."""

import compileall
from pathlib import Path


def compile_actplot() -> None:
    """Byte-compile the actplot package, as pip does when it installs one. An editable install
    run with PYTHONDONTWRITEBYTECODE set (as on this project's machines) would otherwise compile
    every module on every start, a cost no installed copy pays."""
    import actplot

    compileall.compile_dir(Path(actplot.__file__).parent, quiet=1)
