"""The installed ``actplot`` as a real process: pipes, ``head``, signals, terminals and exit statuses."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import pytest

ACTPLOT = shutil.which("actplot")
JQ = shutil.which("jq")
TIMEOUT = 20  # seconds: a guard against a hang, not a timing
ENV = {**os.environ, "LC_ALL": "C"}  # seq writes '0.5', not '0,5'

pytestmark = pytest.mark.skipif(ACTPLOT is None, reason="the actplot console script is not installed on PATH")

SOFTMAX_ROW_123 = "0.09003057317038046\t0.24472847105479764\t0.6652409557748219\n"


def shell(command: str) -> subprocess.CompletedProcess:
    """Run a bash pipeline; without pipefail its status is the last command's, as in a user's shell."""
    return subprocess.run(
        ["bash", "-c", f"set +o pipefail; {command}"], capture_output=True, text=True, env=ENV, timeout=TIMEOUT
    )


@pytest.mark.parametrize(
    "command, first_line",
    [
        ("actplot sigmoid --range -5 5 | head -n 1", "-5\t0.006692850924284856\n"),
        ("actplot sigmoid --range 0 1000000 --step 1 | head -n 1", "0\t0.5\n"),
    ],
    ids=["short", "long-stream"],
)
def test_head_closing_the_pipe_is_silent(command, first_line):
    result = shell(command)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == first_line


def test_stdin_rows_through_a_pipe():
    result = shell(r"printf '1 2 3\n1000 1001 1002\n' | actplot softmax")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == SOFTMAX_ROW_123 * 2


def test_seq_into_sigmoid_gives_one_result_per_line():
    result = shell("seq -5 0.5 5 | actplot sigmoid")
    assert (result.returncode, result.stderr) == (0, "")
    values = [str(x / 2) for x in range(-10, 11)]
    by_arguments = subprocess.run([ACTPLOT, "sigmoid", *values], capture_output=True, text=True, timeout=TIMEOUT)
    assert result.stdout == by_arguments.stdout
    assert len(result.stdout.splitlines()) == 21


@pytest.mark.skipif(JQ is None, reason="jq is not installed (apt-get install -y jq)")
def test_json_output_is_read_by_jq():
    result = shell("actplot softmax 1 2 3 --format json | jq -c .y")
    assert (result.returncode, result.stderr) == (0, "")
    assert json.loads(result.stdout) == [0.09003057317038046, 0.24472847105479764, 0.6652409557748219]


def test_ctrl_c_exits_130_without_a_traceback():
    with tempfile.TemporaryFile() as out:
        # Ctrl-C as a terminal sends it: to a process that has not inherited SIGINT ignored, as a
        # shell's background job does (a suite started with '&' from a script failed here, its
        # actplot waiting for input with the signal ignored, as it should be)
        process = subprocess.Popen(
            [ACTPLOT, "relu", "-"],
            stdin=subprocess.PIPE,
            stdout=out,
            stderr=subprocess.PIPE,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        try:
            # a full block of input; once its results arrive the process is running, waiting for more
            process.stdin.write(b"1\n" * 65536)
            process.stdin.flush()
            deadline = time.monotonic() + TIMEOUT
            while os.fstat(out.fileno()).st_size == 0 and time.monotonic() < deadline:
                time.sleep(0.01)
            process.send_signal(signal.SIGINT)
            status = process.wait(timeout=TIMEOUT)
            stderr = process.stderr.read().decode()
        finally:
            process.kill()
            process.stdin.close()
            process.stderr.close()
    assert status == 130
    assert "Traceback" not in stderr


def test_python_dash_m_runs_the_cli():
    result = subprocess.run(
        [sys.executable, "-m", "actplot", "relu", "1"], capture_output=True, text=True, timeout=TIMEOUT
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "1\n", "")


def test_bad_token_exits_1_with_one_line_on_stderr():
    result = shell("echo '1 x 3' | actplot relu")
    assert result.returncode == 1
    assert result.stderr == "Error: not a number: 'x' at line 1, column 3\n"


def test_usage_error_exits_2():
    result = subprocess.run([ACTPLOT, "sigmoyd", "1"], capture_output=True, text=True, timeout=TIMEOUT)
    assert result.returncode == 2
    assert result.stderr.startswith("Usage: actplot [OPTIONS] COMMAND [ARGS]...\n")


def test_no_values_on_a_terminal_is_a_usage_error_not_a_hang():
    controller, terminal = pty.openpty()
    try:
        result = subprocess.run([ACTPLOT, "relu"], stdin=terminal, capture_output=True, text=True, timeout=TIMEOUT)
    finally:
        os.close(terminal)
        os.close(controller)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1].startswith("Error: no values: give them as arguments")


def test_results_appear_as_input_trickles_in():
    process = subprocess.Popen([ACTPLOT, "relu", "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        process.stdin.write(b"-1 2\n")
        process.stdin.flush()
        ready, _, _ = select.select([process.stdout], [], [], 2)
        assert ready and process.stdout.readline() == b"0\t2\n"
    finally:
        process.kill()
        process.wait()
        process.stdin.close()
        process.stdout.close()


@pytest.mark.parametrize("option, start", [("--with-x", b'"x":[1'), ("--no-x", b'"y":[1')], ids=["with-x", "no-x"])
def test_json_appears_as_input_trickles_in(option, start):
    # JSON was written only at the end of the input: with the pipe kept open, nothing came out.
    process = subprocess.Popen(
        [ACTPLOT, "relu", "--format", "json", option], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    try:
        process.stdin.write(b"1\n")
        process.stdin.flush()
        out, deadline = b"", time.monotonic() + 5
        while (
            not out.endswith(start) and select.select([process.stdout], [], [], max(deadline - time.monotonic(), 0))[0]
        ):
            out += os.read(process.stdout.fileno(), 1 << 16)
        assert out == b'{"function":"relu","params":{},"dtype":"float64",' + start
    finally:
        process.kill()
        process.wait()
        process.stdin.close()
        process.stdout.close()


@pytest.mark.parametrize("option", ["--with-x", "--no-x"])
def test_json_of_an_endless_input_ends_when_head_has_enough(option):
    # It spooled every line to /tmp before writing a byte: 'head -c 20' waited forever (timeout: the guard).
    result = shell(f"yes 1 | timeout 10 actplot relu --format json {option} | head -c 20")
    assert result.stdout == '{"function":"relu","'


def test_json_refuses_a_line_of_several_after_a_first_line_of_one():
    result = shell("printf '1\\n2\\n3 4\\n5\\n' | actplot relu --format json --no-x")
    assert result.returncode == 1
    assert result.stdout == '{"function":"relu","params":{},"dtype":"float64","y":[1,2\n'
    assert result.stderr == (
        "Error: line 3 gives 2 values but line 1 gave one: --format json writes flat lists when the first line"
        " gives one value, a list a line when it gives several\n"
    )


def test_stdout_closed_from_the_start_is_one_clear_error():
    result = subprocess.run(
        f"{shlex.quote(ACTPLOT)} relu 1 >&-", shell=True, capture_output=True, text=True, timeout=30
    )
    assert (result.returncode, result.stderr) == (1, "Error: cannot write the output: stdout is closed\n")


def test_a_plot_to_a_file_needs_no_stdout(tmp_path):
    path = tmp_path / "s.png"
    result = subprocess.run(
        f"{shlex.quote(ACTPLOT)} sigmoid 1 -o {shlex.quote(str(path))} >&-",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert path.read_bytes().startswith(b"\x89PNG")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_is_one_clear_error_without_a_traceback():
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [ACTPLOT, "relu", "--range", "0", "1000000", "--step", "1"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert (result.returncode, result.stderr) == (1, "Error: cannot write the output: No space left on device\n")


# Standard streams closed, unreadable or a directory (issue 9): one line, exit 1, never a traceback


def bash(command: str, **options) -> subprocess.CompletedProcess:
    """A bash command line, with actplot the installed one."""
    command = command.replace("actplot", shlex.quote(ACTPLOT))
    return subprocess.run(["bash", "-c", command], capture_output=True, text=True, env=ENV, timeout=60, **options)


@pytest.mark.parametrize(
    ("command", "status", "stdout", "stderr"),
    [
        ("actplot relu <&-", 1, "", "Error: cannot read stdin: it is closed (give values as arguments or --range)\n"),
        ("actplot relu - <&-", 1, "", "Error: cannot read stdin: it is closed (give values as arguments or --range)\n"),
        ("actplot relu 1 <&-", 0, "1\n", ""),
        ("actplot relu --range 0 1 --step 1 <&-", 0, "0\t0\n1\t1\n", ""),
        ("actplot relu 0>OUT", 1, "", "Error: cannot read stdin: Bad file descriptor\n"),
        ("actplot relu 1 >&-", 1, "", "Error: cannot write the output: stdout is closed\n"),
        ("actplot --help >&-", 1, "", "Error: cannot write the output: stdout is closed\n"),
        ("actplot list >&-", 1, "", "Error: cannot write the output: stdout is closed\n"),
        ("actplot info relu >&-", 1, "", "Error: cannot write the output: stdout is closed\n"),
        ("seq 3 | actplot relu >&-", 1, "", "Error: cannot write the output: stdout is closed\n"),
        ("actplot relu 1 1<OUT", 1, "", "Error: cannot write the output: Bad file descriptor\n"),
        ("actplot relu x 2>&-", 1, "", ""),
        ("actplot relu 1 2>&-", 0, "1\n", ""),
        ("actplot relu <&- >&- 2>&-", 1, "", ""),
    ],
)
def test_a_closed_or_unusable_standard_stream_is_one_line_and_status_1(tmp_path, command, status, stdout, stderr):
    out = tmp_path / "out.txt"
    out.write_text("")
    result = bash(command.replace("OUT", shlex.quote(str(out))))
    assert (result.returncode, result.stdout, result.stderr) == (status, stdout, stderr)


def test_stdin_a_directory_stops_python_itself_with_status_1():
    """Python refuses to start with a directory for stdin, before any of actplot runs: the message is
    Python's (4 lines, no traceback), which actplot cannot change."""
    result = bash("actplot relu < /")
    assert result.returncode == 1
    assert "<stdin> is a directory" in result.stderr and "Traceback" not in result.stderr


