"""Shell completion through Click's protocol: what a TAB press offers, in-process and from the
installed command (every TAB press runs it)."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from click.shell_completion import ShellComplete

import actplot
from actplot.cli import cli

ACTPLOT = shutil.which("actplot")
TIMEOUT = 20  # seconds: a guard against a hang, not a timing


def completions(line: str) -> list[tuple[str, str]]:
    """(type, value) of each completion for the words of ``line`` after 'actplot', the last being
    the one completed (empty if the line ends in a space)."""
    words = line.split()
    if not line or line.endswith(" "):
        words.append("")
    complete = ShellComplete(cli, {}, "actplot", "_ACTPLOT_COMPLETE")
    return [(item.type, item.value) for item in complete.get_completions(words[:-1], words[-1])]


def values(line: str) -> list[str]:
    return [value for _, value in completions(line)]


@pytest.mark.parametrize("command", ["", "info ", "plot ", "plot sigmoid ", "limits "])
def test_function_names_complete(command):
    assert values(command + "sig") == ["sigmoid"]
    assert values(command + "relu") == ["relu", "relu6"]
    assert values(command + "SOFT") == ["softsign", "softshrink", "softplus", "soft_exponential", "softmax", "softmin"]


def test_an_empty_word_offers_every_function_and_command():
    offered = values("")
    assert offered[: len(actplot.names())] == actplot.names()
    assert {"info", "list", "plot", "sheet"} <= set(offered)


def test_a_command_name_completes_after_the_functions():
    assert values("lis") == ["lisht", "list"]
    assert values("in") == ["info"]
    assert values("s")[-2:] == ["sheet", "stats"]  # after the functions


def test_an_alias_completes_where_no_name_starts_so():
    assert values("logis") == ["logistic"]
    assert values("hea") == ["heaviside"]


def test_any_other_name_completes_spelt_on_from_what_was_typed():
    # a framework's names and those that fix parameters, which every command accepts
    assert values("gelu_n") == ["gelu_new"]
    assert values("LogSo") == ["LogSoftmax"]
    assert values("info hardsw") == ["info hardswish"[5:]]
    assert "gelu_pytorch_tanh" in values("plot gelu_p")
    # every other name, typed but its last letter, completes to itself unless a function's own name
    # or alias starts so (those come first); whatever is offered resolves
    first = [*actplot.names(), *(a.lower() for n in actplot.names() for a in actplot.get(n).aliases)]
    for name in actplot.functions.other_names():
        offered = values(name[:-1])
        assert offered and all(actplot.functions.canonical(value) for value in offered), name
        assert name in offered or any(n.startswith(name[:-1]) for n in first), name


def test_the_shared_function_argument_completes_for_any_command_that_uses_it():
    # limits, stats, diff and check take FUNCTION the same way; a command built like them completes alike
    import click

    from actplot.cli.options import function_argument

    command = click.Command("limits", params=[function_argument()])
    items = ShellComplete(command, {}, "limits", "_X").get_completions([], "gel")
    assert [item.value for item in items] == ["gelu", "gelu_10"]
    assert items[0].help == actplot.get("gelu").summary


def test_a_functions_parameters_complete_after_its_name_and_a_colon():
    assert values("plot leaky_relu:") == ["leaky_relu:alpha="]
    assert values("plot hard_tanh:m") == ["hard_tanh:min_val=", "hard_tanh:max_val="]
    assert values("plot hard_tanh:min_val=-2,max") == ["hard_tanh:min_val=-2,max_val="]
    assert values("plot nosuch:") == []


def test_a_framework_and_the_parameters_after_it_complete_as_plot_reads_them():
    # 'hard_sigmoid@keras2:' and 'gelu@' completed nothing (the completion read 'hard_sigmoid@keras2'
    # as the name), and 'gelu_new:' offered 'approximate=', which that name fixes (plot refuses it)
    assert values("plot gelu@k") == ["gelu@keras", "gelu@keras2"]
    assert values("diff gelu gelu@") == [f"gelu@{f}" for f in actplot.functions.FRAMEWORKS]
    assert values("plot hard_sigmoid@keras2:") == ["hard_sigmoid@keras2:slope="]
    assert values("limits gelu@jax:approximate=t") == ["gelu@jax:approximate=tanh"]
    assert values("plot gelu_new:") == values("plot nosuch@") == values("plot @j") == []


def test_a_parameter_already_given_is_not_offered_again():
    # 'leaky_relu:alpha=0.1,' offered 'leaky_relu:alpha=0.1,alpha=', which plot refuses (given twice)
    assert values("plot leaky_relu:alpha=0.1,") == []
    assert values("plot hard_tanh:max_val=2,") == ["hard_tanh:max_val=2,min_val="]
    assert values("diff elu celu:alpha=2,") == []


@pytest.mark.parametrize("command", ["sigmoid --range -5 5", "plot sigmoid", "sheet"])
def test_output_file_names_complete_as_files(command):
    assert completions(f"{command} -o ") == [("file", "")]
    assert completions(f"{command} -o pic") == [("file", "pic")]
    assert completions(f"{command} --output pic") == [("file", "pic")]


def test_options_complete():
    assert values("relu --form") == ["--format"]
    assert values("relu --format ") == ["plain", "tsv", "csv", "json"]
    assert "--compat" in values("gelu --c")


def test_an_unknown_name_is_no_error_and_offers_no_function():
    assert values("nosuch ") == []
    assert values("nosuch --") == []


@pytest.mark.skipif(ACTPLOT is None, reason="the actplot console script is not installed on PATH")
@pytest.mark.parametrize(
    ("words", "cword", "expected"),
    [
        ("actplot sig", 1, "plain,sigmoid\n"),
        ("actplot info sig", 2, "plain,sigmoid\n"),
        ("actplot plot sigmoid tanh", 3, "plain,tanh\nplain,tanhshrink\n"),
        ("actplot relu -o pi", 3, "file,pi\n"),
        ("actplot nosuch ", 2, "\n"),  # Click writes an empty line for no completion
    ],
)
def test_the_installed_command_answers_bash(words, cword, expected):
    env = {**os.environ, "_ACTPLOT_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": str(cword)}
    result = subprocess.run([ACTPLOT], env=env, capture_output=True, text=True, timeout=TIMEOUT)
    assert (result.returncode, result.stdout, result.stderr) == (0, expected, "")


@pytest.mark.skipif(ACTPLOT is None, reason="the actplot console script is not installed on PATH")
def test_the_installed_command_writes_the_bash_script():
    env = {**os.environ, "_ACTPLOT_COMPLETE": "bash_source"}
    result = subprocess.run([ACTPLOT], env=env, capture_output=True, text=True, timeout=TIMEOUT)
    assert result.returncode == 0 and "_actplot_completion" in result.stdout and "complete -o" in result.stdout


@pytest.mark.parametrize("command", ["stats ", "check ", "diff ", "diff gelu "])
def test_the_question_commands_complete_function_names(command):
    assert values(command + "sig") == ["sigmoid"]
    assert values(command + "relu") == ["relu", "relu6"]


def test_diff_completes_a_spec_s_parameters():
    assert values("diff gelu:app") == ["gelu:approximate="]
    assert values("diff gelu leaky_relu:") == ["leaky_relu:alpha="]


@pytest.mark.skipif(ACTPLOT is None, reason="the actplot console script is not installed on PATH")
@pytest.mark.parametrize(
    "words", [{}, {"COMP_WORDS": "actplot info sig"}, {"COMP_WORDS": "actplot info sig", "COMP_CWORD": "x"}]
)
@pytest.mark.parametrize("shell", ["bash_complete", "zsh_complete", "fish_complete"])
def test_the_completion_variable_without_the_shells_words_is_one_line_not_a_traceback(shell, words):
    # _ACTPLOT_COMPLETE left set by hand: Click raised KeyError('COMP_WORDS') or int('x')'s ValueError
    if shell == "fish_complete" and "COMP_CWORD" in words:
        pytest.skip("fish's COMP_CWORD is the word being completed, any text")
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMP_")}
    env.update({"_ACTPLOT_COMPLETE": shell, **words})
    result = subprocess.run([ACTPLOT, "relu", "1"], capture_output=True, text=True, env=env, timeout=TIMEOUT)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"Error: _ACTPLOT_COMPLETE={shell} asks for shell completion without the words the shell's completion "
        "script sets (COMP_WORDS, COMP_CWORD): unset _ACTPLOT_COMPLETE to run actplot\n"
    )


BASH = shutil.which("bash")


def bash_offers(*words: str) -> list[str]:
    """What bash puts in COMPREPLY (the text replacing its own word at the cursor) for ``words``,
    split as bash splits a line (at ':' and '=' too: its COMP_WORDBREAKS), through the script
    actplot writes and the installed command, as a TAB press runs them."""
    script = subprocess.run(
        [ACTPLOT], env={**os.environ, "_ACTPLOT_COMPLETE": "bash_source"}, capture_output=True, text=True
    ).stdout
    driver = (
        script + "\ncompopt() { :; }\n"  # (outside a TAB press bash refuses compopt)
        'COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=()\n'
        "_actplot_completion actplot\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    result = subprocess.run(
        [BASH, "--norc", "-c", driver, "bash", "actplot", *words], capture_output=True, text=True, timeout=TIMEOUT
    )
    assert result.stderr == ""
    return result.stdout.splitlines()


@pytest.mark.skipif(ACTPLOT is None or BASH is None, reason="needs bash and the installed actplot")
@pytest.mark.parametrize(
    ("words", "offered"),
    [
        # bash splits 'plot leaky_relu:al' into 'leaky_relu', ':', 'al': it offered nothing, and the whole
        # 'leaky_relu:alpha=' would have replaced 'al' (giving leaky_relu:leaky_relu:alpha=)
        (["plot", "leaky_relu", ":", "al"], ["alpha="]),
        (["plot", "leaky_relu", ":"], [":alpha="]),
        (["plot", "hard_tanh", ":", "min_val", "=", "-2,"], ["-2,max_val="]),
        (["diff", "gelu", ":", "approximate", "="], ["=none", "=tanh"]),
        (["plot", "gelu", ":", "approximate", "=", "t"], ["tanh"]),
        (["plot", "leaky_relu", ":", "alpha", "=", "0.1", "rel"], ["relu", "relu6"]),
        (["sigmoid", "--format", "=", "c"], ["csv"]),
        (["sigmoid", "--format", "="], ["=plain", "=tsv", "=csv", "=json"]),
        (["info", "sig"], ["sigmoid"]),
    ],
    ids=" ".join,
)
def test_bash_completes_past_the_colon_and_equals_sign_it_splits_words_at(words, offered):
    assert bash_offers(*words) == offered


def test_a_parameters_choices_complete_after_its_equals_sign():
    assert values("plot gelu:approximate=") == ["gelu:approximate=none", "gelu:approximate=tanh"]
    assert values("diff gelu gelu:approximate=t") == ["gelu:approximate=tanh"]
    assert values("plot leaky_relu:alpha=") == []  # a number: nothing to offer
