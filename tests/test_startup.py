"""Printing commands import only what printing needs: plotting libraries stay unloaded."""

import json
import os
import subprocess
import sys

import pytest

HEAVY = (
    "matplotlib",
    "plotext",
    "scipy",
    "mpmath",
    "ml_dtypes",
    "numpy.typing",
    "difflib",
    "fractions",
    "actplot.charts",
    "actplot.plotting",
    "actplot.terminal",
    "matplotlib_fontja",
    "IPython",
)

PROBE = """
import io, json, sys
sys.stdout = io.TextIOWrapper(io.BytesIO())
from actplot.cli import run
run({argv!r})
sys.__stdout__.write(json.dumps(sorted(sys.modules)))
"""


@pytest.mark.parametrize(
    "argv",
    [["relu", "1"], ["list"], ["--help"], ["sigmoid", "--range", "-5", "5"], ["sigmoid", "--dtype", "float16", "1"]],
)
def test_printing_commands_leave_the_heavy_modules_unimported(argv):
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(argv=argv)], capture_output=True, text=True, timeout=60, check=True
    )
    loaded = set(json.loads(result.stdout))
    assert [name for name in HEAVY if name in loaded] == []
    if "--dtype" not in argv and "--help" not in argv:  # float64 pays nothing for the narrow formats' code
        assert "actplot.precision" not in loaded
        # a tenth of numpy's import; no masked array can exist unless the caller imported it
        assert "numpy.ma" not in loaded
        assert "decimal" not in loaded  # the constants are exact ratios of Python integers


@pytest.mark.parametrize("argv", [["--help"], ["relu", "1"], ["list"]])
def test_help_and_a_function_leave_the_other_commands_unimported(argv):
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(argv=argv)], capture_output=True, text=True, timeout=60, check=True
    )
    loaded = set(json.loads(result.stdout))
    others = {"actplot.cli.draw", "actplot.cli.stats", "actplot.cli.compare", "actplot.cli.limits"}
    assert sorted(others & loaded) == []
    assert "actplot.cli.describe" not in loaded or argv == ["list"]
    if argv != ["relu", "1"]:  # no number is read or written: neither the reader nor the writer (nor orjson)
        assert sorted({"actplot.inputs", "actplot.formats", "actplot.cli.evaluate", "orjson"} & loaded) == []


def test_a_plot_imports_matplotlib_but_not_pyplot(tmp_path):
    argv = ["sigmoid", "--range", "-5", "5", "-o", str(tmp_path / "s.png")]
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(argv=argv)], capture_output=True, text=True, timeout=60, check=True
    )
    loaded = set(json.loads(result.stdout))
    assert "matplotlib.figure" in loaded and "matplotlib.pyplot" not in loaded
    assert "matplotlib_fontja" not in loaded  # its font is found by path: importing it restyles pyplot


def test_importing_actplot_leaves_the_plotting_modules_unimported():
    code = "import json, sys, actplot; print(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    loaded = set(json.loads(result.stdout))
    assert [name for name in HEAVY if name in loaded] == []


def test_the_dtype_option_offers_precision_s_dtypes():
    from actplot import precision
    from actplot.cli.options import DTYPE_NAMES

    assert list(DTYPE_NAMES) == list(precision.DTYPES)


HELP_PROBE = """
import contextlib, io, json, sys
from actplot.cli import cli, run
ours, clicks = io.StringIO(), io.StringIO()
with contextlib.redirect_stdout(ours):
    run({argv!r})
loaded = "shutil" in sys.modules
with contextlib.redirect_stdout(clicks), contextlib.suppress(SystemExit):
    cli.main({argv!r}, prog_name="actplot")  # Click finds the width itself
print(json.dumps([loaded, ours.getvalue(), clicks.getvalue()]))
"""


@pytest.mark.parametrize("columns", ["50", "80", "100", "200"])
@pytest.mark.parametrize("argv", [["--help"], ["relu", "--help"], ["plot", "--help"], ["list", "--help"]])
def test_help_is_as_wide_as_click_makes_it_without_importing_shutil(argv, columns):
    env = {**os.environ, "COLUMNS": columns}
    code = HELP_PROBE.format(argv=argv)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env, check=True
    )
    shutil_loaded, ours, clicks = json.loads(result.stdout)
    assert not shutil_loaded
    assert ours == clicks and ours.startswith("Usage: actplot")


@pytest.mark.parametrize(("given", "seen"), [(None, "1"), ("4", "4")])
def test_the_command_line_starts_no_blas_thread_pool_unless_asked(given, seen):
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if given is not None:
        env["OPENBLAS_NUM_THREADS"] = given
    # the console script's main, with a stand-in command line that says what it finds when imported
    code = (
        "import os, sys, types; cli = types.ModuleType('actplot.cli'); sys.modules['actplot.cli'] = cli;"
        "cli.main = lambda: print(os.environ['OPENBLAS_NUM_THREADS'], 'numpy' in sys.modules);"
        "import actplot.__main__; actplot.__main__.main()"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert result.stdout.split() == [seen, "False"]
    library = "import os, actplot; actplot.relu(1); print(os.environ.get('OPENBLAS_NUM_THREADS'))"
    result = subprocess.run([sys.executable, "-c", library], capture_output=True, text=True, env=env, timeout=60)
    assert result.stdout.strip() == str(given)  # the library leaves the caller's process alone