def test_a_file_opened_with_stdout_closed_does_not_take_its_place(tmp_path):
    path = tmp_path / "s.svg"
    result = bash(f"actplot sigmoid --range -5 5 -o {shlex.quote(str(path))} >&-")
    assert (result.returncode, result.stderr) == (0, "")
    assert path.read_text().rstrip().endswith("</svg>")


# A closed pipe: killed by SIGPIPE, as seq and awk are


@pytest.mark.parametrize(
    "command",
    [
        "actplot sigmoid --range 0 1000000 --step 1 | head -n 1",
        "seq 1000000 | actplot relu | head -n 1",
        "seq 1000000 | actplot relu --format csv | head -n 1",
        "seq 100000 | tr '\\n' ' ' | actplot relu | head -c 10",
    ],
    ids=["range", "stdin", "csv", "one-long-line"],
)
def test_a_pipe_closed_by_head_ends_actplot_as_sigpipe_ends_seq(command):
    result = bash(f'set -o pipefail; {command}; echo "status ${{PIPESTATUS[*]}}" >&2')
    statuses = result.stderr.split("status ")[-1].split()
    assert statuses[-2:] == ["141", "0"]  # actplot's, then head's: as 'seq 1000000 | head -n 1' gives
    assert result.stderr.startswith("status ")  # and nothing else on stderr


