"""Shrinkage: set small inputs to zero (hard), pull everything towards zero (soft), or keep what tanh
leaves over (tanhshrink)."""

from __future__ import annotations

import math

import numpy as np

from actplot._exact import dd_add, dd_div, dd_mul, two_prod
from actplot.functions._base import NONNEGATIVE, Activation, P, Param, indicator, mp

FAMILY = "shrinkage"
_LAMBD = Param("lambd", 0.5, "the threshold: inputs within [-lambd, lambd] become 0")


def hardshrink(x: np.ndarray, lambd: float = 0.5) -> np.ndarray:
    r"""Hard shrinkage: inputs within [-λ, λ] become 0, the others pass unchanged.

    .. math:: h(x) = \begin{cases} x & |x| > \lambda \\ 0 & |x| \le \lambda \end{cases}
    """
    return np.where(np.abs(x) > lambd, x, np.where(np.isnan(x), np.nan, 0.0))


def d_hardshrink(x: np.ndarray, lambd: float = 0.5) -> np.ndarray:
    return indicator(np.abs(x) > lambd, x)


def exact_hardshrink(x, lambd: float = 0.5):
    return x if abs(x) > lambd else mp.mpf(0)


def exact_d_hardshrink(x, lambd: float = 0.5):
    return mp.mpf(1) if abs(x) > lambd else mp.mpf(0)


def softshrink(x: np.ndarray, lambd: float = 0.5) -> np.ndarray:
    r"""Soft shrinkage (soft thresholding): every input moves λ towards 0, stopping there.

    .. math:: h(x) = \begin{cases} x - \lambda & x > \lambda \\ x + \lambda & x < -\lambda \\
        0 & |x| \le \lambda \end{cases}
    """
    with np.errstate(over="ignore"):  # -MAX - lambd rounds to -MAX, never overflows; inf stays inf
        shrunk = x - np.copysign(lambd, x)
    return np.where(np.abs(x) > lambd, shrunk, np.where(np.isnan(x), np.nan, 0.0))


def d_softshrink(x: np.ndarray, lambd: float = 0.5) -> np.ndarray:
    return indicator(np.abs(x) > lambd, x)


def exact_softshrink(x, lambd: float = 0.5):
    if abs(x) <= lambd:
        return mp.mpf(0)
    return x - mp.mpf(lambd) if x > 0 else x + mp.mpf(lambd)


def exact_d_softshrink(x, lambd: float = 0.5):
    return mp.mpf(1) if abs(x) > lambd else mp.mpf(0)


_TANHSHRINK_NEAR = 2.0  # below, x - tanh x cancels: Lambert's continued fraction instead
_TANHSHRINK_DEPTH = 11  # levels of the fraction: converged to double for |x| <= 2


def tanhshrink(x: np.ndarray) -> np.ndarray:
    r"""What tanh leaves over: :math:`x - \tanh x` (cubic near 0, x - sign(x) far out).

    .. math:: h(x) = x - \tanh x
    """
    a = np.abs(x)
    # tanh x = x/(1 + x²/T), T = 3 + x²/(5 + x²/(7 + ...)), so x - tanh x = x³/(T + x²): no cancellation.
    near = np.minimum(a, _TANHSHRINK_NEAR)
    p, e = two_prod(near, near)
    t = np.full_like(near, 2.0 * _TANHSHRINK_DEPTH + 1.0)
    for k in range(_TANHSHRINK_DEPTH - 1, 0, -1):
        t = (2.0 * k + 1.0) + p / t
    cube = dd_mul(near, np.zeros_like(near), p, e)
    fraction = dd_div(*cube, *dd_add(t, np.zeros_like(t), p, e))
    far = a - np.tanh(np.minimum(a, 40.0))
    return np.copysign(np.where(a < _TANHSHRINK_NEAR, fraction, far), x)


def d_tanhshrink(x: np.ndarray) -> np.ndarray:
    r""":math:`h'(x) = \tanh^2 x`."""
    t = np.tanh(x)
    return t * t


def exact_tanhshrink(x):
    # x - tanh x cancels to x³/3 near 0: three times the bits x is below 1, added for the difference
    with mp.extraprec(3 * max(0, -int(mp.floor(mp.log(abs(x), 2)))) if x != 0 else 0):
        return +(x - mp.tanh(x))


def exact_d_tanhshrink(x):
    return mp.tanh(x) ** 2


