"""Every example script runs, from a fresh shell, prints what it promises, and writes the images
that the README shows, byte for byte as they are committed in examples/images/."""

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SCRIPTS = sorted(p.name for p in [*EXAMPLES.glob("*.sh"), *EXAMPLES.glob("*.py")])
ACTPLOT = shutil.which("actplot")
MAGIC = {".png": b"\x89PNG\r\n\x1a\n", ".pdf": b"%PDF-", ".svg": b"<?xml"}
IMAGE = re.compile(r"\bimages/[\w.-]+\.(?:png|pdf|svg)\b")

pytestmark = pytest.mark.skipif(ACTPLOT is None, reason="the actplot console script is not installed")


def images_of(script: str) -> list[str]:
    """The images a script writes: every images/NAME.png|pdf|svg its text names."""
    return sorted(set(IMAGE.findall((EXAMPLES / script).read_text())))


@dataclass
class Runs:
    results: dict[str, subprocess.CompletedProcess]  # by script name
    images: Path  # where the scripts wrote their images


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> Runs:
    """Every script, run once, all at the same time (the cheat sheet alone takes seconds), in a copy
    of examples/ without its images, so the committed ones are neither rewritten nor mistaken for
    fresh output."""
    copy = tmp_path_factory.mktemp("run") / "examples"
    shutil.copytree(EXAMPLES, copy, ignore=lambda folder, _: ["images"] if Path(folder) == EXAMPLES else [])
    cwd = tmp_path_factory.mktemp("cwd")  # the scripts find their own directory from anywhere
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    # On a fresh machine matplotlib says on stderr that it builds its font cache: build it first.
    subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"], env=env, capture_output=True, check=True)
    started = {
        script: subprocess.Popen(
            ["bash" if script.endswith(".sh") else sys.executable, str(copy / script)],
            cwd=cwd,
            env=env,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for script in SCRIPTS
    }
    results = {}
    for script, process in started.items():
        stdout, stderr = process.communicate(timeout=120)
        results[script] = subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
    return Runs(results, copy / "images")


def test_the_article_scripts_are_among_the_examples():
    article = {"article_sigmoid.sh", "article_relu.sh", "article_softmax.sh", "pipeline.sh", "python_api.py"}
    assert article <= set(SCRIPTS)


@pytest.mark.parametrize("script", SCRIPTS)
def test_example_runs_cleanly(runs, script):
    result = runs.results[script]
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


@pytest.mark.parametrize("script", [s for s in SCRIPTS if images_of(s)])
def test_example_writes_its_images(runs, script):
    for image in images_of(script):
        written = runs.images / Path(image).name
        assert written.is_file(), f"{script} did not write {image}"
        assert written.read_bytes().startswith(MAGIC[written.suffix]), f"{image} is not a {written.suffix} file"


@pytest.mark.parametrize("script", [s for s in SCRIPTS if images_of(s)])
def test_committed_images_are_what_the_script_writes_now(runs, script):
    for image in images_of(script):
        committed = EXAMPLES / image
        assert committed.is_file(), f"{image} is not in examples/images/: run examples/{script} and commit it"
        assert committed.read_bytes() == (runs.images / committed.name).read_bytes(), (
            f"examples/{image} is stale: run examples/{script} and commit the image"
        )


def test_every_committed_image_comes_from_a_script():
    written = {Path(image).name for script in SCRIPTS for image in images_of(script)}
    committed = {p.name for p in (EXAMPLES / "images").iterdir()} if (EXAMPLES / "images").is_dir() else set()
    assert committed <= written, f"no script writes {sorted(committed - written)}"


def test_images_are_small_enough_to_commit():
    for image in (EXAMPLES / "images").glob("*"):
        assert image.stat().st_size < 1_000_000, f"{image.name} is {image.stat().st_size} bytes"


def test_softmax_example_prints_the_articles_values(runs):
    assert runs.results["article_softmax.sh"].stdout == "0.090030573\n0.24472847\n0.66524096\n"


def test_terminal_plot_example_fills_the_size_it_asks_for(runs):
    plot = runs.results["pipeline_plot.sh"].stdout.splitlines()
    assert len(plot) == 20
    assert {len(line) for line in plot} == {70}
    assert "mish" in plot[0]


def test_pipeline_example_runs_and_prints_the_articles_softmax(runs):
    result = runs.results["pipeline.sh"]
    assert "0.090030573\t0.24472847\t0.66524096" in result.stdout
    assert "x,tanh\n-2,-0.9640275800758169\n" in result.stdout


def test_python_api_example_runs(runs):
    result = runs.results["python_api.py"]
    assert "softmax of the article's [1, 2, 3]: [0.09003057 0.24472847 0.66524096]" in result.stdout
    assert "under JAX: {'approximate': 'tanh'}" in result.stdout


def test_low_precision_example_prints_the_issues_figures(runs):
    out = runs.results["low_precision.sh"].stdout
    assert out.startswith("8.3\t0.9995\n8.31\t0.9995\n8.32\t1\n0.334\n0.334\n0.334\n")
    # the row in each of the tables the terminal's width splits the dtypes among (one where it is wide)
    rows = [line for line in out.splitlines() if line.startswith("f(x) = 1, its limit as x -> +inf")]
    cells = " ".join(" ".join(row.split()[9:]) for row in rows)
    assert cells.endswith("x >= 17.32868 x >= 8.32 x >= 6.25")