@pytest.mark.parametrize("unbuffered", ["1", ""], ids=["PYTHONUNBUFFERED", "buffered"])
@pytest.mark.parametrize(
    "command",
    [
        "actplot softmax --range 0 1 --num 100000 | head -n 1",  # one vector: its text is one write
        "actplot relu --range -5 5 --size 20 15 --dpi 200 -o - | head -c 1",  # PNG bytes
        "seq 100000 | actplot softmax | head -n 1",
    ],
    ids=["softmax-range", "png", "softmax-stdin"],
)
def test_a_pipe_closed_in_the_middle_of_one_write_is_sigpipe_too(command, unbuffered):
    # Under PYTHONUNBUFFERED stdout's binary layer was the raw file: a write cut short by the
    # reader's leaving returned a count that nobody read, and actplot exited 0
    env = {**ENV, "PYTHONUNBUFFERED": unbuffered}
    command = command.replace("actplot", shlex.quote(ACTPLOT)).replace("| head", "| (sleep 0.3; head")
    result = subprocess.run(
        ["bash", "-c", f'set -o pipefail; {command}) > /dev/null; echo "status ${{PIPESTATUS[*]}}" >&2'],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.stderr.split("status ")[-1].split()[-2:] == ["141", "0"]
    assert result.stderr.startswith("status ")


SLOW_READER = """
import fcntl, os, subprocess, sys, time
read, write = os.pipe()
fcntl.fcntl(write, fcntl.F_SETFL, fcntl.fcntl(write, fcntl.F_GETFL) | os.O_NONBLOCK)
process = subprocess.Popen(sys.argv[1:], stdout=write, stderr=subprocess.PIPE)
os.close(write)
time.sleep(0.5)
data = b""
while chunk := os.read(read, 65536):
    data += chunk
print(process.wait(), len(data), process.stderr.read().decode())
"""


@pytest.mark.parametrize("unbuffered", ["1", ""], ids=["PYTHONUNBUFFERED", "buffered"])
@pytest.mark.parametrize("args", [["softmax", "--range", "0", "1", "--num", "100000"], ["list"]])
def test_a_non_blocking_stdout_gets_every_byte_or_an_error(args, unbuffered):
    # a descriptor another program made non-blocking takes what fits: the rest must not vanish silently
    whole = subprocess.run([ACTPLOT, *args], capture_output=True, env=ENV, timeout=60, check=True).stdout
    env = {**ENV, "PYTHONUNBUFFERED": unbuffered}
    result = subprocess.run(
        [sys.executable, "-c", SLOW_READER, ACTPLOT, *args], capture_output=True, text=True, env=env, timeout=60
    )
    status, received, stderr = result.stdout.split(" ", 2)
    if status == "0":
        assert (int(received), stderr) == (len(whole), "\n")
    else:
        assert status == "1" and int(received) < len(whole)
        assert stderr == "Error: cannot write the output: write could not complete without blocking\n\n"


def test_the_python_example_of_check_help_runs_as_printed():
    # copied with the help's margin, its second line was an indented Python statement: IndentationError
    text = bash("actplot check --help").stdout
    block = (
        text.split("Examples:")[1].split("actplot check silu --dtype float32")[0] + "actplot check silu --dtype float32"
    )
    result = bash(block.strip())
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("silu: 1001 pairs against the exact value rounded to float32\n")


def test_seq_itself_reports_141_after_head_here_too():
    result = bash('set -o pipefail; seq 1000000 | head -n 1 > /dev/null; echo "${PIPESTATUS[0]}"')
    assert result.stdout == "141\n"


# Ending at once (os._exit) loses nothing


@pytest.mark.parametrize(
    "args", [["relu", "--range", "0", "200000", "--step", "1"], ["relu", "--format", "json"], ["sigmoid", "-"]]
)
def test_every_byte_is_written_before_the_process_ends(tmp_path, args):
    source = tmp_path / "in.txt"
    source.write_text("".join(f"{i}\n" for i in range(200001)))
    out = tmp_path / "out.txt"
    with open(source, "rb") as stdin, open(out, "wb") as stdout:
        result = subprocess.run([ACTPLOT, *args], stdin=stdin, stdout=stdout, stderr=subprocess.PIPE, timeout=60)
    assert (result.returncode, result.stderr) == (0, b"")
    text = out.read_text()
    if "json" in args:
        assert json.loads(text)["y"] == list(range(200001))
    else:
        assert text.count("\n") == 200001 and text.endswith("\n")


# plot reads no stdin: data waiting there is refused, not silently ignored


def test_plot_refuses_numbers_piped_to_it(tmp_path):
    path = tmp_path / "x.png"
    result = bash(f"seq -3 3 | actplot plot sigmoid -o {shlex.quote(str(path))}")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: plot reads no stdin, and data is waiting there; to draw the numbers on stdin: "
        f"actplot sigmoid -o {shlex.quote(str(path))} (or give the command </dev/null)"
    )
    assert not path.exists()


