"""What a newcomer tries first with the functions of issue 10: every name in any spelling, info
of each, gated units and sparse maps fed awkward input, parameters at their extremes, every
--compat, and no traceback or warning anywhere."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from reference import ULP_TOLERANCE, Case, strict_floating_point, ulp_error

import actplot
from actplot import functions
from actplot.cli import cli
from actplot.functions import FRAMEWORKS, NAME_COLUMNS

NAMES = actplot.names()
GATED = [name for name in NAMES if actplot.get(name).gated]
SPARSE = ["sparsemax", "entmax15"]


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=input, prog_name="actplot", catch_exceptions=False)


def every_other_name() -> list[tuple[str, str]]:
    """(name, its function) for every alias, framework name and name that fixes parameters."""
    pairs = []
    for name in NAMES:
        record = actplot.get(name)
        spelled = [*record.aliases, *record.presets]
        spelled += [n for column in NAME_COLUMNS for n in record.names_in(column)]
        pairs += [(n, name) for n in dict.fromkeys(spelled)]
    return pairs


def spellings(name: str) -> list[str]:
    return [name, name.upper(), name.lower(), name.swapcase(), name.replace("_", "-"), name.title().replace("_", "-")]


@pytest.mark.parametrize(("name", "function"), every_other_name(), ids=lambda v: v)
def test_every_name_resolves_in_any_case_with_dash_or_underscore(name, function):
    for spelling in spellings(name):
        assert functions.canonical(spelling) == function, spelling
        assert actplot.get(spelling).name == function


@pytest.mark.parametrize("name", ["HardSwish", "thresholded-relu", "LOG_SOFTMAX", "Gelu-PyTorch-Tanh", "SwiGLU"])
def test_a_framework_spelling_is_a_command(name):
    values = ["1", "2"] if functions.get(name).gated else ["-1.5", "2"]
    result = run(name, *values)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == run(functions.canonical(name), *values, *_fixed(name)).stdout


def _fixed(name: str) -> list[str]:
    record = functions.get(name)
    return [arg for key, value in record.fixed.items() for arg in (f"--{key}", str(value))]


@pytest.mark.parametrize("name", NAMES)
def test_info_of_every_function_says_everything_in_80_columns(name):
    result = run("info", name)
    assert (result.exit_code, result.stderr) == (0, "")
    assert max(map(len, result.stdout.splitlines())) <= 80
    facts = json.loads(run("info", name, "--format", "json").stdout)
    assert facts["source"] and facts["family"] and set(facts["names"]) == set(NAME_COLUMNS)
    for value in facts["parameters"].values():
        assert set(FRAMEWORKS) <= set(value)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("framework", ["tf", "onnx"])
def test_compat_tf_and_onnx_work_with_every_function(name, framework):
    record = actplot.get(name)
    values = ["1", "-2"] if record.gated else ["1", "2", "3"] if record.vector else ["-1", "0", "2.5"]
    for derivative in ([], ["-d"]):
        result = run(name, "--compat", framework, *derivative, *values)
        assert (result.exit_code, result.stderr) == (0, ""), (name, framework, derivative)


# --- gated units, fed awkwardly ---------------------------------------------------------------


@pytest.mark.parametrize("name", GATED)
def test_a_gated_unit_of_nothing_prints_nothing(name):
    result = run(name, input=b"")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert actplot.get(name).function(np.zeros((0, 4))).shape == (0, 2)


@pytest.mark.parametrize("name", GATED)
def test_a_gated_unit_keeps_each_nan_in_its_own_pair(name):
    y = actplot.get(name).function([np.nan, 2.0, 1.0, 3.0])  # a = [nan, 2], b = [1, 3]
    assert math.isnan(y[0]) and not math.isnan(y[1])
    # b_1 is nan: dy_1/da_1 = h(b_1) is nan, and dy_1/db_1 = a_1 h'(b_1) too (bilinear's is a_1 = 1)
    dy = actplot.get(name).derivative([1.0, 2.0, np.nan, 3.0])
    assert math.isnan(dy[0]) and math.isnan(dy[2]) == (name != "bilinear")
    assert not math.isnan(dy[1]) and not math.isnan(dy[3])


@pytest.mark.parametrize("name", GATED)
def test_stdin_lines_of_different_even_lengths_are_vectors_of_their_own(name):
    result = run(name, "--rows", input=b"1 2\n1 2 3 4\n0.5 -1\n")
    assert result.exit_code == 0, result.stderr
    assert [len(line.split()) for line in result.stdout.splitlines()] == [1, 2, 1]
    assert result.stdout.splitlines()[1] == run(name, "1", "2", "3", "4").stdout.replace("\n", "\t").rstrip("\t")


@pytest.mark.parametrize("name", GATED)
def test_an_odd_line_among_even_ones_is_an_error_naming_it(name):
    result = run(name, input=b"1 2\n3 4\n5 6 7\n")
    assert result.exit_code == 1
    assert result.stderr == "Error: line 3 holds 3 numbers: a gated unit takes an even count, two halves a and b\n"


# --- the sparse maps at their edges -----------------------------------------------------------


@pytest.mark.parametrize("name", SPARSE)
@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ([1.0, 1.0, 1.0], [1 / 3, 1 / 3, 1 / 3]),  # ties share equally
        ([2.0, 2.0, -5.0], [0.5, 0.5, 0.0]),
        ([7.0], [1.0]),  # a row of one
        ([math.inf, 0.0, -1.0], [1.0, 0.0, 0.0]),  # a single +inf takes everything
        ([-math.inf, 0.0], [0.0, 1.0]),
        ([1e308, -1e308], [1.0, 0.0]),
        ([1.7976931348623157e308, 1.7976931348623157e308], [0.5, 0.5]),
        ([-1e308, -1e308, -1e308, -1e308], [0.25] * 4),
    ],
)
def test_sparse_maps_at_ties_infinities_and_huge_scores(name, row, expected):
    with strict_floating_point():
        y = actplot.get(name).function(np.array(row))
        dy = actplot.get(name).derivative(np.array(row))
    np.testing.assert_allclose(y, expected, rtol=4e-16, atol=0)
    assert np.all(np.isfinite(dy)) and np.all(dy[np.array(expected) == 0] == 0)


@pytest.mark.parametrize("name", SPARSE)
@pytest.mark.parametrize("row", [[math.nan, 1.0], [math.inf, math.inf, 0.0], [-math.inf, -math.inf]])
def test_sparse_maps_of_a_row_without_a_limit_are_nan(name, row):
    record = actplot.get(name)
    assert np.isnan(record.function(np.array(row))).all() and np.isnan(record.derivative(np.array(row))).all()


@pytest.mark.parametrize("name", SPARSE)
@settings(deadline=None, max_examples=60)
@given(row=st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=1, max_size=9))
def test_sparse_maps_sum_to_one_within_4_ulp_of_the_reference(name, row):
    with strict_floating_point():
        y = actplot.get(name).function(np.array(row))
    assert abs(math.fsum(y) - 1) <= 4 * len(row) * 2.0**-53
    exact = Case(name).exact(row)
    assert max(ulp_error(c, e) for c, e in zip(y.tolist(), exact, strict=True)) <= ULP_TOLERANCE


# --- parameters at their extremes -------------------------------------------------------------


def _extreme(domain_reason: str):
    """Parameter values from a domain, its edges most of all: 0, the subnormals, 1e±300, ±max."""
    edges = [5e-324, 1e-300, 1e-8, 0.5, 1.0, 3.0, 1e8, 1e300, 1.7976931348623157e308]
    magnitudes = st.one_of(st.sampled_from(edges), st.floats(5e-324, 1.7976931348623157e308))
    if "positive" in domain_reason:
        return magnitudes
    if "non-negative" in domain_reason:
        return st.one_of(st.just(0.0), magnitudes)
    if "not be positive" in domain_reason:
        return st.one_of(st.just(0.0), magnitudes.map(lambda v: -v))
    signed = st.tuples(magnitudes, st.sampled_from([-1.0, 1.0])).map(lambda p: p[0] * p[1])
    return signed if "non-zero" in domain_reason else st.one_of(st.just(0.0), signed)


PARAMETRIC = [
    name
    for name in NAMES
    if any(not p.choices for p in actplot.get(name).parameters) and name not in ("softmax", "log_softmax", "softmin")
]
X = [-1e300, -700.0, -30.0, -2.5, -1.0, -0.3, -1e-300, 0.0, 1e-300, 0.3, 1.0, 2.5, 30.0, 700.0, 1e300]


@pytest.mark.parametrize("name", PARAMETRIC)
@settings(deadline=None, max_examples=12)
@given(data=st.data())
def test_parameters_at_their_extremes_stay_within_4_ulp(name, data):
    record = actplot.get(name)
    params = {}
    for p in record.parameters:
        if p.choices:
            params[p.name] = data.draw(st.sampled_from(p.choices), label=p.name)
        else:
            params[p.name] = data.draw(_extreme(p.domain.reason), label=p.name)
    try:
        record.check(params)
    except actplot.ParameterError:  # min_val < max_val, lower <= upper: drawn apart, not both ok
        return
    case = Case(name, tuple(params.items()))
    with strict_floating_point():
        if record.vector:
            rows = [[1.0, -2.0], [0.5, 3.0, -1e300, 1e-300]] if record.gated else [[1.0, 2.0, 3.0], [-1e300, 0.0]]
            pairs = [
                (c, e)
                for row in rows
                for derivative in (False, True)
                for c, e in zip(
                    (record.derivative if derivative else record.function)(np.array(row), **params).tolist(),
                    case.exact(row, derivative),
                    strict=True,
                )
            ]
        else:
            x = np.array(X)
            pairs = [
                (c, case.exact(v, derivative))
                for derivative in (False, True)
                for v, c in zip(
                    X, (record.derivative if derivative else record.function)(x, **params).tolist(), strict=True
                )
            ]
    worst = max(ulp_error(c, e) for c, e in pairs)
    assert worst <= ULP_TOLERANCE, (params, worst)
