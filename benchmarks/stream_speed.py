"""How fast actplot works as a Unix filter, side by side with its baselines, in one run.

    python benchmarks/stream_speed.py [--runs N] [--quick] [--sizes SMALL LARGE] [--shapes-only]

Five parts (SPEC.md, Speed; issues 4 and 9):

1. Throughput: ``actplot sigmoid --no-x`` against ``mawk '{printf "%.17g\\n", 1/(1+exp(-$1))}'`` on
   10^7 numbers (goal <= 0.3x) and on 10^6 numbers, start-up included (goal < 1x);
   ``actplot sigmoid --no-x --precision 6`` against mawk's default output ``{print 1/(1+exp(-$1))}``
   on 10^7 numbers (goal < 1x); and a naive numpy script (``np.loadtxt`` -> sigmoid -> ``np.savetxt``
   with ``%.17g``) for scale. Once, untimed, the outputs are checked to hold the same numbers.
2. Input shapes and output formats: the same 10^7 numbers space-padded (``printf '%25s'``), with a
   trailing space, on one line (ending in a newline, or in a trailing comma as ``tr '\\n' ,`` writes
   it), as CSV rows with empty fields (``--on-invalid nan``), as ragged rows of 1, 2 and 3 numbers,
   and the clean input as ``--format json``, ``--format csv`` and ``--with-x``: each against the
   clean plain run (goal <= 1.3x) and its peak memory against the clean 10^6 run's (goal <= 1.5x).
   Each output is checked, untimed, to hold the clean run's results.
3. Start-up: ``actplot relu 1``, ``actplot list``, ``actplot --help`` and a shell completion (a TAB
   press runs actplot) against ``python -c "import numpy, click"`` on the same interpreter (goal
   <= 1x); and what the function registry's records cost to import, per record.
4. Peak memory (peak RSS of the actplot process itself): 10^7 numbers at most 1.5x the peak for 10^6,
   and ``actplot relu --range 0 3e7 --step 1 --no-x | tail -n 1`` at most 1.5x a range of 10^6.
5. Streaming latency: ``(echo 1; sleep 2; echo 2) | actplot relu``: the first result must appear
   before the second line is written.

Every timing is the wall time of a whole process, from ``time.perf_counter`` before it starts to after
it exits, with stdin and stdout connected to files (not to pipes read by Python). The commands that are
compared run interleaved (A, B, A, B, ...) after one warm-up round that is not counted; the tables give
median and minimum, the ratios are of the medians (of the minima in brackets). The input shapes are run
in pairs instead, each run beside a clean run, and their ratio is the median of the pairs' ratios: this
machine's speed drifts by 10-20% over minutes, as much as the margins measured. The peak RSS of each
process is measured by GNU time (``/usr/bin/time -f %M``), a small parent: a child of this Python
would inherit its high-water mark (see ``watched``). The input is N random doubles (normal, scale 5,
and 1% of magnitudes 1e-300 to 1e300), one per line as Python's ``repr`` writes them; the 10^6 file
is the first 10^6 lines of the 10^7 file.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from _bytecode import compile_actplot, find_actplot

ROOT = Path(__file__).resolve().parent.parent
MAWK = "/usr/bin/mawk"
TIME = "/usr/bin/time"  # GNU time, for the peak RSS of one process (-f %M)
RUSAGE_WRAPPER = (  # when there is no GNU time: run argv[2:], write its peak RSS (KiB) to argv[1]
    "import resource, subprocess, sys; status = subprocess.run(sys.argv[2:]).returncode; "
    "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)); sys.exit(status)"
)
MAWK_FULL = '{printf "%.17g\\n", 1/(1+exp(-$1))}'
MAWK_DEFAULT = "{print 1/(1+exp(-$1))}"
NUMPY_SCRIPT = """\
import sys
import numpy as np

x = np.loadtxt(sys.stdin)
with np.errstate(over="ignore"):
    y = 1 / (1 + np.exp(-x))