def test_plot_refuses_a_file_of_numbers_on_stdin(tmp_path):
    numbers = tmp_path / "numbers.txt"
    numbers.write_text("1\n2\n")
    result = bash(f"actplot plot relu -o {shlex.quote(str(tmp_path / 'x.png'))} < {shlex.quote(str(numbers))}")
    assert result.returncode == 2 and "plot reads no stdin" in result.stderr


@pytest.mark.parametrize("text", ["x,y\n1,2\n", "# a comment\n\n  -0.5e3\n", "relu 1\n"])
def test_plot_refuses_a_file_with_a_number_after_other_text(tmp_path, text):
    data = tmp_path / "data.txt"
    data.write_text(text)
    result = bash(f"actplot plot relu -o {shlex.quote(str(tmp_path / 'x.png'))} < {shlex.quote(str(data))}")
    assert result.returncode == 2 and "plot reads no stdin" in result.stderr


def test_plot_in_a_loop_over_a_file_of_names_draws_each(tmp_path):
    # the loop's file is plot's stdin: not data (no number in it), and left where the loop reads it
    names = tmp_path / "names.txt"
    names.write_text("relu\ngelu\nleaky_relu:alpha=0.2\n")
    loop = 'while read f; do actplot plot "$f" -o "$f.png"; done < names.txt'
    result = bash(f"cd {shlex.quote(str(tmp_path))} && {loop}")
    assert (result.returncode, result.stderr) == (0, "")
    for name in ("relu", "gelu", "leaky_relu:alpha=0.2"):
        assert (tmp_path / f"{name}.png").read_bytes().startswith(b"\x89PNG")


