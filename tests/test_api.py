"""The Python API's one rule for every function and derivative: shapes, types, parameters."""

from __future__ import annotations

import json
import math
import re
import warnings

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import actplot
from actplot import ParameterError, functions
from actplot.cli import cli
from actplot.compare import CompareError
from actplot.stats import StatsError

NAMES = actplot.names()
VECTOR = [name for name in NAMES if actplot.get(name).vector]
SCALAR = [name for name in NAMES if not actplot.get(name).vector]
GATED = [name for name in NAMES if actplot.get(name).gated]  # vectors of 2k numbers give k
UNGATED = [name for name in NAMES if name not in GATED]


def _both(name: str):
    record = actplot.get(name)
    return [("f", record.function), ("f'", record.derivative)]


@pytest.mark.parametrize("name", UNGATED)
def test_a_scalar_gives_a_numpy_float64_for_every_function_and_derivative(name):
    for _, function in _both(name):
        for x in (1.5, 0, np.float32(2.0), np.float64(-3.0), np.array(0.25), True):
            y = function(x)
            assert type(y) is np.float64, (name, x, type(y))


@pytest.mark.parametrize("name", GATED)
def test_a_gated_unit_of_a_scalar_or_an_odd_count_is_a_value_error_saying_so(name):
    for _, function in _both(name):
        for x in (1.5, [1.0, 2.0, 3.0], np.zeros((2, 5))):
            with pytest.raises(ValueError, match="even number of values"):
                function(x)


@pytest.mark.parametrize("name", GATED)
def test_a_gated_unit_halves_the_axis_and_its_derivative_keeps_the_shape(name):
    record = actplot.get(name)
    for shape in [(4,), (2, 6), (2, 3, 4), (1, 2)]:
        x = np.linspace(-3.0, 3.0, math.prod(shape)).reshape(shape)
        y, dy = record.function(x), record.derivative(x)
        assert y.dtype == dy.dtype == np.float64
        assert y.shape == (*shape[:-1], shape[-1] // 2) and dy.shape == shape
    assert record.function(np.arange(4, dtype=np.int32)).dtype == np.float64
    for shape in [(0,), (3, 0), (0, 4), (2, 0, 4)]:
        assert record.function(np.zeros(shape)).shape == (*shape[:-1], shape[-1] // 2)
        assert record.derivative(np.zeros(shape)).shape == shape


@pytest.mark.parametrize("name", UNGATED)
def test_an_array_keeps_its_shape_and_is_float64(name):
    for _, function in _both(name):
        for shape in [(5,), (2, 3), (2, 3, 4), (1, 1)]:
            x = np.linspace(-3.0, 3.0, math.prod(shape)).reshape(shape)
            y = function(x)
            assert isinstance(y, np.ndarray) and y.dtype == np.float64 and y.shape == shape
        assert function([1, 2, 3]).shape == (3,)
        assert function(np.arange(6, dtype=np.int32)).dtype == np.float64


@pytest.mark.parametrize("name", UNGATED)
@pytest.mark.parametrize("shape", [(0,), (3, 0), (0, 3), (2, 0, 4)], ids=str)
def test_empty_in_gives_empty_out(name, shape):
    for _, function in _both(name):
        y = function(np.zeros(shape))
        assert y.shape == shape and y.dtype == np.float64
    assert actplot.get(name).function([]).shape == (0,)


@pytest.mark.parametrize("name", VECTOR)
def test_vector_functions_take_any_axis_and_agree_with_the_last(name):
    # even lengths on every axis, for the gated units' halves
    x = np.random.default_rng(1).normal(0.0, 3.0, (2, 4, 6))
    for _, function in _both(name):
        for axis in (0, 1, 2, -1, -2):
            moved = np.moveaxis(function(np.moveaxis(x, axis, -1)), -1, axis)
            assert function(x, axis=axis).tobytes() == moved.tobytes()
        with pytest.raises(ValueError, match="axis 3 is out of bounds"):
            function(x, axis=3)
        with pytest.raises(TypeError, match="axis must be an integer"):
            function(x, axis=1.5)


def test_large_inputs_are_evaluated_in_blocks_with_the_same_results():
    # 10^5 values cross many blocks; each value must be what it is alone (elementwise), and a
    # long softmax row (longer than a block) is one vector.
    x = np.random.default_rng(2).normal(0.0, 5.0, 100_003)
    for name in ("gelu", "mish", "softplus"):
        y = actplot.get(name).function(x)
        assert y[::997].tobytes() == actplot.get(name).function(x[::997]).tobytes()
    p = actplot.softmax(x)
    assert abs(math.fsum(p) - 1) < 1e-12
    rows = x[:100_000].reshape(100, 1000)
    assert actplot.softmax(rows)[37].tobytes() == actplot.softmax(rows[37]).tobytes()


def test_gelu_accepts_jax_spelling_of_the_approximation():
    x = np.linspace(-4, 4, 9)
    record = actplot.get("gelu")
    for function in (record.function, record.derivative):
        assert function(x, approximate=True).tobytes() == function(x, approximate="tanh").tobytes()
        assert function(x, approximate=False).tobytes() == function(x, approximate="none").tobytes()
        assert function(x, approximate=np.True_).tobytes() == function(x, approximate="tanh").tobytes()


BAD_TYPES = [
    ("softmax", {"temperature": np.array([1.0, 2.0])}, "temperature must be a single real number, not an array"),
    ("softmax", {"temperature": [1.0]}, "temperature must be a single real number, not a list"),
    ("softplus", {"beta": "2"}, "beta must be a single real number, not str"),
    ("leaky_relu", {"alpha": None}, "alpha must be a single real number, not NoneType"),
    ("leaky_relu", {"alpha": True}, "alpha must be a single real number, not bool"),
    ("elu", {"alpha": 1 + 2j}, "alpha must be a single real number, not complex"),
    ("gelu", {"approximate": 1}, "approximate must be 'none' or 'tanh'"),
    ("sigmoid", {"alpha": 0.1}, r"sigmoid\(\) has no parameter 'alpha'"),
    # a name that fixes a parameter: it said "gelu() has no parameter 'approximate' (parameters: none)"
    (
        "gelu_new",
        {"approximate": "none"},
        # (the derivative's: the derivative's call)
        r"gelu_new\(\) fixes approximate = 'tanh': use "
        r"(gelu|actplot\.get\('gelu'\)\.derivative)\(x, approximate='none'\)",
    ),
    ("gelu_python", {"approximate": "tanh"}, r"gelu_python\(\) fixes approximate = 'none'"),
    ("gelu_new", {"alpha": 0.1}, r"gelu_new\(\) has no parameter 'alpha' \(parameters: none\)"),
]


@pytest.mark.parametrize("name, params, message", BAD_TYPES, ids=[f"{n}-{next(iter(p))}" for n, p, _ in BAD_TYPES])
def test_a_parameter_of_the_wrong_kind_is_a_type_error_naming_it(name, params, message):
    for _, function in _both(name):
        with pytest.raises(TypeError, match=message):
            function([1.0, 2.0], **params)


@pytest.mark.parametrize("name", [None, 1, ["relu"], ("leaky_relu", {"alpha": 0.2})])
def test_a_function_name_that_is_not_a_string_is_a_type_error(name):
    # It was an AttributeError: "'tuple' object has no attribute 'strip'" (stats takes a name
    # and the parameters as keywords, where plot and diff also take a (name, params) pair).
    for call in (actplot.get, actplot.stats):
        with pytest.raises(TypeError, match=f"a function name is a string, not {type(name).__name__}"):
            call(name)


BAD_VALUES = [
    ("softmax", {"temperature": 0.0}, "temperature must be a positive number, not 0.0"),
    ("softmax", {"temperature": math.inf}, "temperature must be a positive number, not inf"),
    ("log_softmax", {"temperature": -1.0}, "temperature must be a positive number"),
    ("softplus", {"beta": -2.0}, "beta must be a positive number"),
    ("celu", {"alpha": 0.0}, "alpha must be a non-zero number"),
    ("hard_sigmoid", {"slope": 0.0}, "slope must be a positive number"),
    ("hard_tanh", {"min_val": 2.0, "max_val": 1.0}, r"min_val must be less than max_val \(1.0\), not 2.0"),
    ("leaky_relu", {"alpha": math.nan}, "alpha must be a finite number"),
    ("gelu", {"approximate": "erf"}, "approximate must be 'none' or 'tanh'"),
]


@pytest.mark.parametrize("name, params, message", BAD_VALUES, ids=[f"{n}-{p}" for n, p, _ in BAD_VALUES])
def test_a_parameter_outside_its_domain_is_a_parameter_error_for_function_and_derivative(name, params, message):
    for _, function in _both(name):
        with pytest.raises(ParameterError, match=message):
            function([1.0, 2.0], **params)
        with pytest.raises(ValueError):  # ParameterError is a ValueError
            function(1.0, **params)


def test_parameters_may_be_given_by_position_as_in_pytorch():
    assert actplot.leaky_relu(-2.0, 0.2) == actplot.leaky_relu(-2.0, alpha=0.2) == -0.4
    assert actplot.hard_tanh(5.0, -2.0, 3.0) == 3.0
    assert actplot.softmax([[1.0, 2.0]], 0, 2.0).tolist() == [[1.0, 1.0]]
    with pytest.raises(TypeError, match="got multiple values for 'alpha'"):
        actplot.leaky_relu(-2.0, 0.2, alpha=0.3)
    with pytest.raises(TypeError, match=re.escape("leaky_relu() takes 2 positional arguments at most, 3 given")):
        actplot.leaky_relu(-2.0, 0.2, 0.3)
    # a name that fixes a parameter is said by its own name ('gelu() takes 1 arguments at most')
    with pytest.raises(TypeError, match=re.escape("gelu_new() takes 1 positional argument at most, 2 given")):
        actplot.gelu_new(1.0, "tanh")


def test_the_signature_shows_the_parameters_and_defaults():
    import inspect

    assert str(inspect.signature(actplot.softmax)) == "(x, axis=-1, temperature=1.0, *, dtype=None)"
    assert str(inspect.signature(actplot.get("celu").derivative)) == "(x, alpha=1.0, *, dtype=None)"
    assert "Softmax" in actplot.softmax.__doc__


@pytest.mark.parametrize("bad", ["abc", ["1", None], np.array([1 + 1j]), {"a": 1}])
def test_input_that_holds_no_real_numbers_is_a_type_error(bad):
    with pytest.raises(TypeError, match="x must hold real numbers"):
        actplot.sigmoid(bad)


def test_the_input_array_is_never_modified_nor_returned():
    for name in NAMES:
        for _, function in _both(name):
            x = np.array([-1e308, -745.0, -1.0, -0.0, 0.5, 800.0, np.inf, np.nan])
            before = x.copy()
            y = function(x)
            assert y is not x and not np.shares_memory(x, y)
            np.testing.assert_array_equal(x, before)


PARAMETER_VALUES = {
    "leaky_relu": st.floats(-1e300, 1e300),
    "elu": st.floats(-1e300, 1e300),
    "celu": st.floats(-1e300, 1e300).filter(lambda v: v != 0),
    "softplus": st.floats(5e-324, 1e308),
    "hard_sigmoid": st.floats(5e-324, 1e308),
    "softmax": st.floats(5e-324, 1e308),
    "log_softmax": st.floats(5e-324, 1e308),
    "softmin": st.floats(5e-324, 1e308),
}


@pytest.mark.parametrize("name", sorted(PARAMETER_VALUES))
@settings(deadline=None, max_examples=60)
@given(data=st.data(), x=hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=2, max_side=6)))
def test_no_warning_for_any_input_and_any_parameter_value(name, data, x):
    record = actplot.get(name)
    (param,) = [p.name for p in record.parameters]
    value = data.draw(PARAMETER_VALUES[name], label=param)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for function in (record.function, record.derivative):
            assert function(x, **{param: value}).shape == x.shape


