"""The registry of every activation: each name a framework uses resolves to its function (and names
that fix parameters fix them), the kink conventions of each framework, the exact (mpmath) forms of
the records against the tests' own reference, and the sparse maps and gated units by their
definitions."""

from __future__ import annotations

import math

import numpy as np
import pytest
from mpmath import mp, mpf
from reference import CASES, PREC, Case

import actplot
from actplot import functions
from actplot.functions import FAMILIES, FRAMEWORKS, NAME_COLUMNS

# --- names ------------------------------------------------------------------------------------

# The SPEC's list of names that must resolve (section Functions, "Names"): name -> (function,
# parameters the name fixes).
SPEC_NAMES = {
    "hardswish": ("hard_swish", {}),
    "hardsigmoid": ("hard_sigmoid", {}),
    "hardtanh": ("hard_tanh", {}),
    "logsigmoid": ("log_sigmoid", {}),
    "LogSoftmax": ("log_softmax", {}),
    "Softmin": ("softmin", {}),
    "SiLU": ("silu", {}),
    "hard_silu": ("hard_swish", {}),
    "soft_sign": ("softsign", {}),
    "tanh_shrink": ("tanhshrink", {}),
    "hard_shrink": ("hardshrink", {}),
    "soft_shrink": ("softshrink", {}),
    "HardSwish": ("hard_swish", {}),
    "ThresholdedRelu": ("thresholded_relu", {}),
    "Shrink": ("hardshrink", {}),
    "gelu_new": ("gelu", {"approximate": "tanh"}),
    "gelu_fast": ("gelu", {"approximate": "tanh"}),
    "gelu_pytorch_tanh": ("gelu", {"approximate": "tanh"}),
    "gelu_accurate": ("gelu", {"approximate": "tanh"}),
    "gelu_python": ("gelu", {"approximate": "none"}),
    "quick_gelu": ("quick_gelu", {}),
    "relu2": ("squared_relu", {}),
    "gelu_10": ("gelu_10", {}),
    "laplace": ("laplace", {}),
    "swish": ("silu", {}),
    "silu": ("silu", {}),
}

# The research note's summary table of names (/work/notes/functions.md, section G, with the Hugging
# Face keys of section C), written out here independently of the records: function -> names that
# PyTorch (functional and module), JAX, Keras 3, TensorFlow, ONNX and Hugging Face give it.
RESEARCH_TABLE = {
    "identity": ["Identity", "identity", "linear"],
    "step": ["step", "heaviside"],
    "sigmoid": ["sigmoid", "Sigmoid"],
    "tanh": ["tanh", "Tanh"],
    "relu": ["relu", "ReLU", "Relu"],
    "leaky_relu": ["leaky_relu", "LeakyReLU", "LeakyRelu"],
    "elu": ["elu", "ELU", "Elu"],
    "selu": ["selu", "SELU", "Selu"],
    "celu": ["celu", "CELU", "Celu"],
    "gelu": [
        "gelu", "GELU", "Gelu", "gelu_new", "gelu_fast", "gelu_python", "gelu_pytorch_tanh", "gelu_python_tanh",
        "gelu_accurate",
    ],
    "silu": ["silu", "SiLU", "swish", "Swish"],
    "mish": ["mish", "Mish"],
    "softplus": ["softplus", "Softplus"],
    "softsign": ["softsign", "Softsign", "soft_sign"],
    "relu6": ["relu6", "ReLU6"],
    "hard_sigmoid": ["hardsigmoid", "Hardsigmoid", "hard_sigmoid", "HardSigmoid"],
    "hard_swish": ["hardswish", "Hardswish", "hard_swish", "hard_silu", "HardSwish"],
    "hard_tanh": ["hardtanh", "Hardtanh", "hard_tanh"],
    "log_sigmoid": ["logsigmoid", "LogSigmoid", "log_sigmoid"],
    "softmax": ["softmax", "Softmax", "Softmax2d"],
    "log_softmax": ["log_softmax", "LogSoftmax"],
    "softmin": ["softmin", "Softmin"],
    "hardshrink": ["hardshrink", "Hardshrink", "hard_shrink", "Shrink"],
    "softshrink": ["softshrink", "Softshrink", "soft_shrink"],
    "tanhshrink": ["tanhshrink", "Tanhshrink", "tanh_shrink"],
    "threshold": ["threshold", "Threshold"],
    "thresholded_relu": ["thresholded_relu", "ThresholdedReLU", "ThresholdedRelu"],
    "prelu": ["prelu", "PReLU", "PRelu"],
    "rrelu": ["rrelu", "RReLU"],
    "squared_relu": ["squared_relu", "relu2"],
    "sparse_plus": ["sparse_plus"],
    "sparse_sigmoid": ["sparse_sigmoid"],
    "squareplus": ["squareplus"],
    "exponential": ["exponential", "exp", "Exp"],
    "quick_gelu": ["quick_gelu"],
    "gelu_10": ["gelu_10"],
    "laplace": ["laplace"],
    "arctan": ["arctan", "atan", "Atan"],
    "sinusoid": ["sinusoid", "sin", "Sin"],
    "sqrt_softplus": ["sqrtsoftplus"],
    "xielu": ["xielu"],
    "sparsemax": ["sparsemax"],
    "glu": ["glu", "GLU"],
    **{
        name: [name]
        for name in (
            "isru", "isrlu", "sqnl", "bent_identity", "gaussian", "sinc", "lisht", "snake", "elish", "hard_elish",
            "soft_exponential", "entmax15", "reglu", "geglu", "swiglu", "bilinear",
        )
    },
}  # fmt: skip