np.savetxt(sys.stdout, y, fmt="%.17g")
"""
NUMPY_LARGE_LIMIT = 60.0  # seconds: run the numpy baseline on the large input only if it should take less
FULL_TOLERANCE = 1e-15  # relative; about 4.5 ulp at worst, mawk's formula being good to about 2-3 ulp
PRECISION6_TOLERANCE = 1e-5  # relative; two 6-digit roundings of nearly equal numbers differ by <= 1 unit
TINY = 2.0**-1021  # below this mawk's 1/(1+exp(-x)) overflows exp or loses bits to subnormals
MAWK_GOAL = 0.3  # 10^7 numbers at full precision, against mawk (SPEC.md, Speed)
SHAPE_GOAL = 1.3  # every input shape and output format, against the clean plain run (issue 9)
MEMORY_GOAL = 1.5  # peak RSS, against the clean 10^6 run's
STARTUP_GOAL = 1.0  # start-up, against python -c "import numpy, click"


class CommandFailed(Exception):
    pass


@dataclass
class Command:
    name: str
    argv: list[str]
    stdin: Path | None = None
    stdout: Path | None = None  # None: /dev/null
    env: dict[str, str] | None = None
    warm_up_counts: bool = False  # a slow baseline in --quick: its warm-up run is also its first timed run
    seconds: list[float] = field(default_factory=list)
    rss_kib: list[int] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # user + system seconds of the timed runs
    # each timed run's ratio to the baseline's run beside it (wall, CPU): see measure_paired
    paired: list[tuple[float, float]] = field(default_factory=list)

    def median(self) -> float:
        return statistics.median(self.seconds)

    def cpu_median(self) -> float:
        return statistics.median(self.cpu)

    def best(self) -> float:
        return min(self.seconds)

    def peak_mib(self) -> float:
        return max(self.rss_kib) / 1024

    def paired_median(self, cpu: bool = False) -> float:
        return statistics.median(pair[cpu] for pair in self.paired)

    def paired_spread(self) -> tuple[float, float]:
        return min(pair[0] for pair in self.paired), max(pair[0] for pair in self.paired)


@dataclass
class Goal:
    what: str
    value: float | None  # None: could not be measured
    goal: str
    met: bool | None
    cpu: float | None = None  # the same ratio of CPU seconds, where there is one


GOALS: list[Goal] = []


def note_goal(
    what: str, value: float | None, limit: float, strict: bool, unit: str = "x", cpu: float | None = None
) -> None:
    if value is None:
        GOALS.append(Goal(what, None, f"{'<' if strict else '<='} {limit}{unit}", None))
        return
    met = value < limit if strict else value <= limit
    GOALS.append(Goal(what, value, f"{'<' if strict else '<='} {limit}{unit}", met, cpu))


def verdict(value: float, limit: float, strict: bool) -> str:
    met = value < limit if strict else value <= limit
    return f"goal {'<' if strict else '<='} {limit}x: {'met' if met else 'MISSED'}"


# ---------------------------------------------------------------------------------------------- running


def watched(argv: list[str], report: Path) -> list[str]:
    """``argv`` run so that its peak RSS in KiB is written to ``report``, measured by a small parent process.

    The kernel's ru_maxrss of a process counts the memory of the process it was forked from (Linux keeps the
    high-water mark across exec), so a child of this Python, which holds numpy, would never report less
    than this Python's size. GNU time is a small C program; without it, a bare Python is the parent.
    """
    if os.access(TIME, os.X_OK):
        return [TIME, "-f", "%M", "-o", str(report), *argv]
    return [sys.executable, "-S", "-c", RUSAGE_WRAPPER, str(report), *argv]


def read_rss(report: Path) -> int:
    return int(report.read_text().split()[-1])


def run(command: Command, memory: bool = True) -> tuple[float, int | None, float]:
    """Wall seconds, peak RSS (KiB, if ``memory``) and CPU seconds (user + system) of one run of a whole
    process; a failure raises CommandFailed.

    With ``memory`` the process is started under GNU time (about 1 ms more per run, alike for every command).
    The CPU seconds, from ``getrusage(RUSAGE_CHILDREN)`` around the run, are the steadier figure on a
    shared machine: other jobs lengthen the wall time, not (much) the CPU time.
    """
    with (
        open(command.stdin or os.devnull, "rb") as stdin,
        open(command.stdout or os.devnull, "wb") as stdout,
        tempfile.TemporaryFile() as stderr,
        tempfile.NamedTemporaryFile(suffix=".rss") as report,
    ):
        argv = watched(command.argv, Path(report.name)) if memory else command.argv
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        status = subprocess.run(argv, stdin=stdin, stdout=stdout, stderr=stderr, env=command.env).returncode
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        if status != 0:
            stderr.seek(0)
            message = stderr.read().decode(errors="replace").strip()
            raise CommandFailed(f"exit status {status}: {command.name}\n{message[-2000:]}")
        return elapsed, read_rss(Path(report.name)) if memory else None, cpu


def measure(commands: list[Command], runs: int, warm_up: bool = True, memory: bool = True) -> None:
    """Interleaved rounds (A, B, A, B, ...) after one uncounted warm-up round (which always records peak RSS)."""
    if warm_up:
        for command in commands:
            command.rss_kib.append(run(command)[1])
    for _ in range(runs):
        for command in commands:
            if len(command.seconds) >= runs:
                continue
            seconds, rss, cpu = run(command, memory)
            command.seconds.append(seconds)
            command.cpu.append(cpu)
            if rss is not None:
                command.rss_kib.append(rss)


def measure_paired(baseline: Command, commands: list[Command], runs: int) -> None:
    """Each command run ``runs`` times, each time right beside a run of ``baseline`` (first one, then
    the other, in turn), and the ratio of the two kept: a pair runs on the machine in one state, so
    the ratios vary less than the runs do where the machine's speed drifts (a shared host's other
    guests). The baseline's timings are those of all its runs."""
    for number in range(runs):
        for command in commands:
            pair = (baseline, command) if number % 2 == 0 else (command, baseline)
            for each in pair:
                seconds, rss, cpu = run(each)
                each.seconds.append(seconds)
                each.cpu.append(cpu)
                each.rss_kib.append(rss)
            command.paired.append((command.seconds[-1] / baseline.seconds[-1], command.cpu[-1] / baseline.cpu[-1]))


def table(commands: list[Command]) -> None:
    width = max(len(c.name) for c in commands) + 2
    print(f"  {'command':<{width}}{'median':>9}{'min':>9}{'cpu':>9}{'peak RSS':>11}")
    for c in commands:
        print(f"  {c.name:<{width}}{c.median():>8.3f}s{c.best():>8.3f}s{c.cpu_median():>8.3f}s{c.peak_mib():>8.1f} MiB")


def ratio_line(candidate: Command, baseline: Command, limit: float | None, strict: bool, label: str) -> None:
    ratio = candidate.median() / baseline.median()
    best = candidate.best() / baseline.best()
    cpu = candidate.cpu_median() / baseline.cpu_median()
    goal = f"; {verdict(ratio, limit, strict)}" if limit is not None else " (no goal: for scale)"
    print(
        f"  ratio {candidate.name} / {baseline.name}: {ratio:.2f}x ({best:.2f}x of the minima, {cpu:.2f}x of CPU){goal}"
    )
    if limit is not None:
        note_goal(label, ratio, limit, strict, cpu=cpu)


# ---------------------------------------------------------------------------------------------- input


def generate(path_large: Path, path_small: Path, large: int, small: int) -> float:
    """Write ``large`` random doubles, one per line (repr), and the first ``small`` of them to another file."""
    start = time.perf_counter()
    rng = np.random.default_rng(20240611)
    chunk = 1_000_000
    written = 0
    with open(path_large, "w") as big, open(path_small, "w") as little:
        while written < large:
            n = min(chunk, large - written)
            x = rng.normal(0.0, 5.0, n)
            odd = rng.random(n) < 0.01
            k = int(odd.sum())
            x[odd] = np.where(rng.random(k) < 0.5, -1.0, 1.0) * 10.0 ** rng.uniform(-300, 300, k)
            lines = list(map(repr, x.tolist()))
            text = "\n".join(lines) + "\n"
            big.write(text)
            if written < small:
                keep = min(n, small - written)
                little.write(text if keep == n else "\n".join(lines[:keep]) + "\n")
            written += n
    return time.perf_counter() - start


# ---------------------------------------------------------------------------------------------- checks


