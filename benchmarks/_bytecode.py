"""Shared by the benchmarks: measure actplot as an installed copy runs."""

import compileall
import shutil
import sys
import sysconfig
from pathlib import Path


def compile_actplot() -> None:
    """Byte-compile the actplot package, as pip does when it installs one. An editable install
    run with PYTHONDONTWRITEBYTECODE set (as on this project's machines) would otherwise compile
    every module on every start, a cost no installed copy pays."""
    import actplot

    compileall.compile_dir(Path(actplot.__file__).parent, quiet=1)


def find_actplot() -> str:
    """The console script next to this interpreter (no pyenv shim in between), else the one on PATH."""
    beside = Path(sysconfig.get_path("scripts")) / "actplot"
    if beside.exists():
        return str(beside)
    found = shutil.which("actplot")
    if not found:
        sys.exit("actplot is not installed: pip install -e .")
    return found
