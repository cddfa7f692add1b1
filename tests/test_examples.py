"""Every example script runs, from a fresh shell, and prints what it promises."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ACTPLOT = shutil.which("actplot")


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=60)


@pytest.mark.skipif(ACTPLOT is None, reason="the actplot console script is not installed")
def test_pipeline_example_runs_and_prints_the_articles_softmax(tmp_path):
    result = _run(["bash", str(EXAMPLES / "pipeline.sh")], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "0.090030573\t0.24472847\t0.66524096" in result.stdout
    assert "x,tanh\n-2,-0.9640275800758169\n" in result.stdout


def test_python_api_example_runs(tmp_path):
    result = _run([sys.executable, str(EXAMPLES / "python_api.py")], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "softmax of the article's [1, 2, 3]: [0.09003057 0.24472847 0.66524096]" in result.stdout
    assert "under JAX: {'approximate': 'tanh'}" in result.stdout