def count_lines(path: Path) -> int:
    count = 0
    with open(path, "rb") as f:
        while block := f.read(1 << 24):
            count += block.count(b"\n")
    return count


def compare(name: str, ours: Path, theirs: Path, tolerance: float, max_rows: int | None = None) -> bool:
    """Same number of lines, and the same numbers within a relative tolerance (outside mawk's underflow)."""
    n_ours, n_theirs = count_lines(ours), count_lines(theirs)
    if n_ours != n_theirs:
        print(f"  {name}: MISMATCH, {n_ours} lines against {n_theirs}")
        return False
    a = np.loadtxt(ours, max_rows=max_rows)
    b = np.loadtxt(theirs, max_rows=max_rows)
    scope = f"all {n_ours} lines" if max_rows is None or max_rows >= n_ours else f"the first {len(a)} of {n_ours}"
    exact = a == b
    tiny = ((np.abs(a) < TINY) | (np.abs(b) < TINY)) & ~exact
    rest = ~exact & ~tiny
    big = np.maximum(np.abs(a[rest]), np.abs(b[rest]))
    difference = np.abs(a[rest] - b[rest])
    relative = difference / big
    worst = float(relative.max()) if relative.size else 0.0
    worst_ulp = float((difference / np.spacing(big)).max()) if big.size else 0.0
    outside = int(np.count_nonzero(~(relative <= tolerance)))  # NaN counts as outside
    tiny_ok = bool(np.all((a[tiny] >= 0) & (a[tiny] < TINY) & (b[tiny] >= 0) & (b[tiny] < TINY)))
    ok = outside == 0 and tiny_ok
    print(f"  {name} ({scope}): {'ok' if ok else 'MISMATCH'}")
    print(
        f"    {int(exact.sum())} identical; {int(rest.sum())} differ, by at most {worst:.2g} relative "
        f"({worst_ulp:.3g} ulp), {outside} beyond the tolerance {tolerance:g}"
    )
    if tiny.any():
        print(
            f"    {int(tiny.sum())} differ below 2**-1021, where mawk's formula overflows exp or goes subnormal: "
            f"{'all in [0, 2**-1021) in both' if tiny_ok else 'NOT all tiny in both'}"
        )
    return ok


def same_text(ours: Path, theirs: Path, rows: int) -> str:
    with open(ours, "rb") as f, open(theirs, "rb") as g:
        a = [line for _, line in zip(range(rows), f, strict=False)]
        b = [line for _, line in zip(range(rows), g, strict=False)]
    differ = [(i, x, y) for i, (x, y) in enumerate(zip(a, b, strict=False), 1) if x != y]
    text = f"{len(a) - len(differ)} of the first {len(a)} lines are identical text"
    if differ:
        i, x, y = differ[0]
        text += f" (the first that is not, line {i}: {x.decode().strip()!r} and {y.decode().strip()!r})"
    return text


# ---------------------------------------------------------------------------------------------- parts


def throughput(actplot: str, work: Path, large: int, small: int, runs: int, quick: bool) -> dict[str, Command]:
    big_in, small_in = work / "in_large.txt", work / "in_small.txt"
    print(f"\n== 1. Throughput: sigmoid of {large:.0e} and {small:.0e} numbers, stdin file -> stdout file")
    seconds = generate(big_in, small_in, large, small)
    print(
        f"  input: {large} lines, {big_in.stat().st_size / 1e6:.0f} MB and {small} lines, "
        f"{small_in.stat().st_size / 1e6:.0f} MB (generated in {seconds:.1f}s)"
    )
    have_mawk = os.access(MAWK, os.X_OK)
    if not have_mawk:
        print(f"  {MAWK} not found: the comparisons with mawk are skipped. Install it: apt-get install mawk")
        note_goal(f"sigmoid {large:.0e}, full precision / mawk (no mawk)", None, MAWK_GOAL, False)
        note_goal(f"sigmoid {large:.0e}, --precision 6 / mawk print (no mawk)", None, 1.0, True)
        note_goal(f"sigmoid {small:.0e} with start-up / mawk (no mawk)", None, 1.0, True)
    mawk_env = {**os.environ, "LC_ALL": "C"}
    numpy_script = work / "naive_numpy.py"
    numpy_script.write_text(NUMPY_SCRIPT)

    # full precision, large input
    a_full = Command("actplot sigmoid --no-x", [actplot, "sigmoid", "--no-x"], big_in, work / "a_full.txt")
    m_full = Command("mawk printf %.17g", [MAWK, MAWK_FULL], big_in, work / "m_full.txt", mawk_env)
    # --precision 6, large input
    a_six = Command(
        "actplot sigmoid --no-x --precision 6",
        [actplot, "sigmoid", "--no-x", "--precision", "6"],
        big_in,
        work / "a_six.txt",
    )
    m_six = Command("mawk print (%.6g)", [MAWK, MAWK_DEFAULT], big_in, work / "m_six.txt", mawk_env)
    # small input, start-up included, with the naive numpy baseline
    a_small = Command("actplot sigmoid --no-x", [actplot, "sigmoid", "--no-x"], small_in, work / "a_small.txt")
    m_small = Command("mawk printf %.17g", [MAWK, MAWK_FULL], small_in, work / "m_small.txt", mawk_env)
    n_small = Command("numpy loadtxt/savetxt", [sys.executable, str(numpy_script)], small_in, work / "n_small.txt")
    n_small.warm_up_counts = quick and runs > 1

    groups = [
        (f"full precision, {large:.0e} numbers", [a_full, m_full] if have_mawk else [a_full]),
        (
            f"--precision 6 against mawk's default output (OFMT %.6g), {large:.0e} numbers",
            [a_six, m_six] if have_mawk else [a_six],
        ),
        (
            f"full precision, {small:.0e} numbers, start-up included",
            [a_small, m_small, n_small] if have_mawk else [a_small, n_small],
        ),
    ]
    for title, commands in groups:
        print(f"\n{title}")
        try:
            for command in commands:  # the warm-up round; its outputs are checked before any timed run
                seconds, rss, cpu = run(command)
                command.rss_kib.append(rss)
                if command.warm_up_counts:
                    command.seconds.append(seconds)
                    command.cpu.append(cpu)
            check(commands, work)
            measure(commands, runs, warm_up=False)
        except CommandFailed as failure:
            print(f"  FAILED: {failure}")
            continue
        table(commands)
        if commands[0] is a_full and have_mawk:
            ratio_line(a_full, m_full, MAWK_GOAL, False, f"sigmoid {large:.0e}, full precision / mawk")
        elif commands[0] is a_six and have_mawk:
            ratio_line(a_six, m_six, 1.0, True, f"sigmoid {large:.0e}, --precision 6 / mawk print")
        elif commands[0] is a_small:
            if have_mawk:
                ratio_line(a_small, m_small, 1.0, True, f"sigmoid {small:.0e} with start-up / mawk")
            ratio_line(a_small, n_small, None, False, "")
            if n_small.warm_up_counts:
                print("  (--quick: the numpy baseline's warm-up run is also one of its timed runs)")
    found = {"large": a_full, "small": a_small}

    # the naive numpy baseline on the large input: one run, and only if it should take under a minute
    if n_small.seconds and a_full.seconds:
        estimate = n_small.median() * large / small
        if quick or estimate > NUMPY_LARGE_LIMIT:
            why = "--quick" if quick else f"over {NUMPY_LARGE_LIMIT:.0f}s"
            print(
                f"\nnumpy loadtxt/savetxt on {large:.0e} numbers: not run ({why}); estimated {estimate:.0f}s "
                f"from {small:.0e} x {large // small}, so actplot / numpy ~ {a_full.median() / estimate:.2f}x"
            )
        else:
            n_large = Command(
                "numpy loadtxt/savetxt", [sys.executable, str(numpy_script)], big_in, work / "n_large.txt"
            )
            try:
                measure([n_large], 1, warm_up=False)
                print(
                    f"\nnumpy loadtxt/savetxt on {large:.0e} numbers: one run (no warm-up), "
                    f"{n_large.median():.1f}s, peak RSS {n_large.peak_mib():.0f} MiB"
                )
                ratio_line(a_full, n_large, None, False, "")
            except CommandFailed as failure:
                print(f"\nnumpy loadtxt/savetxt on {large:.0e} numbers: FAILED: {failure}")
    return found