# --- inputs the authors did not think of ------------------------------------------------------


@pytest.mark.parametrize(
    "bad", [None, [1.0, None], np.array([1.0, None], dtype=object)], ids=["None", "list", "object"]
)
def test_none_is_a_type_error_not_a_nan(bad):
    # numpy reads None in an object array as nan; the README promises a TypeError.
    for name in ("sigmoid", "softmax"):
        for _, function in _both(name):
            with pytest.raises(TypeError, match="x must hold real numbers, not NoneType"):
                function(bad)


def test_numbers_beyond_the_doubles_round_to_infinity_and_decimals_are_read():
    from decimal import Decimal
    from fractions import Fraction

    assert actplot.sigmoid(10**400) == 1.0 and actplot.sigmoid(-(10**400)) == 0.0
    assert actplot.relu([1, -(10**400), 10**400]).tolist() == [1.0, 0.0, math.inf]
    assert actplot.sigmoid(Decimal("0.5")) == actplot.sigmoid(0.5)
    assert actplot.sigmoid([Decimal("-inf"), Fraction(1, 3)]).tolist() == [0.0, actplot.sigmoid(1 / 3)]
    assert math.isnan(actplot.sigmoid(Decimal("nan")))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        huge = np.array(["1e4000", "-1e4000", "1e-4000"], dtype=np.longdouble)  # beyond double: ±inf and 0
        assert actplot.relu(huge).tolist() == [math.inf, 0.0, 0.0]
        assert actplot.softmax(huge).tolist() == [1.0, 0.0, 0.0]


def test_rows_of_different_lengths_are_a_value_error_saying_so():
    for name in ("softmax", "sigmoid"):
        for _, function in _both(name):
            with pytest.raises(ValueError, match="rows of different lengths"):
                function([[1.0, 2.0], [3.0]])


@pytest.mark.parametrize("name", ["sigmoid", "gelu", "relu", "softmax", "log_softmax", "softmin"])
def test_a_masked_array_keeps_its_mask_and_masked_entries_take_no_part(name):
    record = actplot.get(name)
    x = np.ma.array([[1.0, 50.0, 3.0, -2.0], [0.5, 1.0, 7.0, 2.0]], mask=[[0, 1, 0, 0], [1, 1, 1, 1]])
    for derivative, function in ((False, record.function), (True, record.derivative)):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            y = function(x)
        assert isinstance(y, np.ma.MaskedArray) and y.mask.tolist() == x.mask.tolist()
        kept = np.array([1.0, 3.0, -2.0])
        expected = function(kept) if record.vector else function(x.data[0])[[0, 2, 3]]
        assert y[0].compressed().tobytes() == np.asarray(expected).tobytes(), (name, derivative)
    assert function(np.ma.array([1.0, 2.0])).mask is np.ma.nomask or not function(np.ma.array([1.0, 2.0])).mask.any()
    assert function(np.ma.masked) is np.ma.masked


def test_the_result_does_not_depend_on_numpy_error_settings():
    # Underflow inside the exact formulas is intended; a user's np.seterr(all="raise") must not
    # turn it into an error (nor "warn" into a warning).
    x = np.array([-1000.0, -40.0, 0.5, 2.0])  # four: a gated unit's two halves
    expected = {name: actplot.get(name).function(x) for name in NAMES}
    for setting in ("raise", "warn"):
        with np.errstate(all=setting), warnings.catch_warnings():
            warnings.simplefilter("error")
            for name in NAMES:
                record = actplot.get(name)
                got = record.function(x)
                assert got.tobytes() == expected[name].tobytes(), name
                record.derivative(x)


@pytest.mark.parametrize(
    "value, message",
    [
        (np.ma.masked, "temperature must be a single real number, not masked"),
        (np.ma.array([2.0], mask=[True])[0], "temperature must be a single real number, not masked"),
        (10**400, "temperature must be a positive number, not inf"),
    ],
    ids=["masked-constant", "masked-element", "huge-int"],
)
def test_a_parameter_that_is_masked_or_beyond_the_doubles_is_an_error_naming_it(value, message):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for _, function in _both("softmax"):
            with pytest.raises((TypeError, ValueError), match=message):
                function([1.0, 2.0], temperature=value)