# diff, stats, limits and sheet read no stdin either: the same refusal, saying what evaluates the numbers
_NO_STDIN = {
    "diff relu gelu": "diff reads no stdin, and data is waiting there; it compares over --range; to evaluate the "
    "numbers on stdin: actplot relu",
    "stats leaky_relu --alpha 0.2": "stats reads no stdin, and data is waiting there; its input is Gaussian "
    "(--mean, --std); to evaluate the numbers on stdin: actplot leaky_relu --alpha 0.2",
    "limits gelu:approximate=tanh": "limits reads no stdin, and data is waiting there; to evaluate the numbers on "
    "stdin: actplot gelu --approximate tanh",
    # in the dtype asked (pasted, it evaluated in float64)
    "limits gelu@jax:dtype=half": "limits reads no stdin, and data is waiting there; to evaluate the numbers on "
    "stdin: actplot gelu --compat jax --dtype float16",
    "limits sigmoid --dtype bf16": "limits reads no stdin, and data is waiting there; to evaluate the numbers on "
    "stdin: actplot sigmoid --dtype bfloat16",
    # its first function, to its file ('actplot FUNCTION -o FILE' failed when pasted)
    "sheet leaky_relu:alpha=0.2 relu -o 'a b.svg'": "sheet reads no stdin, and data is waiting there; to draw the "
    "numbers on stdin: actplot leaky_relu --alpha 0.2 -o 'a b.svg'",
}


