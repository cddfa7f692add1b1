"""The README's console examples, run as shown: each ``$ command`` prints what the README says it does."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
ACTPLOT = shutil.which("actplot")


def console_examples() -> list[tuple[str, str]]:
    """(command, output) for each ``$`` line of the README's console blocks, with a backslash continuing
    a command on the next line."""
    examples = []
    for block in re.findall(r"```console\n(.*?)```", README.read_text(), flags=re.S):
        lines = block.splitlines(keepends=True)
        i = 0
        while i < len(lines):
            line = lines[i]
            i += 1
            if not line.startswith("$ "):
                continue
            command = line[2:]
            while i < len(lines) and (command.rstrip("\n").endswith("\\") or command.count("'") % 2):
                command += lines[i]
                i += 1
            output = ""
            while i < len(lines) and not lines[i].startswith("$ "):
                output += lines[i]
                i += 1
            examples.append((command.strip(), output))
    return examples


def wide_vector_targets() -> str:
    """numpy's AVX-512 code paths this machine takes, as NPY_DISABLE_CPU_FEATURES names them: with
    them, float64 exp differs from the AVX2 path in the last bit at some inputs, and the README's
    float64 diff of gelu and its tanh form printed a mean ...707 on one machine and ...693 on
    another. Empty where the machine has none."""
    try:
        from numpy._core import _multiarray_umath as umath
    except ImportError:  # numpy 1
        from numpy.core import _multiarray_umath as umath
    found = [name for name, present in umath.__cpu_features__.items() if present]
    return " ".join(name for name in found if "512" in name or name == "X86_V4")


@pytest.mark.skipif(ACTPLOT is None, reason="the actplot console script is not installed on PATH")
@pytest.mark.parametrize("cpu", ["native", "without AVX-512"])
@pytest.mark.parametrize(("command", "output"), console_examples(), ids=lambda value: value[:60])
def test_a_readme_console_example_prints_what_the_readme_shows(command, output, cpu, tmp_path):
    path = os.pathsep.join([str(Path(ACTPLOT).parent), str(Path(sys.executable).parent), os.environ["PATH"]])
    env = {**os.environ, "PATH": path, "COLUMNS": "80", "LC_ALL": "C"}
    if cpu != "native":
        if not wide_vector_targets():
            pytest.skip("this machine has no AVX-512: the native run is the run without it")
        env["NPY_DISABLE_CPU_FEATURES"] = wide_vector_targets()
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == output