@pytest.mark.parametrize("alpha", [-2.0, -0.5, 0.5, 3.0])
def test_elu_and_celu_range_texts_hold_for_the_sign_of_alpha(alpha):
    from actplot import functions

    x = np.linspace(-50, 50, 100_001)
    celu = functions.get("celu")
    elu = functions.get("elu")
    y_celu, y_elu = celu.function(x, alpha=alpha), elu.function(x, alpha=alpha)
    if alpha > 0:
        assert "(-alpha, inf) for alpha > 0" in celu.range_text
        assert y_celu.min() >= -alpha and y_elu.min() >= -alpha  # approached, reached only by rounding
    else:
        assert "(-inf, inf) for alpha < 0" in celu.range_text
        assert y_celu.min() < -1e10  # unbounded below: e^(x/alpha) grows as x falls
        assert "[0, inf) for alpha < 0" in elu.range_text
        assert y_elu.min() >= 0.0


def test_actplot_stats_is_the_function_whoever_imported_its_module():
    # Importing the module actplot.stats (the command line does) binds it to the package's name
    # 'stats': called, it is still the function.
    import importlib

    module = importlib.import_module("actplot.stats")
    assert actplot.stats("relu").gain == module.stats("relu").gain == math.sqrt(2)
    assert module("relu") == module.stats("relu")


def test_a_plot_of_a_masked_array_leaves_out_the_masked_entries():
    # actplot.plot drew the masked value as a point, and softmax's bars counted it in the vector
    x = np.ma.array([1.0, 2.0, 3.0], mask=[0, 1, 0])
    points = actplot.plot("relu", x=x).axes[0]
    drawn = np.concatenate([line.get_xdata() for line in points.lines if len(line.get_xdata())])
    assert sorted(drawn.tolist()) == [1.0, 3.0]
    bars = [patch.get_height() for patch in actplot.plot("softmax", x=x).axes[0].patches]
    e = math.exp(2.0)  # softmax of (1, 3): 1/(1 + e^2), e^2/(1 + e^2)
    assert bars == pytest.approx([1 / (1 + e), e / (1 + e)], rel=1e-15)


# --- a dtype, a parameter twice, a fixed parameter: as the command line says them ---------------------


@pytest.mark.parametrize(
    "f, g",
    [
        (("sigmoid", {"dtype": "float16"}), ("tanh", {"dtype": "bfloat16"})),
        (("leaky_relu", {"dtype": "float16"}), "relu"),
        ("relu", ("leaky_relu", {"alpha": 0.1, "dtype": "half"}, "jax")),
    ],
)
def test_diff_refuses_a_dtype_in_a_sides_parameters(f, g):
    # labelled 'sigmoid in float16' and 'in bfloat16', compared in float64: max_abs_diff 0.0
    with pytest.raises(CompareError, match=r"diff takes one dtype for both sides: diff\(\.\.\., dtype="):
        actplot.diff(f, g)


def test_limits_reads_a_dtype_in_its_parameters_as_plot_does():
    # {'dtype': 'float16'} was dropped for float32; beside dtype= it leaked exact_leaky_relu's TypeError
    spelt = actplot.limits("leaky_relu", {"dtype": "float16", "alpha": 0.1})
    assert spelt.dtype == "float16"
    assert spelt == actplot.limits("leaky_relu", {"alpha": 0.1}, dtype="float16")
    assert actplot.limits("leaky_relu", {"dtype": "float16"}, dtype="half").dtype == "float16"
    assert actplot.limits("leaky_relu").dtype == "float32"
    with pytest.raises(ValueError, match="the dtype is given twice, float16 in params and bfloat16: give one"):
        actplot.limits("leaky_relu", {"dtype": "float16"}, dtype="bfloat16")


@pytest.mark.parametrize("call", [actplot.plot, lambda f: actplot.diff(f, "relu")])
def test_a_parameter_given_twice_in_two_cases_is_refused(call):
    # {'alpha': 0.3, 'Alpha': 0.4} took 0.4, the last, where the command line refuses alpha twice
    with pytest.raises(ValueError, match="leaky_relu's alpha is given twice, as 'alpha' and 'Alpha'"):
        call(("leaky_relu", {"alpha": 0.3, "Alpha": 0.4}))


@pytest.mark.parametrize("call", [actplot.plot, lambda f: actplot.diff(f, "relu")])
def test_a_parameter_that_the_name_fixes_is_said_as_such(call):
    # "gelu has no parameter 'approximate' (parameters: none)": gelu has it, gelu_new fixes it
    message = "the name gelu_new fixes approximate = 'tanh': use ('gelu', {'approximate': 'none'})"
    with pytest.raises(ValueError, match=re.escape(message)):
        call(("gelu_new", {"approximate": "none"}))
    fig = actplot.plot(("gelu", {"approximate": "none"}))  # the hint, pasted
    assert fig.axes


@pytest.mark.parametrize(
    "call, hint",
    [
        (
            lambda: actplot.plot("leaky_relu:alpha=0.2,dtype=float16"),
            "('leaky_relu', {'alpha': 0.2, 'dtype': 'float16'})",
        ),
        (
            lambda: actplot.limits("leaky_relu@jax:alpha=0.2,dtype=bf16"),
            "actplot.limits('leaky_relu', {'alpha': 0.2}, dtype='bfloat16', compat='jax')",
        ),
        (lambda: actplot.check("relu:dtype=fp16", [1.0], [1.0]), "actplot.check('relu', x, y, dtype='float16')"),
        (
            lambda: actplot.stats("leaky_relu:alpha=0.2,dtype=fp16"),
            "actplot.stats('leaky_relu', alpha=0.2), which has no dtype (its figures are the exact function's)",
        ),
    ],
)
def test_a_dtype_in_a_command_line_spelling_is_hinted_where_python_takes_it(call, hint):
    # "leaky_relu has no parameter 'dtype'", where plot's dict and limits' dtype= take it
    with pytest.raises(KeyError) as caught:
        call()
    assert caught.value.args[0].endswith(f"in Python, {hint}")
    pasted = hint.split(", which")[0]
    if pasted.startswith("("):
        assert actplot.plot(eval(pasted)).axes
    elif "check" not in pasted:
        eval(pasted)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: actplot.plot(("relu", {}, "jax"), compat="keras"), "compat='keras' applies to no function here: it"),
        (
            lambda: actplot.diff(("gelu", {}, "jax"), ("gelu", {}, "torch"), compat="keras"),
            "compat='keras' applies to no function here: each",
        ),
        (
            lambda: actplot.sheet([("gelu", {}, "jax")], compat="keras"),
            "compat='keras' applies to no function here: it",
        ),
        (
            lambda: actplot.plot(("sigmoid", {"dtype": "bf16"}), dtype="float16"),
            "dtype='float16' applies to no function here: it names its own dtype",
        ),
        # the default said is given too: these drew and compared each side's own without a word
        (lambda: actplot.plot(("gelu", {}, "jax"), compat="torch"), "compat='torch' applies to no function here"),
        (lambda: actplot.sheet([("gelu", {}, "jax")], compat="torch"), "compat='torch' applies to no function here"),
        (
            lambda: actplot.diff(("gelu", {}, "jax"), ("gelu", {}, "keras"), compat="torch"),
            "compat='torch' applies to no function here: each",
        ),
        (
            lambda: actplot.diff("sigmoid:dtype=half", ("tanh", {"dtype": "half"}), dtype="float64"),
            "dtype='float64' applies to no side here: each names its own dtype",
        ),
    ],
)
def test_a_calls_setting_that_applies_to_no_function_is_refused_as_on_the_command_line(call, message):
    # plot(('relu', {}, 'jax'), compat='keras') drew JAX's relu without a word
    with pytest.raises(ValueError, match=re.escape(message)):
        call()