def _spellings(name: str) -> list[str]:
    """The name as given, in other cases, and with - for _ (and back)."""
    return [name, name.lower(), name.upper(), name.replace("_", "-"), name.replace("-", "_").swapcase()]


def test_every_function_of_the_spec_and_the_research_table_is_there():
    assert set(RESEARCH_TABLE) == set(actplot.names())
    assert len(actplot.names()) >= 55


@pytest.mark.parametrize(("name", "expected"), SPEC_NAMES.items(), ids=list(SPEC_NAMES))
def test_every_name_of_the_spec_resolves_with_the_parameters_it_fixes(name, expected):
    function, fixed = expected
    for spelling in _spellings(name):
        record = actplot.get(spelling)
        assert (record.name, dict(record.fixed)) == (function, fixed), spelling


@pytest.mark.parametrize("function", sorted(RESEARCH_TABLE))
def test_every_name_of_the_research_table_resolves(function):
    for name in RESEARCH_TABLE[function]:
        for spelling in _spellings(name):
            assert actplot.get(spelling).name == function, spelling


def test_the_name_table_has_a_row_per_function_and_a_column_per_framework():
    table = functions.name_table()
    assert [name for name, _ in table] == actplot.names()
    assert all(list(cells) == list(NAME_COLUMNS) for _, cells in table)
    cells = dict(table)
    assert cells["hard_swish"]["torch"] == "hardswish" and cells["hard_swish"]["onnx"] == "HardSwish"
    assert "gelu_pytorch_tanh" in cells["gelu"]["hf"]


def test_a_note_in_the_name_table_is_not_a_name():
    # ONNX's Shrink is hardshrink with its defaults; softshrink is Shrink with bias = lambd: a note
    assert actplot.get("shrink").name == "hardshrink"
    assert functions.listed_names("(Shrink with bias = lambd)") == []
    assert functions.listed_names("leaky_relu (layer LeakyReLU, slope 0.3), x") == ["leaky_relu", "x"]
    # a note may hold parentheses of its own (the whole note was taken for a name)
    assert functions.listed_names("ThresholdedReLU (Keras 3: relu(threshold=theta)), y") == ["ThresholdedReLU", "y"]
    assert actplot.get("thresholded_relu").names_in("keras") == ["ThresholdedReLU"]
    # every framework's sinc is sin(πx)/(πx): no framework name for actplot's sin(x)/x
    assert all(actplot.get("sinc").names_in(column) == [] for column in NAME_COLUMNS)


def test_an_unknown_name_suggests_functions_by_their_canonical_names():
    with pytest.raises(KeyError, match="did you mean hard_swish"):
        actplot.get("hardswsh")
    assert functions.suggest("sigmoyd") == ["sigmoid", "log_sigmoid", "hard_sigmoid"]