# ---------------------------------------------------------------------------------------------- shapes


@dataclass
class Shape:
    name: str
    text: Callable[[list[str], bool], str]  # the shape of a chunk of numbers (repr), the last chunk or not
    args: list[str] = field(default_factory=list)  # beyond 'actplot sigmoid'
    input: str = ""  # another shape's input file, when only the options differ


def _empty_fields(numbers: list[str], last: bool) -> str:
    """Rows of four numbers; every fourth row has an empty field after its first number."""
    rows = [numbers[i : i + 4] for i in range(0, len(numbers), 4)]
    return "".join(
        (",".join([row[0], "", *row[1:]]) if i % 4 == 0 else ",".join(row)) + "\n" for i, row in enumerate(rows)
    )


def _ragged(numbers: list[str], last: bool) -> str:
    """Rows of 1, 2 and 3 numbers in turn."""
    rows, i = [], 0
    while i < len(numbers):
        width = len(rows) % 3 + 1
        rows.append(" ".join(numbers[i : i + width]))
        i += width
    return "\n".join(rows) + "\n"


SHAPES = [
    Shape("clean", lambda n, last: "\n".join(n) + "\n"),
    Shape("padded (%25s)", lambda n, last: "".join(f"{x:>25}\n" for x in n)),
    Shape("trailing space", lambda n, last: " \n".join(n) + " \n"),
    Shape("one line", lambda n, last: " ".join(n) + ("\n" if last else " ")),
    Shape("one line, trailing comma", lambda n, last: ",".join(n) + ","),
    Shape("empty fields, --on-invalid nan", _empty_fields, ["--on-invalid", "nan"]),
    Shape("ragged rows", _ragged),
    Shape("--format json", lambda n, last: "", ["--format", "json"], input="clean"),
    Shape("--format csv", lambda n, last: "", ["--format", "csv"], input="clean"),
    Shape("--with-x", lambda n, last: "", ["--with-x"], input="clean"),
]


def write_shapes(source: Path, work: Path, count: int, chosen: list[Shape]) -> dict[str, Path]:
    """The shapes' input files, made from the numbers of ``source`` (one per line), a chunk at a time."""
    paths = {shape.name: work / f"shape_{i}.txt" for i, shape in enumerate(chosen) if not shape.input}
    files = {name: open(path, "w") for name, path in paths.items()}
    chunk = 1_000_000
    with open(source) as numbers:
        for start in range(0, count, chunk):
            lines = [numbers.readline().rstrip("\n") for _ in range(min(chunk, count - start))]
            last = start + chunk >= count
            for shape in chosen:
                if not shape.input:
                    files[shape.name].write(shape.text(lines, last))
    for file in files.values():
        file.close()
    return {shape.name: paths[shape.input or shape.name] for shape in chosen}


def same_results(shape: Shape, ours: Path, clean: Path) -> str:
    """Whether a shape's output holds the clean run's results, in order ('' if it does)."""
    if shape.name == "--format json":
        text = ours.read_bytes()
        ys = text[text.index(b'"y":[') + 5 :].removesuffix(b"]}\n")
        return "" if ys.replace(b",", b"\n") + b"\n" == clean.read_bytes() else "the y list differs"
    if shape.name == "--format csv":
        command = f"tail -n +2 {ours} | cmp -s - {clean}"
    elif shape.name == "--with-x":
        command = f"cut -f 2 {ours} | cmp -s - {clean}"
    else:  # the results, one per line, nan (from empty fields) left out
        command = f"tr -s '\\t' '\\n' < {ours} | grep -v '^nan$' | cmp -s - {clean}"
    return "" if subprocess.run(["bash", "-c", command]).returncode == 0 else "the results differ"


