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
    GATED_CASES,
    SCALAR_CASES,
    SELU_ALPHA,
    SELU_SCALE,
    ULP_TOLERANCE,
    VECTOR_CASES,
    Case,
    gated_grid,
    measure,
    scalar_grid,
    strict_floating_point,
    ulp_error,
    vector_grid,
)

import actplot

INF = math.inf
NAN = math.nan
MAX = 1.7976931348623157e308
SPECIAL = [math.nan, INF, -INF, 0.0, -0.0, 5e-324, 1e308, -1e308, MAX, -MAX]
ONNX_SELU_ALPHA, ONNX_SELU_SCALE = mpf(1.67326319217681884765625), mpf(1.05070102214813232421875)


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
# (f(-inf), f(inf), f'(-inf), f'(inf)) as exact numbers; the result must round to them.
_SELU_FLOOR = -mpf(SELU_SCALE) * mpf(SELU_ALPHA)
LIMITS = {
    "identity": (-INF, INF, 1, 1),
    "step": (0, 1, 0, 0),
    "sigmoid": (0, 1, 0, 0),
    "relu": (0, INF, 0, 1),
    "tanh": (-1, 1, 0, 0),
    "leaky_relu": (-INF, INF, mpf("0.01"), 1),
    "leaky_relu[alpha=0.2]": (-INF, INF, 0.2, 1),
    "elu": (-1, INF, 0, 1),
    "elu[alpha=0.5]": (-0.5, INF, 0, 1),
    "selu": (_SELU_FLOOR, INF, 0, mpf(SELU_SCALE)),
    "celu": (-1, INF, 0, 1),
    "celu[alpha=2.0]": (-2, INF, 0, 1),
    "gelu": (0, INF, 0, 1),
    "gelu[approximate=tanh]": (0, INF, 0, 1),
    "silu": (0, INF, 0, 1),
    "mish": (0, INF, 0, 1),
    "softplus": (0, INF, 0, 1),
    "softplus[beta=2.0]": (0, INF, 0, 1),
    "softplus[beta=0.5]": (0, INF, 0, 1),
    "softsign": (-1, 1, 0, 0),
    "relu6": (0, 6, 0, 0),
    "hard_sigmoid": (0, 1, 0, 0),
    "hard_swish": (0, INF, 0, 1),
    "hard_tanh": (-1, 1, 0, 0),
    "hard_tanh[min_val=-2.0,max_val=3.0]": (-2, 3, 0, 0),
    "log_sigmoid": (-INF, 0, 1, 0),
    "selu[alpha=1.6732631921768188,scale=1.0507010221481323]": (
        -ONNX_SELU_ALPHA * ONNX_SELU_SCALE,
        INF,
        0,
        ONNX_SELU_SCALE,
    ),
    "hardshrink": (-INF, INF, 1, 1),
    "hardshrink[lambd=0.0]": (-INF, INF, 1, 1),
    "hardshrink[lambd=-0.5]": (-INF, INF, 1, 1),
    "hardshrink[lambd=2.5]": (-INF, INF, 1, 1),
    "softshrink": (-INF, INF, 1, 1),
    "softshrink[lambd=0.0]": (-INF, INF, 1, 1),
    "softshrink[lambd=1.7]": (-INF, INF, 1, 1),
    "tanhshrink": (-INF, INF, 1, 1),
    "threshold": (0, INF, 0, 1),
    "threshold[threshold=1.0,value=-2.0]": (-2, INF, 0, 1),
    "threshold[threshold=-0.3,value=0.7]": (mpf(0.7), INF, 0, 1),
    "thresholded_relu": (0, INF, 0, 1),
    "thresholded_relu[theta=-1.5]": (0, INF, 0, 1),
    "thresholded_relu[theta=0.3]": (0, INF, 0, 1),
    "prelu": (-INF, INF, mpf(0.25), 1),
    "prelu[weight=-0.5]": (INF, INF, -0.5, 1),
    "prelu[weight=3.0]": (-INF, INF, 3, 1),
    "rrelu": (-INF, INF, (mpf(1 / 8) + mpf(1 / 3)) / 2, 1),
    "rrelu[lower=0.1,upper=0.3]": (-INF, INF, (mpf(0.1) + mpf(0.3)) / 2, 1),
    "rrelu[lower=-1.0,upper=2.0]": (-INF, INF, 0.5, 1),
    "squared_relu": (0, INF, 0, INF),
    "sparse_plus": (0, INF, 0, 1),
    "sparse_sigmoid": (0, 1, 0, 0),
    "squareplus": (0, INF, 0, 1),
    "squareplus[b=0.0]": (0, INF, 0, 1),
    "squareplus[b=0.001]": (0, INF, 0, 1),
    "squareplus[b=100.0]": (0, INF, 0, 1),
    "sqrt_softplus": (0, INF, 0, 0),
    "exponential": (0, INF, 0, INF),
    "quick_gelu": (0, INF, 0, 1),
    "gelu_10": (0, 10, 0, 0),
    "laplace": (0, 1, 0, 0),
    "arctan": (-mpf(math.pi) / 2, mpf(math.pi) / 2, 0, 0),
    "isru": (-1, 1, 0, 0),
    "isru[alpha=0.3]": (-1 / mpf(0.3) ** 0.5, 1 / mpf(0.3) ** 0.5, 0, 0),
    "isru[alpha=100000.0]": (-1 / mpf(1e5) ** 0.5, 1 / mpf(1e5) ** 0.5, 0, 0),
    "isrlu": (-1, INF, 0, 1),
    "isrlu[alpha=3.0]": (-1 / mpf(3) ** 0.5, INF, 0, 1),
    "sqnl": (-1, 1, 0, 0),
    "bent_identity": (-INF, INF, 0.5, 1.5),
    "gaussian": (0, 0, 0, 0),
    "sinusoid": (NAN, NAN, NAN, NAN),  # no limit
    "sinc": (0, 0, 0, 0),
    "lisht": (INF, INF, -1, 1),
    "snake": (-INF, INF, NAN, NAN),
    "snake[frequency=0.3]": (-INF, INF, NAN, NAN),
    "snake[frequency=-2.0]": (-INF, INF, NAN, NAN),
    "snake[frequency=10.0]": (-INF, INF, NAN, NAN),
    "elish": (0, INF, 0, 1),
    "hard_elish": (0, INF, 0, 1),
    "soft_exponential": (-INF, INF, 1, 1),
    "soft_exponential[alpha=0.5]": (-1.5, INF, 0, INF),
    "soft_exponential[alpha=-0.5]": (NAN, INF, NAN, 0),  # below 1/alpha - alpha it is undefined
    "soft_exponential[alpha=2.0]": (1.5, INF, 0, INF),
    "soft_exponential[alpha=-3.0]": (NAN, INF, NAN, 0),
    "soft_exponential[alpha=0.001]": (-1 / mpf(0.001) + mpf(0.001), INF, 0, INF),
    "xielu": (INF, INF, mpf(0.5) - mpf(0.8), INF),  # (beta - alpha_n) x with beta < alpha_n on the left
    "xielu[alpha_p=2.0,alpha_n=0.3,beta=-1.5,eps=-0.25]": (INF, INF, -1.8, INF),
}