def test_a_name_that_fixes_parameters_computes_with_them():
    x = np.linspace(-4.0, 4.0, 33)
    tanh_form = actplot.gelu(x, approximate="tanh")
    assert actplot.get("gelu_new").function(x).tobytes() == tanh_form.tobytes()
    assert actplot.gelu_pytorch_tanh(x).tobytes() == tanh_form.tobytes()
    assert actplot.get("gelu_python").function(x).tobytes() == actplot.gelu(x).tobytes()
    record = actplot.get("gelu_new")
    assert record.parameters == () and record.alias == "gelu_new"
    # no framework's defaults undo what the name fixes
    assert all("approximate" not in record.defaults(fw) for fw in FRAMEWORKS)
    assert record.derivative(x).tobytes() == actplot.get("gelu").derivative(x, approximate="tanh").tobytes()


def test_each_family_is_a_module_listed_in_order():
    records = [actplot.get(name) for name in actplot.names()]
    assert [r.family for r in records] == [m.FAMILY for m in FAMILIES for _ in m.RECORDS]
    assert all(r.source for r in records), [r.name for r in records if not r.source]
    assert all(r.names for r in records if r.name not in RESEARCH_TABLE_WITHOUT_FRAMEWORK)


# Functions no framework has (the classics of the surveys, entmax15, the gated variants)
RESEARCH_TABLE_WITHOUT_FRAMEWORK = {
    "isru", "isrlu", "sqnl", "bent_identity", "gaussian", "sinc", "lisht", "snake", "elish", "hard_elish",
    "soft_exponential", "entmax15", "reglu", "geglu", "swiglu", "bilinear",
}  # fmt: skip


# --- the derivative at kinks, each framework's ----------------------------------------------------

ONNX_LEAKY = float(np.float32(0.01))
ONNX_SLOPE = float(np.float32(0.2))
ONNX_SELU = float(np.float32(1.6732632423543772)) * float(np.float32(1.0507009873554805))
SELU_SCALE_ALPHA = 1.7580993408473766
SELU_SCALE = 1.0507009873554805
FIRST_HARD_ELISH = (math.exp(-1) - 1) / 2

# (function, framework) -> the derivative at each kink under that framework's defaults, from the
# frameworks' own sources and autograd runs (the research note, sections A, B and H; TensorFlow's
# relu_op_functor.h and _ClipByValueGrad); a framework without the function takes actplot's.
AT_KINKS = {
    "relu": {fw: [0.0] for fw in FRAMEWORKS},
    "leaky_relu": {
        "torch": [0.01], "jax": [1.0], "keras": [1.0], "keras2": [0.3], "tf": [0.2], "onnx": [ONNX_LEAKY],
    },
    "relu6": {fw: [0.0, 0.0] for fw in FRAMEWORKS},
    "hard_tanh": {
        "torch": [0.0, 0.0], "jax": [1.0, 1.0], "keras": [1.0, 1.0], "keras2": [0.0, 0.0], "tf": [1.0, 1.0],
        "onnx": [0.0, 0.0],
    },
    # ONNX's float32 slope puts its corners ±0.5/slope between doubles: the doubles nearest them
    # lie on the ramp, where the derivative is the slope
    "hard_sigmoid": {**{fw: [0.0, 0.0] for fw in FRAMEWORKS}, "keras2": [0.2, 0.2], "onnx": [ONNX_SLOPE] * 2},
    "hard_swish": {fw: [0.0, 1.0] for fw in FRAMEWORKS},
    "elu": {fw: [1.0] for fw in FRAMEWORKS},
    "selu": {
        "torch": [SELU_SCALE_ALPHA], "jax": [SELU_SCALE_ALPHA], "keras": [SELU_SCALE_ALPHA], "keras2": [SELU_SCALE],
        "tf": [SELU_SCALE], "onnx": [ONNX_SELU],
    },
    "hardshrink": {fw: [0.0, 0.0] for fw in FRAMEWORKS},
    "softshrink": {fw: [0.0, 0.0] for fw in FRAMEWORKS},
    "threshold": {fw: [0.0] for fw in FRAMEWORKS},
    "thresholded_relu": {fw: [0.0] for fw in FRAMEWORKS},
    "prelu": {"torch": [0.25], "jax": [0.25], "onnx": [0.25], "keras": [0.0], "keras2": [0.0], "tf": [0.0]},
    "rrelu": {fw: [(1 / 8 + 1 / 3) / 2] for fw in FRAMEWORKS},
    "sparse_sigmoid": {**{fw: [0.25, 0.25] for fw in FRAMEWORKS}, "tf": [0.0, 0.0]},
    "hard_elish": {fw: [FIRST_HARD_ELISH, 0.5, 1.5] for fw in FRAMEWORKS},  # continuous at 0
    # at eps the left side (torch.min's tie goes to x), at 0 the left side too (x > 0 selects the square)
    "xielu": {fw: [0.8 * math.expm1(-1e-6) + 0.5, 0.5 - 0.8] for fw in FRAMEWORKS},
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(AT_KINKS))
@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_the_derivative_at_kinks_is_each_frameworks(name, framework):
    record = actplot.get(name)
    params = record.defaults(framework)
    kinks = np.array(record.kinks(**params), dtype=np.float64)
    computed = record.derivative_for(framework)(kinks, **params)
    np.testing.assert_allclose(computed, AT_KINKS[name][framework], rtol=1e-15, atol=0)


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_off_the_kinks_every_framework_has_the_same_derivative(framework):
    for name in AT_KINKS:
        record = actplot.get(name)
        params = record.defaults(framework)
        x = np.linspace(-7.3, 7.3, 147)
        x = x[~np.isin(x, record.kinks(**params))]
        assert record.derivative_for(framework)(x, **params).tobytes() == record.derivative(x, **params).tobytes()