def shapes(
    actplot: str, work: Path, source: Path, count: int, small: Command | None, runs: int, only: list[str] | None = None
) -> None:
    """Part 2: each shape (those named in ``only``, if given) timed in pairs beside the clean run."""
    chosen = [SHAPES[0], *(shape for shape in SHAPES[1:] if not only or shape.name in only)]
    print(f"\n== 2. Input shapes and output formats: actplot sigmoid on {count:.0e} numbers")
    start = time.perf_counter()
    inputs = write_shapes(source, work, count, chosen)
    print(f"  inputs written in {time.perf_counter() - start:.1f}s")
    commands = [
        Command(shape.name, [actplot, "sigmoid", *shape.args], inputs[shape.name], work / f"shape_{i}.out")
        for i, shape in enumerate(chosen)
    ]
    try:
        for shape, command in zip(chosen, commands, strict=True):
            command.rss_kib.append(run(command)[1])
            wrong = same_results(shape, command.stdout, commands[0].stdout)
            if wrong:
                print(f"  {shape.name}: MISMATCH, {wrong}")
                GOALS.append(Goal(f"{shape.name}: same results as clean", None, "same", False))
        measure_paired(commands[0], commands[1:], runs)
    except CommandFailed as failure:
        print(f"  FAILED: {failure}")
        return
    clean = commands[0]
    reference = small.peak_mib() if small is not None and small.rss_kib else None
    width = max(len(c.name) for c in commands) + 2
    print(
        f"  each shape run {runs} times, each time beside a clean run; 'x clean' is the median of the"
        f" {runs} ratios (their least and greatest after it), then the ratio of the medians"
    )
    print(
        f"  {'input / options':<{width}}{'median':>9}{'min':>9}{'x clean':>9}{'range':>13}{'of medians':>11}"
        f"{'cpu x clean':>12}{'peak RSS':>11}{'x 1e6 run' if reference else '':>11}"
    )
    for c in commands:
        if c is clean:
            ratio = cpu = 1.0
            spread, of_medians = "", 1.0
        else:
            ratio, cpu = c.paired_median(), c.paired_median(cpu=True)
            low, high = c.paired_spread()
            spread, of_medians = f"{low:.2f}-{high:.2f}", c.median() / clean.median()
        memory_ratio = c.peak_mib() / reference if reference else None
        print(
            f"  {c.name:<{width}}{c.median():>8.3f}s{c.best():>8.3f}s{ratio:>8.2f}x{spread:>13}{of_medians:>10.2f}x"
            f"{cpu:>11.2f}x{c.peak_mib():>7.1f} MiB" + (f"{memory_ratio:>10.2f}x" if memory_ratio else "")
        )
        if c is not clean:
            note_goal(f"shape {c.name} / clean", ratio, SHAPE_GOAL, False, cpu=cpu)
        if memory_ratio is not None:
            note_goal(
                f"peak RSS {c.name} / clean {small.stdin.name if small else ''}", memory_ratio, MEMORY_GOAL, False
            )
    print(f"  goals: time <= {SHAPE_GOAL}x the clean run, peak RSS <= {MEMORY_GOAL}x the clean 10^6 run's")
    with_x = next((c for c in commands if c.name == "--with-x"), None)
    if with_x is None:
        return
    column = x_column_cost(source, work, count)
    print(
        f"  --with-x's floor: the x column alone (orjson.dumps of the {count:.0e} inputs in blocks of {_BLOCK},"
        f" each written to a file as actplot writes, in this process, best of 3) takes {column:.3f}s,"
        f" {column / clean.median():.2f}x the clean"
        f" run: --with-x costs at least {1 + column / clean.median():.2f}x (measured:"
        f" {with_x.paired_median():.2f}x)"
    )