def test_a_calls_setting_applies_beside_a_function_without_its_own():
    fig = actplot.plot([("relu", {}, "jax"), "hard_sigmoid"], compat="keras2")
    assert "hard_sigmoid (slope = 0.2, --compat keras2)" in " ".join(
        t.get_text() for ax in fig.axes for t in ax.get_legend().get_texts()
    )
    assert actplot.plot([("sigmoid", {"dtype": "bf16"}), "tanh"], dtype="float16").axes
    # and none said is none: each side's own
    assert actplot.diff(("sigmoid", {"dtype": "half"}), ("tanh", {"dtype": "half"})).dtype == "float16"
    assert actplot.diff(("gelu", {}, "jax"), ("gelu", {}, "torch")).max_abs_diff > 1e-4
    assert actplot.plot(("sigmoid", {"dtype": "bf16"}), dtype="bfloat16").axes


@pytest.mark.parametrize(
    "call, error, message",
    [
        # the spelling's Python form was hinted, and refused in turn
        (lambda: actplot.stats("softmax:temperature=2"), StatsError, "stats does not apply to softmax"),
        (lambda: actplot.stats("glu@jax"), StatsError, "stats does not apply to glu"),
        (lambda: actplot.check("glu@jax", [1.0], [0.84]), CompareError, "glu is a function of two numbers"),
        (
            lambda: actplot.diff("leaky_relu:dtype=half", "relu"),
            CompareError,
            "'leaky_relu:dtype=half': diff takes one dtype for both sides: diff(..., dtype='float16')",
        ),
    ],
)
def test_an_entry_refuses_a_function_before_hinting_its_spelling(call, error, message):
    with pytest.raises(error, match=re.escape(message)):
        call()


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: actplot.stats("gelu_new", approximate="none"), "use actplot.stats('gelu', approximate='none')"),
        (
            lambda: actplot.limits("gelu_new", {"approximate": "none"}),
            "use actplot.limits('gelu', {'approximate': 'none'})",
        ),
        (
            lambda: actplot.check("gelu_new", [1.0], [0.8], approximate="none"),
            "use actplot.check('gelu', x, y, approximate='none')",
        ),
    ],
)
def test_a_parameter_the_name_fixes_is_answered_with_the_entrys_own_call(call, message):
    # "use gelu(x, approximate='none')": the function's call, not the entry's
    with pytest.raises(TypeError, match=re.escape(f"the name gelu_new fixes approximate = 'tanh': {message}")):
        call()


@pytest.mark.parametrize("value", ["tanh", True])
def test_a_parameter_the_name_fixes_given_the_value_it_fixes_is_no_fault(value):
    # gelu_new(x, approximate='tanh') was "gelu_new() fixes approximate = 'tanh': use gelu(x,
    # approximate='tanh')", while the command line's 'gelu_new --approximate tanh' runs
    x = np.linspace(-4, 4, 33)
    np.testing.assert_array_equal(actplot.gelu_new(x, approximate=value), actplot.gelu_new(x))
    np.testing.assert_array_equal(actplot.gelu_new(x, approximate=value), actplot.gelu(x, approximate="tanh"))
    assert actplot.stats("gelu_new", approximate=value) == actplot.stats("gelu_new")
    y = actplot.gelu_new(x)
    assert actplot.check("gelu_new", x, y, approximate=value) == actplot.check("gelu_new", x, y)
    assert actplot.limits("gelu_new", {"approximate": value}) == actplot.limits("gelu_new")
    difference = actplot.diff(("gelu_new", {"Approximate": value}), ("gelu", {"approximate": "tanh"}))
    assert difference.max_abs_diff == 0
    assert actplot.plot(("gelu_new", {"approximate": value})).axes
    # said twice, or another value, it is still a fault
    with pytest.raises(ValueError, match="gelu_new's approximate is given twice, as 'approximate' and 'APPROXIMATE'"):
        actplot.plot(("gelu_new", {"approximate": value, "APPROXIMATE": value}))
    with pytest.raises(TypeError, match=re.escape("gelu_new() fixes approximate = 'tanh'")):
        actplot.gelu_new(x, approximate=not value if value is True else "none")


@pytest.mark.parametrize(
    "spelt, python",
    [
        ("gelu_new:approximate=tanh", "'gelu_new'"),
        ("gelu_new@jax:Approximate=TANH,dtype=half", "('gelu_new', {'dtype': 'float16'}, 'jax')"),
    ],
)
def test_the_command_lines_spelling_of_a_restated_setting_is_answered_without_it(spelt, python):
    with pytest.raises(KeyError, match=re.escape(f"{spelt!r} is the command line's spelling: in Python, {python}")):
        actplot.plot(spelt)
    assert actplot.plot(eval(python)).axes  # the hint, pasted


@pytest.mark.parametrize(
    "call, hint",
    [
        # a command-line spelling: actplot.stats('gelu@jax', mean=1) was told actplot.stats('gelu',
        # compat='jax'), the mean lost
        (
            lambda: actplot.check("sigmoid:dtype=half", [1.0], [0.73], worst=3),
            "actplot.check('sigmoid', x, y, dtype='float16', worst=3)",
        ),
        (
            lambda: actplot.check("leaky_relu@jax:alpha=0.3", [1.0], [1.0], alpha=0.3, worst=2),
            "actplot.check('leaky_relu', x, y, compat='jax', alpha=0.3, worst=2)",
        ),
        (lambda: actplot.stats("gelu@jax", mean=1), "actplot.stats('gelu', compat='jax', mean=1)"),
        (
            lambda: actplot.stats("leaky_relu:alpha=0.1", depth=3, std=2.0),
            "actplot.stats('leaky_relu', alpha=0.1, std=2.0, depth=3)",
        ),
        (
            lambda: actplot.limits("leaky_relu:alpha=0.1", dtype="bf16", compat="jax"),
            "actplot.limits('leaky_relu', {'alpha': 0.1}, dtype='bf16', compat='jax')",
        ),
        # a name that fixes a parameter, another value: actplot.stats('gelu_new', mean=1, std=2, depth=3,
        # approximate='none') was told actplot.stats('gelu', approximate='none'), whose mean pasted was
        # 0.2821 instead of 1.3184
        (
            lambda: actplot.stats("gelu_new", mean=1, std=2, depth=3, approximate="none"),
            "actplot.stats('gelu', approximate='none', mean=1, std=2, depth=3)",
        ),
        (
            lambda: actplot.check("gelu_new", [1.0], [0.8], dtype="float32", worst=3, approximate=False),
            "actplot.check('gelu', x, y, dtype='float32', approximate=False, worst=3)",
        ),
        (
            lambda: actplot.limits("gelu_new", {"approximate": "none"}, dtype="float16", compat="jax"),
            "actplot.limits('gelu', {'approximate': 'none'}, dtype='float16', compat='jax')",
        ),
    ],
)
def test_a_python_hint_keeps_the_calls_other_arguments(call, hint):
    with pytest.raises((KeyError, TypeError)) as caught:
        call()
    # a spelling's KeyError or a fixed parameter's TypeError, each with the whole call
    if isinstance(caught.value, KeyError):
        assert caught.value.args[0].endswith(f"is the command line's spelling: in Python, {hint}")
    else:
        assert str(caught.value) == f"the name gelu_new fixes approximate = 'tanh': use {hint}"
    x, y = [1.0], [0.8413447460685429]  # noqa: F841 (the hint's names)
    assert eval(hint) is not None  # the hint, pasted, runs


