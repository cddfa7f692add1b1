"""Every function and derivative is within 4 ulp of an mpmath reference over the whole double range.

The grid (``reference.scalar_grid`` and ``reference.vector_grid``) spans ±5e-324 … ±1.8e308 and
holds the places where naive formulas overflow, cancel or underflow; ``benchmarks/ulp_report.py``
prints the same measurements as a table.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from mpmath import mpf
from reference import (
    CASES,
    SCALAR_CASES,
    SELU_ALPHA,
    SELU_SCALE,
    ULP_TOLERANCE,
    VECTOR_CASES,
    Case,
    measure,
    scalar_grid,
    strict_floating_point,
    ulp_error,
    vector_grid,
)

import actplot

INF = math.inf
MAX = 1.7976931348623157e308
SPECIAL = [math.nan, INF, -INF, 0.0, -0.0, 5e-324, 1e308, -1e308, MAX, -MAX]


def _library(case: Case, derivative: bool):
    record = actplot.get(case.name)
    function = record.derivative if derivative else record.function
    return lambda x: function(x, **case.kwargs)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_value_is_within_4_ulp_everywhere(case):
    worst = measure(case, _library(case, derivative=False), derivative=False)
    assert worst.error <= ULP_TOLERANCE, f"{case}: {worst}"


@pytest.mark.parametrize("case", CASES, ids=str)
def test_derivative_is_within_4_ulp_everywhere(case):
    # silu', mish' and both gelu' have a root, where their two terms cancel: double arithmetic
    # then reaches an absolute error of a few 2**-53 times the larger term, not a few ulp of
    # the tiny result. Within reference.ROOT_WINDOW of the root either bound passes (4 ulp, or
    # 4 * 2**-53 * larger term); everywhere else, and for every other derivative, 4 ulp.
    worst = measure(case, _library(case, derivative=True), derivative=True)
    assert worst.error <= ULP_TOLERANCE, f"{case}': {worst}"


@pytest.mark.parametrize("case", VECTOR_CASES, ids=str)
def test_vector_function_ignores_a_common_shift_bit_for_bit(case):
    # softmax([1000, 1001, 1002]) is softmax([0, 1, 2]) exactly: both are softmax([-2, -1, 0]).
    function = _library(case, derivative=False)
    shifted = function(np.array([1000.0, 1001.0, 1002.0]))
    assert shifted.tobytes() == function(np.array([0.0, 1.0, 2.0])).tobytes(), shifted


# --- infinities: the limit where one exists --------------------------------------------------
# (f(-inf), f(inf), f'(-inf), f'(inf)) as exact numbers, for the case's parameters; the result
# must round to them.
_SELU_FLOOR = -mpf(SELU_SCALE) * mpf(SELU_ALPHA)


def _sign_inf(v) -> float:
    return 0.0 if v == 0 else math.copysign(INF, v)


LIMITS = {
    "identity": lambda: (-INF, INF, 1, 1),
    "step": lambda: (0, 1, 0, 0),
    "sigmoid": lambda: (0, 1, 0, 0),
    "relu": lambda: (0, INF, 0, 1),
    "tanh": lambda: (-1, 1, 0, 0),
    "leaky_relu": lambda alpha=0.01: (_sign_inf(-alpha), INF, alpha, 1),
    "elu": lambda alpha=1.0: (-alpha, INF, 0, 1),
    "selu": lambda: (_SELU_FLOOR, INF, 0, mpf(SELU_SCALE)),
    # alpha < 0: alpha (e^(x/alpha) - 1) grows without bound as x -> -inf
    "celu": lambda alpha=1.0: (-alpha if alpha > 0 else -INF, INF, 0 if alpha > 0 else INF, 1),
    "gelu": lambda approximate="none": (0, INF, 0, 1),
    "silu": lambda: (0, INF, 0, 1),
    "mish": lambda: (0, INF, 0, 1),
    "softplus": lambda beta=1.0: (0, INF, 0, 1),
    "softsign": lambda: (-1, 1, 0, 0),
    "relu6": lambda: (0, 6, 0, 0),
    "hard_sigmoid": lambda slope=None: (0, 1, 0, 0),
    "hard_swish": lambda: (0, INF, 0, 1),
    "hard_tanh": lambda min_val=-1.0, max_val=1.0: (min_val, max_val, 0, 0),
    "log_sigmoid": lambda: (-INF, 0, 1, 0),
}

# For a vector, a +inf entry takes all the probability; -inf entries take none.
VECTOR_LIMITS = {  # input [inf, 0, -inf]: (f, f')
    "softmax": ([1, 0, 0], [0, 0, 0]),
    "log_softmax": ([0, -INF, -INF], [0, 1, 1]),
    "softmin": ([0, 0, 1], [0, 0, 0]),
}


def _prime(derivative: bool) -> str:
    return "'" if derivative else ""


def _assert_rounds_to(computed, expected, what):
    errors = [ulp_error(c, e) for c, e in zip(np.ravel(computed).tolist(), expected, strict=True)]
    assert max(errors) <= ULP_TOLERANCE, f"{what} = {computed!r}, expected {expected}"


@pytest.mark.parametrize("case", SCALAR_CASES, ids=str)
@pytest.mark.parametrize("derivative", [False, True], ids=["value", "derivative"])
def test_infinity_gives_the_limit(case, derivative):
    limits = LIMITS[case.name](**case.kwargs)
    at_minus, at_plus = limits[2:] if derivative else limits[:2]
    computed = _library(case, derivative)(np.array([-INF, INF]))
    _assert_rounds_to(computed, [at_minus, at_plus], f"{case}{_prime(derivative)}([-inf, inf])")


@pytest.mark.parametrize("case", VECTOR_CASES, ids=str)
@pytest.mark.parametrize("derivative", [False, True], ids=["value", "derivative"])
def test_infinite_logits_give_the_limit(case, derivative):
    expected = VECTOR_LIMITS[case.name][derivative]
    if derivative:  # the Jacobian's diagonal carries 1/T
        expected = [e / case.kwargs.get("temperature", 1.0) for e in expected]
    computed = _library(case, derivative)(np.array([INF, 0.0, -INF]))
    _assert_rounds_to(computed, expected, f"{case}{_prime(derivative)}([inf, 0, -inf])")


@pytest.mark.parametrize("case", VECTOR_CASES, ids=str)
@pytest.mark.parametrize("derivative", [False, True], ids=["value", "derivative"])
def test_minus_infinity_logit_is_an_exact_zero_probability(case, derivative):
    row = [-INF, 0.0, 1.0] if case.name != "softmin" else [INF, 0.0, -1.0]
    computed = _library(case, derivative)(np.array(row))
    _assert_rounds_to(computed, case.exact(row, derivative), f"{case}{_prime(derivative)}({row})")


# --- NaN, warnings, shapes -------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=str)
@pytest.mark.parametrize("derivative", [False, True], ids=["value", "derivative"])
def test_nan_propagates(case, derivative):
    function = _library(case, derivative)
    if case.vector:  # one NaN logit leaves the whole row undefined
        assert np.isnan(function(np.array([1.0, math.nan, 2.0]))).all()
        assert not np.isnan(function(np.array([[1.0, 2.0], [math.nan, 2.0]]))[0]).any()
    else:
        assert np.isnan(function(np.array([math.nan, 1.0]))).tolist() == [True, False]


@pytest.mark.parametrize("case", CASES, ids=str)
@pytest.mark.parametrize("derivative", [False, True], ids=["value", "derivative"])
def test_special_inputs_raise_no_floating_point_warning(case, derivative):
    function = _library(case, derivative)
    with strict_floating_point():
        if case.vector:
            function(np.array(SPECIAL))
            function(np.array(SPECIAL[1:]))
            function(np.array(list(itertools.product(SPECIAL, repeat=2))))
        else:
            function(np.array(SPECIAL))
            for x in SPECIAL:
                function(np.array([x]))


@pytest.mark.parametrize("case", CASES, ids=str)
@pytest.mark.parametrize("derivative", [False, True], ids=["value", "derivative"])
def test_the_whole_grid_raises_no_floating_point_warning(case, derivative):
    function = _library(case, derivative)
    with strict_floating_point():
        if case.vector:
            for row in vector_grid():
                function(np.array(row))
        else:
            function(scalar_grid())


@pytest.mark.parametrize("case", SCALAR_CASES, ids=str)
def test_scalar_function_keeps_the_shape_and_works_elementwise(case):
    x = np.linspace(-8.0, 8.0, 24).reshape(2, 3, 4)
    for derivative in (False, True):
        function = _library(case, derivative)
        y = function(x)
        assert y.shape == x.shape
        assert y.ravel().tobytes() == function(x.ravel()).tobytes()


@pytest.mark.parametrize("case", VECTOR_CASES, ids=str)
def test_vector_function_works_along_the_last_axis_row_by_row(case):
    x = np.array([[1.0, 2.0, 3.0], [-1.0, 0.5, 40.0]])
    for derivative in (False, True):
        function = _library(case, derivative)
        y = function(x)
        assert y.shape == x.shape
        for row_in, row_out in zip(x, y, strict=True):
            assert row_out.tobytes() == function(row_in).tobytes()