def instructions(actplot: str, work: Path, count: int) -> None:
    """Part 2 counted in CPU instructions instead of seconds: each shape's run under valgrind's
    cachegrind (``--cache-sim=no``: instructions executed, the same on every run of the same
    input), less a run on empty input (start-up), against the clean run's. It says where the work
    is, whatever the machine's drift; it is not time (a copy counts one instruction a byte, a
    cache miss nothing)."""
    valgrind = "/usr/bin/valgrind"
    print(f"\n== 2b. Input shapes in instructions (cachegrind), {count:.0e} numbers; start-up subtracted")
    if not os.access(valgrind, os.X_OK):
        print(f"  {valgrind} not found: apt-get install valgrind")
        return
    inputs = write_shapes(work / "in_small.txt", work, count)

    def counted(args: list[str], stdin: Path | None) -> int:
        report = work / "cachegrind.out"
        argv = [valgrind, "--tool=cachegrind", "--cache-sim=no", f"--cachegrind-out-file={report}", actplot]
        with open(stdin or os.devnull, "rb") as source:
            subprocess.run([*argv, *args], stdin=source, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        events = next(line for line in report.read_text().splitlines() if line.startswith("summary:"))
        report.unlink()
        return int(events.split()[1])

    start_up = counted(["sigmoid"], None)
    clean = counted(["sigmoid"], inputs["clean"]) - start_up
    print(f"  start-up {start_up / 1e6:.0f}M instructions; the clean run {clean / count:.0f} a number")
    for shape in SHAPES[1:]:
        work_done = counted(["sigmoid", *shape.args], inputs[shape.input or shape.name]) - start_up
        print(f"  {shape.name:<35}{work_done / count:>8.0f} a number{work_done / clean:>8.2f}x clean")


_BLOCK = 16_384  # about the numbers of one block actplot reads (256 KiB of text)


def x_column_cost(source: Path, work: Path, count: int, runs: int = 3) -> float:
    """Seconds that writing ``count`` inputs as text takes (what ``--with-x`` adds to the clean run
    at the least): formatted by orjson in blocks as actplot formats them, each block written to a
    file and flushed as actplot writes its output; the best of ``runs``."""
    import orjson

    with open(source, "rb") as numbers:
        x = np.array(orjson.loads(b"[" + numbers.read().rstrip(b"\n").replace(b"\n", b",") + b"]"))[:count]
    blocks = [x[i : i + _BLOCK] for i in range(0, x.size, _BLOCK)]
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        with open(work / "x_column.out", "wb") as out:
            for block in blocks:
                out.write(orjson.dumps(block, option=orjson.OPT_SERIALIZE_NUMPY))
                out.flush()
        best = min(best, time.perf_counter() - start)
    (work / "x_column.out").unlink()
    return best


# ----------------------------------------------------------------------------------------- edge shapes


# (name, arguments after 'actplot', how the input is written: (repeat, times) pieces, exit status wanted)
EDGES = [
    ("30 MB of spaces, then a number", ["relu"], [(b" ", 30_000_000), (b"1\n", 1)], 0),
    ("one 20 MB token (error)", ["relu"], [(b"7", 20_000_000), (b"\n", 1)], 1),
    ("one 20 MB token, --on-invalid nan", ["relu", "--on-invalid", "nan"], [(b"7", 20_000_000), (b"\n", 1)], 0),
    ("100 MB of NUL bytes (error)", ["relu"], [(b"\0", 100_000_000)], 1),
    ("check: 3M blank lines (LF), header", ["check", "relu"], [(b"\n", 3_000_000), (b"x,y\n1,1\n", 1)], 0),
    ("check: 3M blank lines (CR), header", ["check", "relu"], [(b"\r", 3_000_000), (b"x,y\r1,1\r", 1)], 0),
    ("check: 3M blank lines (CRLF), header", ["check", "relu"], [(b"\r\n", 3_000_000), (b"x,y\r\n1,1\r\n", 1)], 0),
    ("check: 30 MB line of spaces, header", ["check", "relu"], [(b" ", 30_000_000), (b"\nx,y\n1,1\n", 1)], 0),
]


def edges(actplots: list[str], work: Path, limit: float) -> None:
    """Inputs that once took quadratic time or held the whole input (issue 9): wall time and peak RSS
    of each actplot given (the first is this checkout's; another, such as main's, for before/after),
    each run once; a run longer than ``limit`` seconds is stopped and shown as such."""
    print(f"\n== Edge shapes: one run each, stopped after {limit:.0f}s")
    width = max(len(name) for name, *_ in EDGES) + 2
    print(f"  {'input':<{width}}" + "".join(f"{Path(a).parent.parent.name or a:>26}" for a in actplots))
    for i, (name, args, pieces, status) in enumerate(EDGES):
        path = work / f"edge_{i}.txt"
        with open(path, "wb") as file:
            for repeat, times in pieces:
                for start in range(0, times, 1 << 22):
                    file.write(repeat * min(1 << 22, times - start))
        cells = []
        for actplot in actplots:
            report = work / "edge.rss"
            with open(path, "rb") as stdin:
                start = time.perf_counter()
                try:
                    got = subprocess.run(
                        watched([actplot, *args], report), stdin=stdin, capture_output=True, timeout=limit
                    )
                except subprocess.TimeoutExpired:
                    cells.append(f"> {limit:.0f}s (stopped)")
                    continue
                elapsed = time.perf_counter() - start
            wrong = "" if got.returncode == status else f" EXIT {got.returncode}"
            cells.append(f"{elapsed:7.2f}s {read_rss(report) / 1024:6.0f} MiB{wrong}")
        print(f"  {name:<{width}}" + "".join(f"{cell:>26}" for cell in cells))
        path.unlink()


def check(commands: list[Command], work: Path) -> None:
    """Check (once, untimed, on the warm-up outputs) that the commands of a group computed the same numbers."""
    first, others = commands[0], commands[1:]
    ok = True
    if first.stdout == work / "a_six.txt":
        for other in others:
            rows = 1_000_000
            ok &= compare(f"same numbers as {other.name}", first.stdout, other.stdout, PRECISION6_TOLERANCE, rows)
            print(f"    {same_text(first.stdout, other.stdout, rows)}")
    else:
        for other in others:
            ok &= compare(f"same numbers as {other.name}", first.stdout, other.stdout, FULL_TOLERANCE)
    if not ok:
        GOALS.append(Goal(f"outputs agree ({first.name}, {first.stdin.name})", None, "same", False))


def startup(actplot: str, runs: int) -> dict[str, Command]:
    print(
        f"\n== 3. Start-up: {runs} interleaved runs of each, after one warm-up round, stdout to /dev/null"
        "\n   (timed runs without the memory wrapper; peak RSS from the warm-up round)"
    )
    # As a user's shell has it: Python keeps bytecode, and actplot its registry index beside it
    # (with PYTHONDONTWRITEBYTECODE set, neither is kept, and every run imports every family).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if len(env) < len(os.environ):
        print("   (PYTHONDONTWRITEBYTECODE is left out of these runs' environment, the baseline's too)")
    baseline = Command('python -c "import numpy, click"', [sys.executable, "-c", "import numpy, click"], env=env)
    # actplot's command line starts no BLAS thread pool; the same baseline without one is the stricter
    # comparison (on a busy machine the pool's threads slow the baseline down)
    one_thread = Command(
        "  the same, OPENBLAS_NUM_THREADS=1",
        [sys.executable, "-c", "import numpy, click"],
        env={**env, "OPENBLAS_NUM_THREADS": "1"},
    )
    tab = {**env, "_ACTPLOT_COMPLETE": "bash_complete", "COMP_WORDS": "actplot info sig", "COMP_CWORD": "2"}
    commands = [
        baseline,
        one_thread,
        Command("actplot relu 1", [actplot, "relu", "1"], env=env),
        Command("actplot list", [actplot, "list"], env=env),
        Command("actplot --help", [actplot, "--help"], env=env),
        Command("TAB: actplot info sig", [actplot], env=tab),
    ]
    try:
        measure(commands, runs, memory=False)  # peak RSS from the warm-up round only: no wrapper in timed runs
    except CommandFailed as failure:
        print(f"  FAILED: {failure}")
        return {}
    table(commands)
    for c in commands[2:]:
        ratio_line(c, baseline, STARTUP_GOAL, False, f"start-up {c.name} / import numpy, click")
    for c in commands[2:]:
        ratio = c.median() / one_thread.median()
        print(f"  ratio {c.name} / the baseline with one BLAS thread: {ratio:.2f}x (not a goal: the stricter view)")
    record_cost(baseline)
    return {c.name: c for c in commands}


def record_cost(baseline: Command, runs: int = 9) -> None:
    """What the registry costs at start-up, timed in the process (``-X importtime`` does not see
    modules imported through importlib, as the registry imports a family), median of ``runs``: the
    registry and the family a function command loads (``relu``'s), and every family (what ``info``,
    ``sheet`` or ``actplot.records()`` load); the index is read in both."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    setup = "import gc, time, numpy, click; gc.disable(); began = time.perf_counter(); from actplot import functions; "
    probes = {
        "a function command (relu's family)": setup + "functions.get('relu')",
        "every family": setup + "functions.records()",
    }
    for what, probe in probes.items():
        code = probe + "; print(time.perf_counter() - began, len(functions.names()))"
        seconds, counts = [], set()
        for _ in range(runs):
            done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
            took, count = done.stdout.split()
            seconds.append(float(took))
            counts.add(int(count))
        cost = statistics.median(seconds)
        print(
            f"  the registry for {what}: {cost * 1000:.1f} ms, {cost / baseline.median():.1%} of the "
            f"baseline's start-up ({counts.pop()} functions)"
        )


def pipeline_peak(actplot: str, stop: int) -> tuple[float, float, str]:
    """Seconds and peak RSS (MiB) of ``actplot relu --range 0 STOP --step 1 --no-x | tail -n 1``, and tail's line."""
    argv = [actplot, "relu", "--range", "0", f"{stop:g}", "--step", "1", "--no-x"]
    with (
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryFile() as out,
        tempfile.NamedTemporaryFile(suffix=".rss") as report,
    ):
        start = time.perf_counter()
        producer = subprocess.Popen(
            watched(argv, Path(report.name)), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=err
        )
        tail = subprocess.Popen(["tail", "-n", "1"], stdin=producer.stdout, stdout=out)
        producer.stdout.close()  # tail holds the only reading end
        producer.wait()
        tail.wait()
        elapsed = time.perf_counter() - start
        if producer.returncode != 0:
            err.seek(0)
            raise CommandFailed(f"exit status {producer.returncode}: {' '.join(argv[1:])}\n{err.read().decode()}")
        out.seek(0)
        return elapsed, read_rss(Path(report.name)) / 1024, out.read().decode().strip()


def memory(actplot: str, found: dict[str, Command], baseline: Command | None, large: int, small: int) -> None:
    print("\n== 4. Peak memory (peak RSS of the actplot process itself; the largest over all runs)")
    if baseline is not None and baseline.rss_kib:
        print(f'  for scale: python -c "import numpy, click" peaks at {baseline.peak_mib():.1f} MiB')
    a_large, a_small = found.get("large"), found.get("small")
    if a_large and a_small and a_large.rss_kib and a_small.rss_kib:
        ratio = a_large.peak_mib() / a_small.peak_mib()
        print(
            f"  actplot sigmoid --no-x: {small:.0e} numbers {a_small.peak_mib():.1f} MiB, {large:.0e} numbers "
            f"{a_large.peak_mib():.1f} MiB; ratio {ratio:.2f}x; {verdict(ratio, 1.5, False)}"
        )
        note_goal(f"peak RSS sigmoid {large:.0e} / {small:.0e}", ratio, 1.5, False)
    else:
        print("  actplot sigmoid --no-x: not measured (see above)")
        note_goal(f"peak RSS sigmoid {large:.0e} / {small:.0e}", None, 1.5, False)
    big_range = 3 * large
    try:
        small_s, small_mib, small_last = pipeline_peak(actplot, small)
        big_s, big_mib, big_last = pipeline_peak(actplot, big_range)
    except CommandFailed as failure:
        print(f"  --range: FAILED: {failure}")
        note_goal(f"peak RSS --range 0 {big_range:.0e} / 0 {small:.0e}", None, 1.5, False)
        return
    for stop, seconds, mib, last in ((small, small_s, small_mib, small_last), (big_range, big_s, big_mib, big_last)):
        expected = "ok" if last in (str(stop), f"{float(stop)!r}") else f"UNEXPECTED, wanted {stop}"
        print(
            f"  actplot relu --range 0 {stop:g} --step 1 --no-x | tail -n 1: {seconds:.2f}s, "
            f"peak RSS {mib:.1f} MiB, tail printed {last!r} ({expected})"
        )
    ratio = big_mib / small_mib
    print(f"  ratio range {big_range:.0e} / range {small:.0e}: {ratio:.2f}x; {verdict(ratio, 1.5, False)}")
    note_goal(f"peak RSS --range 0 {big_range:.0e} / 0 {small:.0e}", ratio, 1.5, False)


def latency(actplot: str, pause: float = 2.0) -> None:
    print(f"\n== 5. Streaming latency: (echo 1; sleep {pause:g}; echo 2) | actplot relu")
    lines: list[tuple[float, bytes]] = []
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            [actplot, "relu"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, bufsize=0
        )

        def reader() -> None:
            for line in process.stdout:
                lines.append((time.perf_counter() - start, line))

        thread = threading.Thread(target=reader, daemon=True)
        thread.start()
        process.stdin.write(b"1\n")
        time.sleep(pause)
        second_written = time.perf_counter() - start
        process.stdin.write(b"2\n")
        process.stdin.close()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        thread.join(timeout=5)
        if process.returncode != 0:
            err.seek(0)
            print(f"  FAILED: exit status {process.returncode}\n{err.read().decode(errors='replace')}")
            note_goal("first output line before the second input line (s)", None, pause, True, "s")
            return
    if not lines:
        print("  no output at all")
        note_goal("first output line before the second input line (s)", None, pause, True, "s")
        return
    first_at, first = lines[0]
    print(
        f"  first line {first.decode().strip()!r} at {first_at:.3f}s after start (start-up included); "
        f"second input line written at {second_written:.3f}s"
    )
    if len(lines) > 1:
        print(
            f"  second line {lines[1][1].decode().strip()!r} at {lines[1][0]:.3f}s "
            f"({lines[1][0] - second_written:.3f}s after it was written)"
        )
    met = first_at < second_written
    print(f"  goal: the first result before the second input line: {'met' if met else 'MISSED'}")
    GOALS.append(Goal("first output line appears (s after start)", first_at, f"< {second_written:.2f}s", met))


# ---------------------------------------------------------------------------------------------- main


def describe(actplot: str) -> None:
    def output(argv: list[str]) -> str:
        try:
            result = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT, timeout=30)
            return (result.stdout or result.stderr).strip().splitlines()[0]
        except (OSError, IndexError, subprocess.SubprocessError):
            return "?"

    cpu = "?"
    try:
        cpu = next(ln.split(":", 1)[1].strip() for ln in open("/proc/cpuinfo") if ln.startswith("model name"))
    except (OSError, StopIteration):
        pass
    commit = output(["git", "rev-parse", "--short", "HEAD"])
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--", "actplot"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    print(f"machine: {os.cpu_count()} cores, {cpu}, {platform.system()} {platform.release()}")
    print(f"python:  {sys.executable} ({platform.python_version()}), numpy {np.__version__}")
    print(
        f"actplot: {actplot} ({output([actplot, '--version'])}; commit {commit}"
        f"{', with uncommitted changes in actplot/' if dirty else ''})"
    )
    print(f"mawk:    {output([MAWK, '-W', 'version']) if os.access(MAWK, os.X_OK) else 'not installed'}")