@pytest.mark.parametrize(
    "call, clash",
    [
        (
            lambda: actplot.check("sigmoid:dtype=half", [1.0], [0.73], dtype="float32"),
            "dtype='float16' and the call says dtype='float32'",
        ),
        (
            lambda: actplot.check("leaky_relu@jax", [1.0], [1.0], compat="keras"),
            "compat='jax' and the call says compat='keras'",
        ),
        (lambda: actplot.stats("leaky_relu:alpha=0.3", alpha=0.2), "alpha=0.3 and the call says alpha=0.2"),
        (lambda: actplot.limits("leaky_relu:alpha=0.1", {"alpha": 0.2}), "alpha=0.1 and the call says alpha=0.2"),
        (lambda: actplot.limits("sigmoid:dtype=half", dtype="bf16"), "dtype='float16' and the call says dtype='bf16'"),
        # the default said explicitly is given too: these were told the spelling's value, the call's dropped
        (
            lambda: actplot.check("sigmoid:dtype=half", [1.0], [0.73], dtype="float64"),
            "dtype='float16' and the call says dtype='float64'",
        ),
        (lambda: actplot.stats("gelu@jax", compat="torch"), "compat='jax' and the call says compat='torch'"),
        (lambda: actplot.limits("gelu@jax", compat="torch"), "compat='jax' and the call says compat='torch'"),
        (
            lambda: actplot.check("gelu@jax", [1.0], [0.8], compat="torch"),
            "compat='jax' and the call says compat='torch'",
        ),
    ],
)
def test_a_setting_the_spelling_and_the_call_give_with_two_values_is_refused(call, clash):
    # check('sigmoid:dtype=half', ..., dtype='float32') was told dtype='float16', dropping float32;
    # stats('gelu@jax', compat='torch') was told the clash, and once that was mended, the spelling
    with pytest.raises(KeyError) as caught:
        call()
    assert re.fullmatch(
        r"'[^']+' is the command line's spelling, and it says "
        + re.escape(clash)
        + ": give one, as the call's keyword",
        caught.value.args[0],
    )


@pytest.mark.parametrize(
    "call",
    [
        lambda: actplot.stats("gelu_new:approximate=tanh", approximate=False),
        lambda: actplot.check("gelu_new@jax:approximate=tanh", [1.0], [0.8], approximate="none"),
        lambda: actplot.limits("gelu_new:approximate=tanh", {"approximate": "none"}),
    ],
)
def test_a_keyword_against_the_value_a_spelt_name_fixes_is_a_clash(call):
    # stats('gelu_new:approximate=tanh', approximate=False) was told stats('gelu_new', approximate=False),
    # a TypeError in turn
    with pytest.raises(KeyError, match="it says approximate='tanh' and the call says approximate=.*: give one"):
        call()


@pytest.mark.parametrize(
    "call, hint",
    [
        # the spelling says nothing of what its name fixes: limits('gelu_new@jax', {'approximate':
        # 'none'}) was "'gelu_new@jax' says approximate='tanh' and the call says ...", a clash it never said
        (
            lambda: actplot.limits("gelu_new@jax", {"Approximate": "none"}),
            "actplot.limits('gelu', {'approximate': 'none'}, compat='jax')",
        ),
        (
            lambda: actplot.check("gelu_fast@jax", [1.0], [0.8], approximate="none", worst=2),
            "actplot.check('gelu', x, y, compat='jax', worst=2, approximate='none')",
        ),
        (
            lambda: actplot.stats("gelu_new:dtype=half", approximate=False, mean=1),
            "actplot.stats('gelu', mean=1, approximate=False), which has no dtype"
            " (its figures are the exact function's)",
        ),
    ],
)
def test_a_keyword_of_what_a_spelt_name_fixes_is_answered_with_the_functions_own_name(call, hint):
    with pytest.raises(KeyError) as caught:
        call()
    alias = caught.value.args[0].split("'")[1].partition(":")[0].partition("@")[0]
    assert caught.value.args[0].endswith(
        f"is the command line's spelling, and the name {alias} fixes approximate = tanh: in Python, {hint}"
    )
    x, y = [1.0], [0.8413447460685429]  # noqa: F841 (the hint's names)
    assert eval(hint.partition(", which")[0]) is not None  # the hint, pasted, runs


@pytest.mark.parametrize(
    "function, hint",
    [
        # ('gelu_new', {'approximate': 'none'}, 'jax') was told ('gelu', {'approximate': 'none'}), the framework lost
        (("gelu_new", {"approximate": "none"}, "jax"), "('gelu', {'approximate': 'none'}, 'jax')"),
        (
            ("gelu_new", {"dtype": "half", "APPROXIMATE": False}, "keras"),
            "('gelu', {'dtype': 'half', 'approximate': False}, 'keras')",
        ),
        (("gelu_python", {"approximate": "tanh"}), "('gelu', {'approximate': 'tanh'})"),
    ],
)
def test_a_pair_setting_what_its_name_fixes_is_answered_with_every_other_setting(function, hint):
    for call in (lambda f: actplot.plot(f), lambda f: actplot.diff(f, "relu")):
        with pytest.raises(ValueError) as caught:
            call(function)
        fixed = functions.get(function[0]).fixed["approximate"]
        assert str(caught.value) == f"the name {function[0]} fixes approximate = {fixed!r}: use {hint}"
    assert actplot.plot(eval(hint)).axes  # the hint, pasted, draws


def test_check_leaves_out_masked_pairs():
    # the masked pair was checked: 5.6e15 ulp at x = 2, where relu(masked) keeps the mask
    x = np.ma.masked_array([1.0, 2.0, 3.0], mask=[0, 1, 0])
    result = actplot.check("relu", x, [1.0, 5.0, 3.0])
    assert (result.count, result.max_ulp) == (2, 0)
    result = actplot.check("relu", [1.0, 2.0, -3.0], np.ma.masked_array([1.0, 7.0, 4.0], mask=[0, 0, 1]), worst=1)
    assert result.count == 2 and [w.line for w in result.worst] == [2]  # the lines of the pairs given
    with pytest.raises(CompareError, match="every pair is masked"):
        actplot.check("relu", np.ma.masked_array([1.0], mask=[1]), [1.0])


@pytest.mark.parametrize(
    "call",
    [
        lambda value: actplot.gelu_new(1.0, approximate=value),
        lambda value: actplot.stats("gelu_new", approximate=value),
        lambda value: actplot.limits("gelu_new", {"approximate": value}),
        lambda value: actplot.check("gelu_new", [1.0], [0.8], approximate=value),
    ],
)
@pytest.mark.parametrize("value", ["bogus", "TANH", None, math.nan])
def test_a_value_a_fixed_parameter_takes_not_is_its_own_error_first(call, value):
    # gelu_new(x, approximate='bogus') was told "use gelu(x, approximate='bogus')", refused in turn
    with pytest.raises((ParameterError, TypeError), match="approximate must be 'none' or 'tanh'"):
        call(value)


def test_a_dtype_key_in_any_case_and_a_dtype_of_none():
    # {'DTYPE': 'float16'}: "sigmoid has no parameter 'DTYPE'", where the command line reads sigmoid:DTYPE=half
    fig = actplot.plot([("sigmoid", {"DTYPE": "float16"})])
    assert (
        "sigmoid in float16" in " ".join(t.get_text() for t in fig.texts + fig.axes[0].texts) + fig.axes[0].get_title()
    )
    # {'dtype': None} is no dtype, as dtype=None: float32 (it gave float64)
    assert actplot.limits("sigmoid", {"dtype": None}).dtype == "float32"