def test_a_kink_rule_names_the_side_and_every_piecewise_function_has_one():
    for name in actplot.names():
        record = actplot.get(name)
        for framework in FRAMEWORKS:
            assert record.kink_rule_of(framework) in ("", *functions.KINK_RULES)
        if name in AT_KINKS:
            assert record.kink_default, name


def test_onnx_takes_its_float32_attributes():
    assert actplot.get("selu").defaults("onnx") == {
        "alpha": 1.67326319217681884765625,
        "scale": 1.05070102214813232421875,
    }
    assert actplot.get("hard_sigmoid").defaults("onnx") == {"slope": 0.20000000298023224}
    assert actplot.get("leaky_relu").defaults("onnx") == {"alpha": 0.009999999776482582}
    # ONNX's HardSigmoid is 0.2x + 0.5 with its float32 alpha: 1 from x = 2.4999999627...
    assert actplot.hard_sigmoid(np.array([2.5, -1.0]), **actplot.get("hard_sigmoid").defaults("onnx")).tolist() == [
        1.0,
        float(np.float32(0.2)) * -1.0 + 0.5,
    ]


# --- the exact forms of the records against the tests' reference -----------------------------------

_SCALAR_POINTS = [-1e300, -745.5, -40.0, -3.0, -1.5, -1.0, -0.75, -1e-30, 0.0, 0.3, 1.0, 2.5, 10.0, 10.5, 60.0, 1e200]
_ROWS = [[1.0, 0.8, 0.1], [-2.0, 0.0, 0.5], [3.0, 3.0, -1.0, 0.25], [0.0, -1e300, 1e-9, 2.0], [5.0]]
_GATED_ROWS = [[1.0, 2.0, 3.0, -4.0], [-0.5, 7.0, -0.75, 0.0], [1e10, -1e-10]]


def _cases_with_exact_forms() -> list[Case]:
    return [case for case in CASES if actplot.get(case.name).exact is not None]


def _close(a, b) -> bool:
    if mp.isnan(a) or mp.isnan(b):
        return bool(mp.isnan(a) and mp.isnan(b))
    if mp.isinf(a) or mp.isinf(b):
        return a == b
    return abs(a - b) <= mpf(2) ** (30 - PREC) * max(abs(a), abs(b), mpf(2) ** -1074)


@pytest.mark.parametrize("case", _cases_with_exact_forms(), ids=str)
def test_the_exact_forms_agree_with_the_reference(case):
    record = actplot.get(case.name)
    if case.gated:
        points = _GATED_ROWS
    elif case.vector:
        points = _ROWS
    else:
        points = _SCALAR_POINTS + list(record.kinks(**case.kwargs))
    with mp.workprec(PREC):
        for x in points:
            for derivative, form in ((False, record.exact), (True, record.exact_derivative)):
                if case.vector:
                    mine = form([mpf(v) for v in x], **case.kwargs)
                    theirs = case.exact(x, derivative)
                    assert all(_close(a, b) for a, b in zip(mine, theirs, strict=True)), (x, derivative, mine)
                else:
                    mine, theirs = form(mpf(x), **case.kwargs), case.exact(x, derivative)
                    assert _close(mine, theirs), (x, derivative, mine, theirs)


