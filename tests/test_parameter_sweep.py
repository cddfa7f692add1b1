"""Random parameter values over each function's whole domain, each at random inputs over the whole
double range (log-uniform magnitudes, both signs) and around the kinks the parameters put: every
value and derivative within 4 ulp of the mpmath reference. Slow (minutes): CI skips it; run with
``python -m pytest -m slow tests/test_parameter_sweep.py``."""

from __future__ import annotations

from functools import partial

import numpy as np
import pytest
from reference import ULP_TOLERANCE, Case, strict_floating_point, ulp_error

import actplot

pytestmark = pytest.mark.slow

SEED = 20261130
PARAMETER_DRAWS = 12
POINTS = 400


def _log_uniform(rng, low: float, high: float, size=None) -> np.ndarray:
    return 10.0 ** rng.uniform(low, high, size)


def _signed(rng, low: float, high: float) -> float:
    return float(rng.choice([-1.0, 1.0]) * _log_uniform(rng, low, high))


# Each parametric function and a draw of its parameters from their whole domain.
DRAWS = {
    "hardshrink": lambda rng: {"lambd": _signed(rng, -8, 8)},
    "softshrink": lambda rng: {"lambd": float(_log_uniform(rng, -300, 300))},
    "threshold": lambda rng: {"threshold": _signed(rng, -6, 6), "value": _signed(rng, -6, 6)},
    "thresholded_relu": lambda rng: {"theta": _signed(rng, -6, 6)},
    "prelu": lambda rng: {"weight": _signed(rng, -4, 4)},
    "rrelu": lambda rng: dict(zip(("lower", "upper"), sorted([_signed(rng, -3, 1), _signed(rng, -3, 1)]), strict=True)),
    "squareplus": lambda rng: {"b": float(_log_uniform(rng, -300, 300))},
    "isru": lambda rng: {"alpha": float(_log_uniform(rng, -300, 300))},
    "isrlu": lambda rng: {"alpha": float(_log_uniform(rng, -300, 300))},
    "snake": lambda rng: {"frequency": _signed(rng, -4, 4)},
    "soft_exponential": lambda rng: {"alpha": _signed(rng, -4, 2)},
    "selu": lambda rng: {"alpha": _signed(rng, -2, 2), "scale": _signed(rng, -2, 2)},
    "xielu": lambda rng: {
        "alpha_p": _signed(rng, -3, 3), "alpha_n": _signed(rng, -3, 3), "beta": _signed(rng, -3, 3),
        "eps": -float(_log_uniform(rng, -9, 0)),
    },
    "leaky_relu": lambda rng: {"alpha": _signed(rng, -4, 4)},
    "glu": lambda rng: {"gate": str(rng.choice(["second", "first"]))},
    "reglu": lambda rng: {"gate": str(rng.choice(["second", "first"]))},
    "swiglu": lambda rng: {"gate": str(rng.choice(["second", "first"]))},
    "geglu": lambda rng: {
        "gate": str(rng.choice(["second", "first"])), "approximate": str(rng.choice(["none", "tanh"])),
    },
}  # fmt: skip
UNPARAMETRISED = [
    "tanhshrink", "squared_relu", "sparse_plus", "sparse_sigmoid", "sqrt_softplus", "exponential", "quick_gelu",
    "gelu_10", "laplace", "arctan", "sqnl", "bent_identity", "gaussian", "sinusoid", "sinc", "lisht", "elish",
    "hard_elish", "sparsemax", "entmax15", "bilinear",
]  # fmt: skip


def _inputs(rng, record, params) -> np.ndarray:
    """Log-uniform magnitudes over the whole double range, both signs, and a spread around the
    kinks and the scale the parameters set (a threshold of 1e6 puts its corner there)."""
    x = rng.choice([-1.0, 1.0], POINTS) * _log_uniform(rng, -320, 308, POINTS)
    centres = [0.0, *record.kinks(**params)] if not record.gated else [0.0]
    scales = [abs(v) for v in params.values() if isinstance(v, float) and v != 0] + [1.0]
    near = [c + s * rng.uniform(-4, 4, 40) for c in centres for s in scales]
    return np.concatenate([x, *near])


def _rows(rng, x: np.ndarray, gated: bool) -> list[list[float]]:
    if gated:
        return [[1.0, float(v)] for v in x] + [[float(v), 1.0] for v in x] + [list(rng.choice(x, 4)) for _ in range(60)]
    return [list(rng.choice(x, n)) for n in (2, 3, 5, 8) for _ in range(50)] + [
        list(rng.normal(0, s, 6)) for s in (1e-3, 1.0, 10.0) for _ in range(40)
    ]


def _worst(case: Case, function, xs, vector: bool, derivative: bool) -> tuple[float, object]:
    worst = (0.0, None)
    with strict_floating_point():
        if vector:
            for row in xs:
                computed = np.asarray(function(np.array(row)), dtype=np.float64).tolist()
                for i, (c, e) in enumerate(zip(computed, case.exact(row, derivative), strict=True)):
                    error = ulp_error(c, e)
                    worst = max(worst, (error, (row, i)), key=lambda w: w[0])
        else:
            computed = np.asarray(function(xs), dtype=np.float64).tolist()
            for x, c in zip(xs.tolist(), computed, strict=True):
                error = ulp_error(c, case.exact(x, derivative))
                worst = max(worst, (error, x), key=lambda w: w[0])
    return worst


def _sweep(name: str, params: dict, rng) -> None:
    record = actplot.get(name)
    case = Case(name, tuple(params.items()))
    x = _inputs(rng, record, params)
    vector = record.vector
    xs = _rows(rng, x, record.gated) if vector else x
    for derivative in (False, True):
        function = partial(record.derivative if derivative else record.function, **params)
        error, where = _worst(case, function, xs, vector, derivative)
        assert error <= ULP_TOLERANCE, f"{case}{chr(39) * derivative} at {where!r}: {error:.3g} ulp"


@pytest.mark.parametrize("name", sorted(DRAWS))
def test_random_parameters_over_the_whole_domain_stay_within_4_ulp(name):
    rng = np.random.default_rng([SEED, sum(map(ord, name))])
    for _ in range(PARAMETER_DRAWS):
        _sweep(name, DRAWS[name](rng), rng)


@pytest.mark.parametrize("name", UNPARAMETRISED)
def test_random_inputs_over_the_whole_range_stay_within_4_ulp(name):
    rng = np.random.default_rng([SEED, sum(map(ord, name))])
    for _ in range(3):
        _sweep(name, {}, rng)


def test_the_sweep_covers_every_new_function():
    before = {
        "identity", "step", "sigmoid", "tanh", "softsign", "hard_sigmoid", "relu", "leaky_relu", "relu6", "hard_tanh",
        "elu", "selu", "celu", "softplus", "log_sigmoid", "gelu", "silu", "mish", "hard_swish", "softmax",
        "log_softmax", "softmin",
    }  # fmt: skip
    assert set(actplot.names()) - before <= set(DRAWS) | set(UNPARAMETRISED)