@pytest.mark.parametrize(
    "args, kwargs, call, values",
    [
        # it said 'actplot check gelu', the command line's words, without the settings given
        (
            ("geglu",),
            {"approximate": "tanh"},
            "actplot.check('gelu', x, y, approximate='tanh')",
            "actplot.geglu(np.stack([a, b], axis=-1), approximate='tanh')",
        ),
        (
            ("glu",),
            {"gate": "first", "dtype": "bfloat16", "compat": "jax"},
            "actplot.check('sigmoid', x, y, dtype='bfloat16', compat='jax')",
            "actplot.glu(np.stack([a, b], axis=-1), gate='first', dtype='bfloat16')",
        ),
        (("glu@jax",), {}, "actplot.check('sigmoid', x, y, compat='jax')", "actplot.glu(np.stack([a, b], axis=-1))"),
        # the spelling's settings and dtype, which were dropped
        (
            ("swiglu@jax:gate=first,dtype=half",),
            {},
            "actplot.check('silu', x, y, dtype='float16', compat='jax')",
            "actplot.swiglu(np.stack([a, b], axis=-1), gate='first', dtype='float16')",
        ),
        (
            ("swiglu",),
            {"dtype": "half"},
            "actplot.check('silu', x, y, dtype='float16')",
            "actplot.swiglu(np.stack([a, b], axis=-1), dtype='float16')",
        ),
        # the unit's values under a framework whose defaults differ from the function's own
        # ('actplot geglu --compat keras', a command line, was said in Python)
        (
            ("geglu",),
            {"compat": "keras"},
            "actplot.check('gelu', x, y, compat='keras')",
            "actplot.geglu(np.stack([a, b], axis=-1))",
        ),
    ],
)
def test_python_check_of_a_gated_unit_says_its_gates_check_in_python_with_the_settings(args, kwargs, call, values):
    with pytest.raises(CompareError) as caught:
        actplot.check(*args, [1.0], [0.5], **kwargs)
    # correctly rounded in a narrower dtype; in float64 actplot's own values, which it said were too
    said = (
        "the correctly rounded values of"
        if "dtype=" in values
        else "actplot's float64 values (within a few ulp of the exact ones; correctly rounded with dtype=) of"
    )
    assert str(caught.value).endswith(
        f"check its gate on x, y pairs ({call}), or compare with {said} {values}, a row of [a, b] each"
    )
    x, y = [0.5], [0.6]
    assert eval(call, {"actplot": actplot, "x": x, "y": y}).count == 1  # it runs as said
    # and so do the unit's values, the command line's for the same settings on 'a b' rows
    a, b = np.array([0.5, -2.0]), np.array([1.5, 3.0])
    got = eval(values, {"actplot": actplot, "np": np, "a": a, "b": b})
    record = functions.get(args[0].partition("@")[0].partition(":")[0])
    framework = kwargs.get("compat") or functions.spelling(args[0]).framework or "torch"
    spelt = {**functions.spelt_settings(args[0]), **{k: v for k, v in kwargs.items() if record.parameter(k)}}
    dtype = functions.spelt_dtype(args[0], functions.spelling(args[0])) or kwargs.get("dtype")
    line = [record.name, *functions.command_options(record, spelt, framework), "--precision", "17"]
    line += ["--compat", framework, *(["--dtype", dtype] if dtype else [])]
    result = CliRunner().invoke(cli, line, input="0.5 1.5\n-2 3\n")
    assert result.exit_code == 0, result.output
    np.testing.assert_array_equal(np.asarray(got, dtype=np.float64).ravel(), [float(v) for v in result.output.split()])
    # the settings' own faults are said first
    with pytest.raises(ParameterError):
        actplot.check("geglu", x, y, approximate="nope")
    with pytest.raises(TypeError, match="geglu\\(\\) has no parameter 'alpha'"):
        actplot.check("geglu", x, y, alpha=2.0)


@pytest.mark.parametrize(
    "function, kwargs, error, message",
    [
        ("geglu:approximate=bogus", {}, KeyError, "'geglu:approximate=bogus': approximate is one of none, tanh"),
        ("geglu:alpha=1", {}, KeyError, "'geglu:alpha=1': geglu has no parameter 'alpha'"),
        ("geglu:dtype=float99", {}, KeyError, "'geglu:dtype=float99': "),
        ("geglu:dtype=half,dtype=bf16", {}, KeyError, "dtype is given twice"),
        (
            "geglu:approximate=tanh",
            {"approximate": "none"},
            TypeError,
            "says approximate='tanh' and the call says approximate='none': give one",
        ),
        (
            "geglu:dtype=half",
            {"dtype": "bfloat16"},
            TypeError,
            "says dtype='float16' and the call says dtype='bfloat16': give one",
        ),
        ("geglu@jax", {"compat": "keras"}, TypeError, "says compat='jax' and the call says compat='keras': give one"),
        # the defaults said explicitly (check('geglu@jax', ..., compat='torch') was hinted under jax)
        ("geglu@jax", {"compat": "torch"}, TypeError, "says compat='jax' and the call says compat='torch': give one"),
        ("geglu:dtype=half", {"dtype": "float64"}, TypeError, "says dtype='float16' and the call says dtype='float64'"),
        # worst was not looked at, and dropped from the hint
        ("geglu", {"worst": -1}, CompareError, "worst must be 0 or more, not -1"),
        ("geglu", {"worst": "x"}, TypeError, "worst must be a whole number, not str"),
        ("geglu", {"worst": 3}, CompareError, "(actplot.check('gelu', x, y, worst=3))"),
    ],
)
def test_python_check_of_a_gated_units_spelling_says_its_faults_first(function, kwargs, error, message):
    with pytest.raises(error) as caught:
        actplot.check(function, [1.0], [0.5], **kwargs)
    assert message in str(caught.value)


@pytest.mark.parametrize(
    "f, g, kwargs, call, line",
    [
        # diff(..., dtype='float16') was said, which compares sigmoid with itself; then a command line
        (
            "sigmoid",
            ("sigmoid", {"dtype": "float16"}),
            {},
            "actplot.check('sigmoid', xs, actplot.sigmoid(xs, dtype='float16'))",
            "actplot sigmoid --dtype float16 --range -5 5 --precision 17 | actplot check sigmoid",
        ),
        (
            ("leaky_relu", {"alpha": 0.2, "dtype": "bf16"}),
            ("leaky_relu", {"alpha": 0.2}),
            {"dtype": "float32", "range": (-1, "1/3"), "num": 5},
            "actplot.check('leaky_relu', xs, actplot.leaky_relu(xs, alpha=0.2, dtype='bfloat16'), alpha=0.2,"
            " dtype='float32')",
            "actplot leaky_relu --alpha 0.2 --dtype bfloat16 --range -1 1/3 --num 5 --precision 17"
            " | actplot check leaky_relu --alpha 0.2 --dtype float32",
        ),
        (
            ("gelu", {"dtype": "float16"}, "jax"),
            ("gelu", {}, "jax"),
            {},
            "actplot.check('gelu', xs, actplot.gelu(xs, approximate='tanh', dtype='float16'), compat='jax')",
            "actplot gelu --compat jax --dtype float16 --range -5 5 --precision 17 | actplot check gelu --compat jax",
        ),
    ],
)
def test_python_diff_of_one_function_in_two_dtypes_names_checks_calls(f, g, kwargs, call, line):
    import subprocess

    with pytest.raises(CompareError) as caught:
        actplot.diff(f, g, **kwargs)
    name, coarse = line.split()[1], line.split("--dtype ")[1].split()[0]
    fine = line.rpartition("--dtype ")[2] if line.count("--dtype") == 2 else None
    exact = f"{name} in {fine}" if fine else "the exact values"
    message = str(caught.value)
    assert message.startswith(
        f"diff takes one dtype for both sides, and here they differ in nothing else; how far {name} in {coarse}"
        f" is from {exact}: x = np.linspace("
    )
    assert message.endswith(f"; xs = actplot.identity(x, dtype={coarse!r}); {call}")
    # pasted, over diff's samples (diff has no x: 'over your x' was a NameError), it says what the
    # command line's pipeline says
    namespace = {"actplot": actplot, "np": np}
    *statements, last = message.partition(": x = ")[2].join(["x = ", ""]).split("; ")
    for statement in statements:
        exec(statement, namespace)
    checked = eval(last, namespace)
    piped = subprocess.run(f"{line} --format json", shell=True, capture_output=True, text=True)
    assert piped.returncode == 0
    assert (checked.count, checked.max_ulp) == (json.loads(piped.stdout)["count"], json.loads(piped.stdout)["max_ulp"])
    # another function, or the same dtype on both sides, is what it was
    with pytest.raises(CompareError, match=re.escape("diff takes one dtype for both sides: diff(..., dtype=")):
        actplot.diff(("sigmoid", {"dtype": "float16"}), "tanh")