# For a vector, a +inf entry takes all the probability; -inf entries take none.
VECTOR_LIMITS = {  # input [inf, 0, -inf]: (f, f')
    "softmax": ([1, 0, 0], [0, 0, 0]),
    "log_softmax": ([0, -INF, -INF], [0, 1, 1]),
    "softmin": ([0, 0, 1], [0, 0, 0]),
    "sparsemax": ([1, 0, 0], [0, 0, 0]),
    "entmax15": ([1, 0, 0], [0, 0, 0]),
}


def _prime(derivative: bool) -> str:
    return "'" if derivative else ""


def _assert_rounds_to(computed, expected, what):
    errors = [ulp_error(c, e) for c, e in zip(np.ravel(computed).tolist(), expected, strict=True)]
    assert max(errors) <= ULP_TOLERANCE, f"{what} = {computed!r}, expected {expected}"


@pytest.mark.parametrize("case", SCALAR_CASES, ids=str)
@pytest.mark.parametrize("derivative", [False, True], ids=["value", "derivative"])
def test_infinity_gives_the_limit(case, derivative):
    at_minus, at_plus = LIMITS[str(case)][2:] if derivative else LIMITS[str(case)][:2]
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
    if case.gated:  # each output depends on its own pair (a_i, b_i) only; here a_1 is NaN
        # dy/da = h(b) does not see a when the gate acts on b (PyTorch's order)
        first = case.kwargs.get("gate") == "first"
        expected = [True, False] if not derivative else [first, False, True, False]
        assert np.isnan(function(np.array([math.nan, 5.0, 2.0, 3.0]))).tolist() == expected
    elif case.vector:  # one NaN logit leaves the whole row undefined
        assert np.isnan(function(np.array([1.0, math.nan, 2.0]))).all()
        assert not np.isnan(function(np.array([[1.0, 2.0], [math.nan, 2.0]]))[0]).any()
    else:  # 5 is inside every domain (soft_exponential with alpha < 0 starts at 1/alpha - alpha)
        assert np.isnan(function(np.array([math.nan, 5.0]))).tolist() == [True, False]


@pytest.mark.parametrize("case", CASES, ids=str)
@pytest.mark.parametrize("derivative", [False, True], ids=["value", "derivative"])
def test_special_inputs_raise_no_floating_point_warning(case, derivative):
    function = _library(case, derivative)
    with strict_floating_point():
        if case.vector:
            function(np.array(SPECIAL))
            function(np.array(SPECIAL[2:] if case.gated else SPECIAL[1:]))
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
            for row in gated_grid() if case.gated else vector_grid():
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


@pytest.mark.parametrize("case", GATED_CASES, ids=str)
def test_gated_unit_halves_the_last_axis_row_by_row(case):
    x = np.array([[1.0, 2.0, 3.0, -4.0], [-1.0, 0.5, 40.0, -0.25]])
    function, derivative = _library(case, False), _library(case, True)
    y, dy = function(x), derivative(x)
    assert y.shape == (2, 2) and dy.shape == x.shape
    for row_in, row_out, row_slope in zip(x, y, dy, strict=True):
        assert row_out.tobytes() == function(row_in).tobytes()
        assert row_slope.tobytes() == derivative(row_in).tobytes()


@pytest.mark.parametrize("case", GATED_CASES, ids=str)
def test_gated_unit_of_an_odd_length_is_a_value_error(case):
    with pytest.raises(ValueError, match="even number"):
        _library(case, False)(np.array([1.0, 2.0, 3.0]))
