"""The constants the math is built from are the decimals and ratios they stand for, to the last bit
of their two (or three) doubles: checked against mpmath at 600 bits."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from mpmath import mp, mpf

from actplot import _exact

SQRT_HALF = "0.70710678118654752440084436210484903928483593768847403658833986899536623923105351942519376716382078636750"


def left(exact: str | tuple[int, int], parts) -> float:
    """What the parts leave of the exact decimal or ratio, relative to it."""
    with mp.workprec(600):
        value = mpf(exact) if isinstance(exact, str) else mpf(exact[0]) / exact[1]
        return float(abs(value - sum(mpf(p) for p in parts)) / abs(value))


@given(st.integers(-(10**40), 10**40).filter(bool), st.integers(0, 45), st.integers(-40, 40))
def test_a_decimal_is_split_into_the_nearest_double_and_the_nearest_rest(digits, places, exponent):
    sign, text = "-" if digits < 0 else "", str(abs(digits))  # the digits, then a point moved left
    text = sign + (text[:-places] or "0") + "." + text[-places:].rjust(places, "0") if places else sign + text
    text += f"e{exponent}"
    hi, lo = _exact.dd_constant(text)
    with mp.workprec(600):
        exact = mpf(text)
        assert hi == float(exact)  # mpmath rounds to nearest too
        assert lo == float(exact - mpf(hi))


@pytest.mark.parametrize("n", range(1, 30))
def test_inverse_factorials_are_exact_to_106_bits(n):
    assert left((1, math.factorial(n)), _exact.dd_ratio(1, math.factorial(n))) < 2.0**-106


def test_ln2_in_three_parts_cody_waite():
    assert _exact._LN2_1 * 2**42 == int(_exact._LN2_1 * 2**42)  # k·part exact for |k| < 2**11
    with mp.workprec(600):
        ln2 = mp.log(2)
        assert float(abs(ln2 - mpf(_exact._LN2_1) - mpf(_exact._LN2_2) - mpf(_exact._LN2_3)) / ln2) < 2.0**-150


def test_a_triple_constant_holds_159_bits():
    assert left(SQRT_HALF, _exact.triple_constant(SQRT_HALF)) < 2.0**-158