def size(text: str) -> int:
    value = float(text)
    if value < 1 or value != int(value):
        raise argparse.ArgumentTypeError(f"not a positive whole number: {text}")
    return int(value)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, help="timed runs of each throughput command (default 5, --quick 2)")
    parser.add_argument("--startup-runs", type=int, help="timed runs of each start-up command (default 20, --quick 6)")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a smaller run (sizes 1e6 and 3e6, fewer runs, no numpy on the large input): about 40s",
    )
    parser.add_argument(
        "--sizes",
        nargs=2,
        type=size,
        metavar=("SMALL", "LARGE"),
        help="the two input sizes (default 1e6 1e7; --quick 1e6 3e6); the range test uses 3*LARGE",
    )
    parser.add_argument("--shape-runs", type=int, help="timed runs of each input shape (default 3, --quick 1)")
    parser.add_argument("--startup-only", action="store_true", help="part 3 alone: start-up (about 30 s)")
    parser.add_argument("--no-shapes", action="store_true", help="leave out part 2, the input shapes")
    parser.add_argument(
        "--shapes-only", action="store_true", help="part 2 alone: the input shapes (about 25 s a run on 1e7)"
    )
    parser.add_argument(
        "--shape",
        action="append",
        choices=[shape.name for shape in SHAPES[1:]],
        metavar="NAME",
        help="with --shapes-only: this shape alone beside the clean run (repeatable; e.g. --shape=--with-x)",
    )
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="part 2 alone, counted in instructions under valgrind on the SMALL size (about 5 minutes)",
    )
    parser.add_argument("--edges-only", action="store_true", help="the edge shapes alone (long runs and tokens)")
    parser.add_argument(
        "--against", metavar="ACTPLOT", help="the edge shapes also through this actplot (main's, say): before/after"
    )
    parser.add_argument("--edge-limit", type=float, default=60, help="seconds an edge run may take (default 60)")
    args = parser.parse_args()
    compile_actplot()
    runs = args.runs if args.runs is not None else (2 if args.quick else 5)
    startup_runs = args.startup_runs if args.startup_runs is not None else (6 if args.quick else 20)
    small, large = args.sizes or ((10**6, 3 * 10**6) if args.quick else (10**6, 10**7))
    if runs < 1 or startup_runs < 1:
        parser.error("--runs and --startup-runs must be at least 1")
    if small > large:
        parser.error("--sizes: SMALL must not exceed LARGE")
    if args.shape and not args.shapes_only:
        parser.error("--shape goes with --shapes-only")

    actplot = find_actplot()
    began = time.perf_counter()
    describe(actplot)
    print(
        f"{runs} timed runs per throughput command, {startup_runs} per start-up command, interleaved, "
        "after one warm-up round; wall time of whole processes; ratios are of medians (of minima)"
    )
    if args.startup_only:
        startup(actplot, startup_runs)
        summary(began)
        return 0
    if args.edges_only:
        with tempfile.TemporaryDirectory(prefix="actplot-edges-") as directory:
            edges([actplot, *([args.against] if args.against else [])], Path(directory), args.edge_limit)
        return 0
    if args.instructions:
        with tempfile.TemporaryDirectory(prefix="actplot-stream-") as directory:
            generate(Path(directory) / "in_large.txt", Path(directory) / "in_small.txt", small, small)
            instructions(actplot, Path(directory), small)
        return 0
    if args.shapes_only:
        with tempfile.TemporaryDirectory(prefix="actplot-stream-") as directory:
            source = Path(directory) / "in_large.txt"
            generate(source, Path(directory) / "in_small.txt", large, small)
            # the clean small run, for the memory goal: its warm-up run and one more
            reference = Command("clean small", [actplot, "sigmoid"], Path(directory) / "in_small.txt")
            measure([reference], 1)
            shape_runs = args.shape_runs if args.shape_runs is not None else (1 if args.quick else 3)
            shapes(actplot, Path(directory), source, large, reference, shape_runs, args.shape)
        summary(began)
        return 0
    with tempfile.TemporaryDirectory(prefix="actplot-stream-") as directory:
        found = throughput(actplot, Path(directory), large, small, runs, args.quick)
        if not args.no_shapes:
            shape_runs = args.shape_runs if args.shape_runs is not None else (1 if args.quick else 3)
            shapes(actplot, Path(directory), Path(directory) / "in_large.txt", large, found.get("small"), shape_runs)
        edges([actplot, *([args.against] if args.against else [])], Path(directory), args.edge_limit)
    started = startup(actplot, startup_runs)
    memory(actplot, found, started.get('python -c "import numpy, click"'), large, small)
    latency(actplot)
    summary(began)
    return 0


def summary(began: float) -> None:
    print(
        "\n== Summary (ratios of wall-time medians, for the shapes the median of paired runs' ratios; of CPU time"
        " in brackets)"
    )
    width = max(len(g.what) for g in GOALS) + 2
    for g in GOALS:
        value = "n/a" if g.value is None else f"{g.value:.2f}"
        cpu = f"({g.cpu:.2f})" if g.cpu is not None else ""
        state = "not measured" if g.met is None else ("met" if g.met else "MISSED")
        print(f"  {g.what:<{width}}{value:>8}{cpu:>8}  goal {g.goal:<9} {state}")
    print(f"(the whole benchmark took {time.perf_counter() - began:.0f}s)")


if __name__ == "__main__":
    sys.exit(main())