@pytest.mark.parametrize("command", list(_NO_STDIN))
def test_commands_that_read_no_stdin_refuse_numbers_piped_or_in_a_file(tmp_path, command):
    here = f"cd {shlex.quote(str(tmp_path))} && "  # where sheet would write its file
    piped = bash(f"{here}seq -3 3 | actplot {command}")
    assert (piped.returncode, piped.stdout) == (2, "")
    assert piped.stderr.splitlines()[-1] == f"Error: {_NO_STDIN[command]} (or give the command </dev/null)"
    numbers = tmp_path / "numbers.txt"
    numbers.write_text("x\n0.5\n")
    in_file = bash(f"{here}actplot {command} < numbers.txt")
    assert (in_file.returncode, in_file.stdout) == (2, "")
    assert not (tmp_path / "relu.svg").exists()
    assert in_file.stderr.splitlines()[-1] == piped.stderr.splitlines()[-1]


@pytest.mark.parametrize("command", list(_NO_STDIN))
def test_commands_that_read_no_stdin_run_in_a_loop_over_a_file_of_names(tmp_path, command):
    names = tmp_path / "names.txt"
    names.write_text("first\nsecond\n")
    here = f"cd {shlex.quote(str(tmp_path))} && "
    alone = bash(f"{here}actplot {command} </dev/null")
    assert (alone.returncode, alone.stderr) == (0, "")
    looped = bash(f"{here}while read f; do actplot {command}; done < names.txt")
    assert (looped.returncode, looped.stderr, looped.stdout) == (0, "", alone.stdout * 2)


@pytest.mark.parametrize(
    "command, instead",
    [
        # the function command's spelling of the settings in force: 'actplot relu@torch -o FILE'
        # (refused by that command) and 'actplot leaky_relu' (alpha 0.01, not 0.2) were said
        ("plot relu@jax -o x.png", "to draw the numbers on stdin: actplot relu --compat jax -o x.png"),
        ("plot relu@torch -o x.png", "to draw the numbers on stdin: actplot relu -o x.png"),
        ("plot relu:dtype=bfloat16 -o x.png", "to draw the numbers on stdin: actplot relu --dtype bfloat16 -o x.png"),
        ("plot gelu_new -o x.png", "to draw the numbers on stdin: actplot gelu_new -o x.png"),
        # a function command draws one: the others named were dropped without a word
        (
            "plot sigmoid tanh:dtype=half tanh --num 5 -o x.png",
            "to draw the numbers on stdin: actplot sigmoid -o x.png; and the same numbers to actplot tanh --dtype"
            " float16 -o x-tanh.png and to actplot tanh -o x-tanh-2.png",
        ),
        (
            "diff leaky_relu:alpha=-0.5 gelu --dtype float16",
            "it compares over --range; to evaluate the numbers on stdin: "
            "actplot leaky_relu --alpha -0.5 --dtype float16",
        ),
        # both sides' own dtype, in which diff runs
        (
            "diff sigmoid:dtype=half tanh:dtype=half",
            "it compares over --range; to evaluate the numbers on stdin: actplot sigmoid --dtype float16",
        ),
        ("limits leaky_relu:alpha=0.2", "to evaluate the numbers on stdin: actplot leaky_relu --alpha 0.2"),
        # options, not a spelling: these said 'actplot relu' and 'actplot leaky_relu'
        ("limits relu --compat jax", "to evaluate the numbers on stdin: actplot relu --compat jax"),
        (
            "stats leaky_relu --alpha 0.2 --std 2",
            "its input is Gaussian (--mean, --std); to evaluate the numbers on stdin: actplot leaky_relu --alpha 0.2",
        ),
        # torch's selu under onnx: the value was shown as its default reads, '1.6732632…', not a number
        (
            "limits selu:alpha=1.6732632423543772 --compat onnx",
            "to evaluate the numbers on stdin: actplot selu --compat onnx --alpha 1.6732632423543772",
        ),
        # a default that reads as a number is said so
        (
            "limits hard_sigmoid:slope=1/6 --compat keras2",
            "to evaluate the numbers on stdin: actplot hard_sigmoid --compat keras2 --slope 1/6",
        ),
    ],
)
def test_the_refusal_of_stdin_says_the_function_command_with_its_settings(tmp_path, command, instead):
    result = bash(f"cd {shlex.quote(str(tmp_path))} && seq 3 | actplot {command}")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines()[-1].endswith(f"; {instead} (or give the command </dev/null)")