def test_every_new_function_has_its_exact_forms():
    # The 22 functions of before get theirs with the work on low precision (issue 11).
    older = {
        "identity", "step", "sigmoid", "tanh", "softsign", "hard_sigmoid", "relu", "leaky_relu", "relu6", "hard_tanh",
        "elu", "celu", "softplus", "log_sigmoid", "gelu", "silu", "mish", "hard_swish", "softmax", "log_softmax",
        "softmin",
    }  # fmt: skip
    for name in set(actplot.names()) - older:
        record = actplot.get(name)
        assert record.exact is not None and record.exact_derivative is not None, name


# --- sparse maps and gated units, by their definitions ------------------------------------------


def test_sparsemax_and_entmax15_reproduce_the_published_values():
    # sparsemax([-2, 0, 0.5]) and entmax15 of it: the entmax package's README
    assert actplot.sparsemax([-2.0, 0.0, 0.5]).tolist() == [0.0, 0.25, 0.75]
    assert actplot.sparsemax([1.0, 0.8, 0.1]).tolist() == [0.6, 0.4, 0.0]
    np.testing.assert_allclose(actplot.entmax15([-2.0, 0.0, 0.5]), [0.0, 0.3260, 0.6740], atol=5e-5)
    np.testing.assert_allclose(actplot.entmax15([1.0, 0.8, 0.1]), [0.5292, 0.3937, 0.0770], atol=5e-5)


@pytest.mark.parametrize("name", ["sparsemax", "entmax15"])
def test_sparse_rows_sum_to_one_with_most_entries_exactly_zero(name):
    rng = np.random.default_rng(3)
    x = rng.normal(0.0, 3.0, (200, 50))
    p = actplot.get(name).function(x)
    assert np.all(p >= 0)
    sums = np.array([math.fsum(row) for row in p])
    assert np.all(np.abs(sums - 1) <= 4 * 50 * 2.0**-52)
    assert np.mean(p == 0) > 0.5  # sparse: most entries exactly 0
    d = actplot.get(name).derivative(x)
    assert np.all(d[p == 0] == 0)  # the Jacobian's diagonal vanishes off the support


def test_the_gated_derivative_holds_both_partials_in_the_input_layout():
    a, b = np.array([1.5, -2.0]), np.array([0.25, 3.0])
    d = actplot.get("swiglu").derivative(np.concatenate([a, b]))
    np.testing.assert_array_equal(d[:2], actplot.silu(b))  # dy/da = silu(b)
    np.testing.assert_array_equal(d[2:], a * actplot.get("silu").derivative(b))  # dy/db = a silu'(b)
    first = actplot.get("swiglu").derivative(np.concatenate([a, b]), gate="first")
    np.testing.assert_array_equal(first[:2], b * actplot.get("silu").derivative(a))  # dy/da = silu'(a) b
    np.testing.assert_array_equal(first[2:], actplot.silu(a))  # dy/db = silu(a)


def test_glu_is_pytorchs_first_half_times_the_sigmoid_of_the_second():
    # torch.nn.functional.glu([1, 2, 3, 4]) = [1, 2] * sigmoid([3, 4]) (the research note, section E)
    np.testing.assert_array_equal(actplot.glu([1.0, 2.0, 3.0, 4.0]), np.array([1.0, 2.0]) * actplot.sigmoid([3.0, 4.0]))
    np.testing.assert_array_equal(
        actplot.glu([1.0, 2.0, 3.0, 4.0], gate="first"), actplot.sigmoid([1.0, 2.0]) * np.array([3.0, 4.0])
    )
    x = np.arange(24.0).reshape(2, 6, 2)
    assert actplot.glu(x, axis=1).shape == (2, 3, 2)
    np.testing.assert_array_equal(actplot.glu(x, axis=1)[:, :, 0], actplot.glu(x[:, :, 0]))