@pytest.mark.parametrize(
    "function", [("sigmoid", {"dtype": "half"}), ("sigmoid", {"DTYPE": "bf16"}), "sigmoid:dtype=half"]
)
def test_python_sheet_has_no_dtype_as_the_command_lines(function):
    # it drew 'sigmoid in float16', where 'actplot sheet sigmoid:dtype=half' is refused: the panels are exact
    with pytest.raises(ValueError) as caught:
        actplot.sheet([function, "tanh"])
    assert str(caught.value) == (
        f"{function!r}: sheet has no dtype (its panels are the exact functions, in float64); actplot.plot draws one"
    )
    if isinstance(function, tuple):  # as it says (a spelling is the command line's, said so by plot)
        labels = [line.get_label() for line in actplot.plot([function, "tanh"]).axes[0].lines]
        assert labels[0].startswith("sigmoid in ") and labels[1] == "tanh"


def test_python_diff_of_sides_in_one_dtype_runs_in_it():
    # ('sigmoid', {'dtype': 'half'}) beside 'tanh:dtype=half' was told dtype=, which both give
    both = actplot.diff(("sigmoid", {"dtype": "half"}), "tanh:dtype=float16")
    assert both == actplot.diff("sigmoid", "tanh", dtype="float16")
    assert actplot.diff("sigmoid", ("tanh", {"DTYPE": "half"}), dtype="float16") == both
    with pytest.raises(CompareError) as caught:
        actplot.diff("sigmoid:dtype=half", ("tanh", {"dtype": "half"}), dtype="bfloat16")
    assert str(caught.value) == "dtype='bfloat16' applies to no side here: each names its own dtype; give one"
    # neither dtype holding the other's values: a plot of both (it was dtype=, comparing sigmoid with itself)
    with pytest.raises(CompareError) as caught:
        actplot.diff("sigmoid:dtype=float8_e5m2", "sigmoid:dtype=float8_e4m3fn")
    assert str(caught.value).endswith(
        "neither dtype holds the other's values; plot draws both: actplot.plot([('sigmoid', {'dtype':"
        " 'float8_e5m2'}), ('sigmoid', {'dtype': 'float8_e4m3fn'})], range=(-5, 5))"
    )
    with pytest.raises(CompareError) as caught:  # (it was dtype='float16')
        actplot.diff(("sigmoid", {"dtype": "float16"}), ("sigmoid", {"dtype": "bfloat16"}))
    hint = str(caught.value).partition("plot draws both: ")[2]
    assert (
        hint == "actplot.plot([('sigmoid', {'dtype': 'bfloat16'}), ('sigmoid', {'dtype': 'float16'})], range=(-5, 5))"
    )
    assert [line.get_label() for line in eval(hint).axes[0].lines][:2] == ["sigmoid in bfloat16", "sigmoid in float16"]


@pytest.mark.parametrize(
    "kwargs, message",
    [
        # the range's fault first: the hint named --range 2 1, refused in turn; num=0 was dropped
        ({"range": (2, 1)}, "range is reversed: 2 > 1"),
        ({"num": 0}, "the number of points must be at least 1, not 0"),
        ({"range": (0, 1), "step": -1}, "step must be positive, not -1"),
    ],
)
def test_python_diff_in_two_dtypes_says_the_ranges_fault_first(kwargs, message):
    for g in (("sigmoid", {"dtype": "bfloat16"}), "tanh"):
        with pytest.raises(ValueError) as caught:
            actplot.diff(("sigmoid", {"dtype": "half"}), g, **kwargs)
        assert str(caught.value) == message


def test_python_diff_of_one_function_in_two_dtypes_reads_a_spellings_settings():
    # 'gelu:approximate=tanh,dtype=half' beside gelu_new was told dtype=, which keeps the spelling refused
    with pytest.raises(CompareError) as caught:
        actplot.diff("gelu_new", "gelu:approximate=tanh,dtype=half")
    assert str(caught.value).endswith(
        "how far gelu_new in float16 is from the exact values: x = np.linspace(-5.0, 5.0, 101);"
        " xs = actplot.identity(x, dtype='float16');"
        " actplot.check('gelu_new', xs, actplot.gelu_new(xs, dtype='float16'))"
    )
    # and over samples beyond one dtype, that first (the pipeline read NaN against NaN: 0 ulp)
    with pytest.raises(ValueError, match="2 of 3 samples are beyond float8_e4m3fn's largest value 448"):
        actplot.diff("sigmoid:dtype=float8_e4m3fn", "sigmoid:dtype=half", range=(-1000, 1000), num=3)
    # a gated unit's setting said in the spelling and by keyword alike is one
    with pytest.raises(CompareError, match=re.escape("actplot.swiglu(np.stack([a, b], axis=-1), gate='first'),")):
        actplot.check("swiglu:gate=first", [1.0], [1.0], gate="first")


def test_python_diff_of_a_gated_unit_in_two_dtypes_names_its_values():
    # it fell to "diff(..., dtype='float16')", which compares geglu with itself; check takes no gated unit
    with pytest.raises(CompareError) as caught:
        actplot.diff("geglu", ("geglu", {"dtype": "half"}), range=(0, 1), num=3)
    assert str(caught.value) == (
        "diff takes one dtype for both sides, and here they differ in nothing else; geglu's correctly rounded"
        " values in float16: x = np.linspace(0.0, 1.0, 3); actplot.geglu(np.stack([np.ones_like(x), x], axis=-1),"
        " dtype='float16')"
    )
    # pasted, they are the values along the slice the command line's line gives (a = 1, b = x)
    namespace = {"actplot": actplot, "np": np}
    *statements, last = str(caught.value).partition("float16: ")[2].split("; ")
    for statement in statements:
        exec(statement, namespace)
    line = CliRunner().invoke(
        cli, ["geglu", "--dtype", "float16", "--range", "0", "1", "--num", "3", "--precision", "17"]
    )
    values = [float(row.split()[-1]) for row in line.output.splitlines()]
    np.testing.assert_array_equal(np.asarray(eval(last, namespace), dtype=np.float64).ravel(), values)