def test_the_refusal_of_stdin_names_pictures_that_overwrite_nothing_and_keeps_its_line_on_one_line(tmp_path):
    here = f"cd {shlex.quote(str(tmp_path))} && "
    # a picture on stdout: the other function's picture was '-o -' too, a second PNG on the same stdout
    result = bash(f"{here}seq 3 | actplot plot sigmoid tanh -o -")
    assert result.stderr.splitlines()[-1].endswith(
        "to draw the numbers on stdin: actplot sigmoid -o -; and the same numbers to actplot tanh -o tanh.png"
        " (or give the command </dev/null)"
    )
    # a file there already is not named (p-tanh.png was, which the line overwrote)
    (tmp_path / "p-tanh.png").write_bytes(b"mine")
    result = bash(f"{here}seq 3 | actplot plot sigmoid tanh -o p.png")
    assert result.stderr.splitlines()[-1].endswith(
        "and the same numbers to actplot tanh -o p-tanh-2.png (or give the command </dev/null)"
    )
    # a title with a newline: the error was several lines; in bash's $'...' it is one, and runs as given
    result = bash(f"{here}seq 3 | actplot plot sigmoid tanh -o q.svg --title $'two\\nlines'")
    (error,) = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert error.endswith(
        "actplot sigmoid -o q.svg --title $'two\\nlines'; and the same numbers to actplot tanh -o q-tanh.svg"
        " --title $'two\\nlines' (or give the command </dev/null)"
    )
    line = error.split("to draw the numbers on stdin: ")[1].split(";")[0]
    assert bash(f"{here}seq 3 | {line}").returncode == 0
    texts = re.findall(r"<text [^>]*>([^<]*)</text>", (tmp_path / "q.svg").read_text())
    assert texts.index("lines") == texts.index("two") + 1  # the title drawn on two lines, as given
    assert (tmp_path / "p-tanh.png").read_bytes() == b"mine"


def test_a_wrong_family_is_said_before_the_data_waiting_on_stdin(tmp_path):
    result = bash(f"cd {shlex.quote(str(tmp_path))} && seq 3 | actplot sheet --family nosuch -o s.png")
    assert (result.returncode, result.stdout) == (2, "")
    assert "no family named 'nosuch'" in result.stderr.splitlines()[-1]


@pytest.mark.parametrize("command", ["plot", "sheet", "diff relu", "limits", "stats"])
def test_a_wrong_name_is_said_before_the_data_waiting_on_stdin(tmp_path, command):
    # plot and sheet refused the data first, diff, limits and stats said the name was wrong: the name
    # first everywhere, as the command could not run without data either
    result = bash(f"cd {shlex.quote(str(tmp_path))} && seq 3 | actplot {command} relux -o x.png")
    if command.startswith(("limits", "stats")):  # they draw nothing: -o is not theirs
        result = bash(f"cd {shlex.quote(str(tmp_path))} && seq 3 | actplot {command} relux")
    assert (result.returncode, result.stdout) == (2, "")
    assert "no activation named 'relux'" in result.stderr.splitlines()[-1]


