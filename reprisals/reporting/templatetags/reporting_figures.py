"""How a figure reads on a page: a count, a rank, or a percentage that always
states its numerator and denominator."""

import base64
from decimal import Decimal

from django import template
from django.utils.translation import gettext

register = template.Library()


@register.filter
def figure_text(figure):
    """A reporting.compare.Figure (or figures.Ratio) as text, in the active language."""
    if figure is None:
        return gettext("cannot be computed")
    if getattr(figure, "denominator", None) is not None:
        parts = {"numerator": figure.numerator, "denominator": figure.denominator}
        if figure.percent is None:
            return gettext("%(numerator)s of %(denominator)s") % parts
        return gettext("%(percent)s %% (%(numerator)s of %(denominator)s)") % {
            "percent": number(figure.percent), **parts}  # fmt: skip
    if figure.value is None:
        return gettext("not ranked")
    return number(figure.value)


@register.filter
def number(value):
    """37, not 37.00; 12.5 stays 12.5."""
    value = Decimal(value)
    return str(int(value)) if value == value.to_integral_value() else f"{value.normalize():f}"


@register.filter
def years_text(period):
    """(first, last) as "2010–2020", "2020" for one year; either may be open (None)."""
    first, last = period
    if first is None or last is None:
        return f"{first}–" if last is None else f"–{last}"
    return str(first) if first == last else f"{first}–{last}"


@register.filter
def words(code):
    """not_computable → not computable."""
    return str(code).replace("_", " ")


@register.filter
def svg_src(chart):
    """A chart (reporting.charts.Chart) as a data: address, for <img src>."""
    return "data:image/svg+xml;base64," + base64.b64encode(chart.svg.encode()).decode()
