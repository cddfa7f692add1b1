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


@pytest.mark.skipif(ACTPLOT is None, reason="the actplot console script is not installed on PATH")
@pytest.mark.parametrize(("command", "output"), console_examples(), ids=lambda value: value[:60])
def test_a_readme_console_example_prints_what_the_readme_shows(command, output, tmp_path):
    path = os.pathsep.join([str(Path(ACTPLOT).parent), str(Path(sys.executable).parent), os.environ["PATH"]])
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PATH": path, "COLUMNS": "80", "LC_ALL": "C"},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == output