@pytest.mark.parametrize(
    "call, message",
    [
        # sheet([]) drew all 59 functions, sheet(family=[]) every family; plot(()) was "a function is a name ..."
        (lambda: actplot.sheet([]), "no function given: leave it out for all"),
        (lambda: actplot.sheet(()), "no function given: leave it out for all"),
        (lambda: actplot.sheet(family=[]), "no family given: leave it out for all"),
        (lambda: actplot.plot(()), "no function to plot"),
    ],
)
def test_an_empty_list_of_functions_or_families_draws_nothing(call, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        call()


def test_a_tuple_of_names_is_several_functions():
    # ('sigmoid', 'tanh') was one function: "a function is a name, a pair ..., not ('sigmoid', 'tanh')"
    labels = [line.get_label() for line in actplot.plot(("sigmoid", ("tanh", {}))).axes[0].get_lines()]
    assert labels[:2] == ["sigmoid", "tanh"]
    assert len(actplot.sheet(("sigmoid", "relu")).axes) == 2
    # a pair or a triple is one function; a name beside a framework is said as no pair
    assert len(actplot.plot(("gelu", {"approximate": "tanh"}, "jax")).axes[0].get_lines()) >= 1
    with pytest.raises(TypeError, match=re.escape("triple, not ('gelu', 'jax')")):
        actplot.plot(("gelu", "jax"))


@pytest.mark.parametrize("entry", ["diff", "check"])
@pytest.mark.parametrize(
    "name", [n for n in functions.names() if functions.get(n).vector and not functions.get(n).gated]
)
def test_python_refuses_a_vector_function_in_its_own_words(entry, name):
    # "'actplot diff' takes functions of one number", the command line's words, was said in Python
    call = {"diff": lambda: actplot.diff(name, "relu"), "check": lambda: actplot.check(name, [1.0], [1.0])}[entry]
    with pytest.raises(CompareError) as caught:
        call()
    assert str(caught.value) == f"{name} is a vector function: actplot.{entry} takes functions of one number"


@pytest.mark.parametrize(
    "given, expected",
    [
        ({"approximate": False}, {"approximate": "none"}),
        ({"approximate": True}, {"approximate": "tanh"}),
    ],
)
def test_stats_and_limits_say_the_parameters_as_the_function_takes_them(given, expected):
    # stats('gelu', approximate=False).params was {'approximate': False}, where check's says 'none'
    assert actplot.stats("gelu", **given).params == expected
    assert actplot.limits("gelu", given).params == expected
    assert actplot.check("gelu", [1.0], [0.8], **given).params == expected
    alpha = actplot.stats("leaky_relu", alpha=np.float32(0.1)).params["alpha"]
    assert type(alpha) is float and alpha == float(np.float32(0.1))


@pytest.mark.parametrize(
    "call, hint",
    [
        # lines= was dropped: pasted, the worst line was said as line 1, not 4
        (
            lambda lines: actplot.check("sigmoid:dtype=half", [1.0], [0.73], lines=lines),
            "actplot.check('sigmoid', x, y, dtype='float16', lines=lines)",
        ),
        (
            lambda lines: actplot.check("gelu_new", [1.0], [0.8], approximate="none", worst=3, lines=lines),
            "actplot.check('gelu', x, y, approximate='none', worst=3, lines=lines)",
        ),
        (
            lambda lines: actplot.check("swiglu", [1.0], [0.8], worst=1, lines=lines),
            "actplot.check('silu', x, y, worst=1, lines=lines)",
        ),
    ],
)
def test_a_check_hint_keeps_its_lines_by_name(call, hint):
    with pytest.raises((KeyError, TypeError, CompareError)) as caught:
        call([4])
    message = caught.value.args[0]
    assert hint in message
    x, y, lines = [1.0], [0.5], [4]  # noqa: F841 (the hint's names)
    assert eval(hint).max_ulp_line == 4  # the hint, pasted, says the line given


@pytest.mark.parametrize(
    "call, hint",
    [
        # "use gelu(x, approximate='none')": the dtype lost, and the derivative told the function
        (
            lambda: actplot.gelu_new(1.5, approximate="none", dtype="half"),
            "actplot.gelu(x, approximate='none', dtype='half')",
        ),
        (lambda: actplot.gelu_fast([1.5], approximate=False), "actplot.gelu(x, approximate=False)"),
        (
            lambda: actplot.get("gelu_new").derivative(1.5, approximate="none", dtype="bfloat16"),
            "actplot.get('gelu').derivative(x, approximate='none', dtype='bfloat16')",
        ),
        (
            lambda: actplot.get("gelu_python").derivative(1.5, approximate="tanh"),
            "actplot.get('gelu').derivative(x, approximate='tanh')",
        ),
    ],
)
def test_a_functions_hint_for_what_its_name_fixes_keeps_the_dtype_and_the_derivative(call, hint):
    with pytest.raises(TypeError) as caught:
        call()
    said = hint if "derivative" in hint else hint.removeprefix("actplot.")  # (gelu(x, ...), as the functions say it)
    assert str(caught.value).endswith(f"use {said}")
    x = 1.5  # noqa: F841 (the hint's name)
    expected = {"gelu": actplot.gelu, "derivative": actplot.get("gelu").derivative}
    pasted = eval(hint)
    entry = expected["derivative" if "derivative" in hint else "gelu"]
    kwargs = eval(f"dict({hint.partition('(x, ')[2][:-1]})")
    assert np.asarray(pasted, dtype=np.float64) == np.asarray(entry(1.5, **kwargs), dtype=np.float64)
    # another parameter's fault first: gelu_new(x, approximate='none', bogus=1) was told gelu(x, approximate='none')
    with pytest.raises(TypeError, match="has no parameter 'bogus'"):
        actplot.gelu_new(1.5, approximate="none", bogus=1)


@pytest.mark.parametrize(
    "call, error, message",
    [
        # raw errors: "'NoneType' object has no attribute 'lower'", "'int' object is not iterable",
        # "The truth value of an empty array is ambiguous"
        (lambda: actplot.sheet(family=[None]), TypeError, "a family is a name ('relu', 'sigmoid', ...: "),
        (lambda: actplot.sheet(family=1), TypeError, "a family is a name ('relu', 'sigmoid', ...: "),
        (lambda: actplot.sheet(family=b"relu"), TypeError, "not b'relu'"),
        (lambda: actplot.sheet(family=np.array([], dtype=str)), ValueError, "no family given"),
        (lambda: actplot.sheet(family=iter([])), ValueError, "no family given"),
        # b'relu' was read as numbers ("not 114"); a set drew in hash order, the file's bytes by the run
        (lambda: actplot.plot(b"relu"), TypeError, "(give a name or a list), not b'relu'"),
        (lambda: actplot.plot({"sigmoid", "tanh"}), TypeError, "(a set has no order; give a list)"),
        (lambda: actplot.sheet(frozenset({"relu"})), TypeError, "(a set has no order; give a list)"),
        (lambda: actplot.sheet("sigmoid", family=""), KeyError, "no family named ''; families: linear, "),
    ],
)
def test_odd_lists_of_functions_and_families_are_said(call, error, message):
    with pytest.raises(error, match=re.escape(message)):
        call()
    # and families as any iterable of names, a set too (they filter; the order is the functions')
    assert len(actplot.sheet(family={"relu"}).axes) == len(actplot.sheet(family=np.array(["relu"])).axes) > 1


@pytest.mark.parametrize(
    "call, message",
    [
        # ('gelu', {}, 'JAX') beside compat='jax' was "compat='jax' applies to no function here", and
        # ('gelu', {}, None) "compat must be one of ..., not None", as if the call's
        (
            lambda: actplot.plot(("gelu", {}, "JAX"), compat="jax"),
            "('gelu', {}, 'JAX'): its framework (the third item)",
        ),
        (
            lambda: actplot.plot(("gelu", {}, None)),
            "('gelu', {}, None): its framework (the third item) is one of torch",
        ),
        (lambda: actplot.diff(("gelu", {}, " jax"), "relu"), "('gelu', {}, ' jax'): its framework (the third item)"),
        (lambda: actplot.sheet([("relu", {}, "bogus")]), "('relu', {}, 'bogus'): its framework (the third item)"),
    ],
)
def test_a_triples_framework_that_is_none_is_said_as_the_triples(call, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        call()


@pytest.mark.parametrize("kwargs", [{"dtype": "float64"}, {"dtype": None}, {"DTYPE": "half"}])
def test_stats_given_a_dtype_says_it_has_none(kwargs):
    # "sigmoid() has no parameter 'dtype'"
    with pytest.raises(TypeError, match=re.escape("stats has no dtype: its figures are the exact function's")):
        actplot.stats("sigmoid", **kwargs)


def test_a_sheet_of_named_functions_says_those_of_no_family_given():
    # sheet(['relu', 'tanh'], family='relu') drew relu alone, without a word of tanh
    with pytest.raises(ValueError, match=re.escape("tanh (of sigmoid) is of no family given (relu): leave out")):
        actplot.sheet(["relu", "tanh"], family="relu")
    assert len(actplot.sheet(["relu", "gelu"], family=["relu", "gelu"]).axes) == 2
    result = CliRunner().invoke(cli, ["sheet", "relu", "tanh", "--family", "relu", "-o", "never.png"])
    assert result.exit_code == 2 and "tanh (of sigmoid) is of no family given (relu)" in result.output


@pytest.mark.parametrize("f", [("softmax", {"dtype": "float16"}), "softmax:dtype=half"])
def test_python_diff_of_a_vector_function_in_a_dtype_says_it_is_a_vector_function(f):
    # it was told check's question, which check refuses in turn ('softmax is a vector function')
    with pytest.raises(
        CompareError, match="^softmax is a vector function: actplot.diff takes functions of one number$"
    ):
        actplot.diff(f, "softmax")