@pytest.mark.parametrize("command", [*_NO_STDIN, "plot relu -o relu.svg"])
def test_commands_that_read_no_stdin_run_in_a_loop_over_a_pipe_of_names(tmp_path, command):
    # 'printf ... | while read f': the rest of the names wait in the pipe while the loop's command runs;
    # FIONREAD saw bytes there and the first command of the loop was refused (status 2), every other ran
    here = f"cd {shlex.quote(str(tmp_path))} && "
    alone = bash(f"{here}actplot {command} </dev/null")
    assert (alone.returncode, alone.stderr) == (0, "")
    looped = bash(f"{here}printf 'relu\\ngelu\\ntanh\\n' | while read f; do actplot {command} || echo FAILED; done")
    assert (looped.returncode, looped.stderr, looped.stdout) == (0, "", alone.stdout * 3)


@pytest.mark.parametrize("waiting, refused", [(b"relu\ngelu\n", False), (b"x\n1 2\n", True)])
def test_stats_looks_at_a_socket_on_stdin_without_taking_it(waiting, refused):
    import socket

    mine, theirs = socket.socketpair()
    with mine, theirs:
        mine.sendall(waiting)
        result = subprocess.run(
            [ACTPLOT, "stats", "relu"], stdin=theirs, capture_output=True, text=True, env=ENV, timeout=TIMEOUT
        )
        mine.shutdown(socket.SHUT_WR)
        assert theirs.recv(100) == waiting  # still there for whoever reads it next
    assert result.returncode == (2 if refused else 0)
    assert ("stats reads no stdin" in result.stderr) is refused


@pytest.mark.parametrize("stdin", ["</dev/null", "< EMPTY", "<&-", ""])
def test_plot_draws_with_no_data_waiting_on_stdin(tmp_path, stdin):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    path = tmp_path / "x.png"
    result = bash(f"actplot plot relu -o {shlex.quote(str(path))} {stdin.replace('EMPTY', str(empty))}")
    assert (result.returncode, result.stderr) == (0, "")
    assert path.read_bytes().startswith(b"\x89PNG")


# stderr that takes nothing (a full disk, 2>/dev/full): what it would have said is lost, never the rest


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize(
    "command, status, stdout",
    [
        # a note on stderr stopped the command: check printed no report, skip no numbers, status 1
        ("printf 'x,tanh\\n1 0.7615941559557649\\n' | actplot check tanh --format json | jq -c .max_ulp", 0, "0\n"),
        ("printf '1,x\\n' | actplot relu --on-invalid skip", 0, "1\n"),
        (
            "actplot stats selu | head -n 1",
            0,
            "selu (alpha=1.6732632423543772, scale=1.0507009873554805), X ~ N(0, 1^2)\n",
        ),
        ("printf '1 5\\n' | actplot check relu --max-ulp 0", 1, None),  # 1: the error exceeds --max-ulp
        # a usage error kept its status 2 only when stderr took its message (1 otherwise)
        ("actplot nosuch 1", 2, ""),
        ("actplot relu --num 0 --range 0 1", 2, ""),
        # stdout full too: the message went into a traceback on a full stderr, status 120
        ("actplot relu 1 >/dev/full", 1, ""),
        ("actplot diff relu gelu >/dev/full", 1, ""),
        ("echo 1 | actplot check relu >/dev/full", 1, ""),
        # a bad token still ends with status 1
        ("echo x | actplot relu", 1, ""),
    ],
)
def test_a_stderr_that_takes_nothing_loses_its_messages_and_nothing_else(command, status, stdout):
    result = bash(f"set -o pipefail; {{ {command}; }} 2>/dev/full")
    assert result.returncode == status
    if stdout is not None:
        assert result.stdout == stdout