def _shrink_kinks(lambd: float = 0.5) -> tuple[float, ...]:
    return (-lambd, lambd) if lambd > 0 else (0.0,) if lambd == 0 else ()


HARDSHRINK = Activation(
    name="hardshrink",
    measured_ulp=(0, 0),
    kinks=_shrink_kinks,
    kink_default="inner",
    mathtext=r"h(x) = x \ (|x| > \lambda), \ \ 0 \ (|x| \leq \lambda)",
    summary="Hard shrinkage: inputs within [-lambd, lambd] become 0, the others pass.",
    function=hardshrink,
    derivative=d_hardshrink,
    exact=exact_hardshrink,
    exact_derivative=exact_d_hardshrink,
    latex=r"h(x) = \begin{cases} x & |x| > \lambda \\ 0 & |x| \le \lambda \end{cases}",
    plain="h(x) = x if |x| > lambd else 0",
    derivative_plain="1 if |x| > lambd else 0",
    output_range=(-math.inf, math.inf),
    range_text="0, or |h| > lambd",
    properties=P(True, True, False, "1"),
    use=("sparse coding", "denoising"),
    parameters=(_LAMBD,),
    conventions="torch calls the threshold lambd (any value: a negative one makes it the identity), keras "
    "threshold; ONNX's Shrink with bias 0 is hardshrink. The derivative at +-lambd is 0 (torch, keras).",
    names={
        "torch": "hardshrink",
        "torch_module": "Hardshrink",
        "keras": "hard_shrink",
        "onnx": "Shrink (bias 0, lambd 0.5)",
    },
    source="hard thresholding (Donoho & Johnstone 1994, 'Ideal spatial adaptation by wavelet shrinkage'); "
    "torch.nn.Hardshrink",
)

SOFTSHRINK = Activation(
    name="softshrink",
    measured_ulp=(0.5, 0),
    kinks=_shrink_kinks,
    kink_default="inner",
    mathtext=r"h(x) = \mathrm{sign}(x)\,\max(|x| - \lambda, 0)",
    summary="Soft shrinkage (soft thresholding): every input moves lambd towards 0, stopping there.",
    function=softshrink,
    derivative=d_softshrink,
    exact=exact_softshrink,
    exact_derivative=exact_d_softshrink,
    latex=r"h(x) = \begin{cases} x - \lambda & x > \lambda \\ x + \lambda & x < -\lambda \\ "
    r"0 & |x| \le \lambda \end{cases}",
    plain="h(x) = x - lambd if x > lambd, x + lambd if x < -lambd, else 0",
    derivative_plain="1 if |x| > lambd else 0",
    output_range=(-math.inf, math.inf),
    range_text="(-inf, inf)",
    properties=P(True, True, False, "1"),
    use=("sparse coding (the proximal operator of the L1 norm)", "denoising"),
    parameters=(Param("lambd", 0.5, "the threshold: inputs within [-lambd, lambd] become 0", domain=NONNEGATIVE),),
    conventions="torch requires lambd >= 0 and calls it lambd, keras threshold; ONNX's Shrink(bias=lambd, "
    "lambd=lambd) is softshrink. The derivative at +-lambd is 0 (torch, keras).",
    names={
        "torch": "softshrink",
        "torch_module": "Softshrink",
        "keras": "soft_shrink",
        "onnx": "(Shrink with bias = lambd)",
    },
    source="soft thresholding (Donoho 1995, 'De-noising by soft-thresholding'); torch.nn.Softshrink",
)

TANHSHRINK = Activation(
    name="tanhshrink",
    measured_ulp=(1.05, 2.29),
    summary="What tanh leaves over, x - tanh(x): cubic near 0, x -+ 1 far out.",
    function=tanhshrink,
    derivative=d_tanhshrink,
    exact=exact_tanhshrink,
    exact_derivative=exact_d_tanhshrink,
    latex=r"h(x) = x - \tanh x",
    plain="h(x) = x - tanh(x)",
    derivative_plain="tanh(x)^2",
    output_range=(-math.inf, math.inf),
    range_text="(-inf, inf)",
    properties=P(True, True, True, "1 as |x| -> inf"),
    use=("sparse coding (a smooth shrinkage)",),
    names={"torch": "tanhshrink", "torch_module": "Tanhshrink", "keras": "tanh_shrink"},
    source="torch.nn.Tanhshrink",
)

RECORDS = (
    HARDSHRINK,
    SOFTSHRINK,
    TANHSHRINK,
)
