"""Shared pieces of the fuzz tests (tests/test_fuzz_*.py): their settings,
hostile text, near-valid mutations of valid text, and hostile JSON values.

The examples are the same on every run (`derandomize`), so that CI is
reproducible and a failure can be replayed. To search further locally, run
with FUZZ_EXPLORE=1: fresh random examples, twenty times as many.
"""

import os
import re

import pycountry
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

EXPLORE = os.environ.get("FUZZ_EXPLORE") == "1"


def fuzz_settings(max_examples):
    return settings(
        max_examples=max_examples * (20 if EXPLORE else 1),
        derandomize=not EXPLORE,
        database=None,
        deadline=None,
        print_blob=EXPLORE,
        # Examples of a database test share its fixtures and undo their own
        # writes; documents of a megabyte are generated on purpose.
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )


# Text that has broken parsers before: control and format characters, lone
# surrogates, digits of other scripts, case-mapping surprises, huge numbers.
HOSTILE_TEXTS = [
    "", " ", "\t\n", "\n", "\r\n", "\x00", "a\x00b", "\ud800", "\udfff", "\ufeff",
    "\u202e", "\u00a0", "null", "None", "NaN", "0", "-1", "1e999", "١٢٣٤", "２０２１", "߁",
    "ß", "İ", "ı", "ǅ", "ﬀ", "🙂", "%s", "{0}", "'", '"', "\\", "<script>",
    "'; DROP TABLE x; --",
]  # fmt: skip

any_characters = st.characters(exclude_categories=())  # surrogates included
hostile_text = st.one_of(
    st.sampled_from(HOSTILE_TEXTS),
    st.sampled_from([301, 5000, 100_000]).map("9".__mul__),  # longer than fields, or int()
    st.text(),
    st.text(any_characters, max_size=20),
)

# Replacements for a run of digits: zero, leading zeros, huge, negative,
# other scripts' digits, exponent, inner space.
DIGIT_RUNS = ["0", "00", "01", "9" * 30, "-1", "٤", "４", "߄", "1e3", " 1", "1 "]


def _insert(draw, text):
    at = draw(st.integers(0, len(text)))
    return (
        text[:at] + draw(st.one_of(st.sampled_from(HOSTILE_TEXTS[:20]), any_characters)) + text[at:]
    )


def _delete(draw, text):
    if not text:
        return text
    at = draw(st.integers(0, len(text) - 1))
    return text[:at] + text[at + 1 :]


def _replace(draw, text):
    return _insert(draw, _delete(draw, text))


def _swap_case(draw, text):
    return draw(st.sampled_from([text.lower(), text.swapcase(), text.title()]))


def _pad(draw, text):
    space = draw(st.sampled_from([" ", "  ", "\t", "\n", "\u00a0", "\u3000", "\u200b"]))
    return draw(st.sampled_from([space + text, text + space, text.replace(" ", space)]))


def _digits(draw, text):
    runs = list(re.finditer(r"[0-9]+", text))
    if not runs:
        return text
    run = draw(st.sampled_from(runs))
    return text[: run.start()] + draw(st.sampled_from(DIGIT_RUNS)) + text[run.end() :]


def _truncate_or_repeat(draw, text):
    at = draw(st.integers(0, len(text)))
    return draw(st.sampled_from([text[:at], text[at:], text + text, text[:at] + text]))


EDITS = [_insert, _delete, _replace, _swap_case, _pad, _digits, _truncate_or_repeat]


@st.composite
def near(draw, valid):
    """A valid text from the strategy `valid`, then one to three small edits."""
    text = draw(valid)
    for _ in range(draw(st.integers(1, 3))):
        text = draw(st.sampled_from(EDITS))(draw, text)
    return text


# Dates known to the year, month or day (reprisals.lib.dates).
valid_dates = st.builds(
    lambda day, length: day.isoformat()[:length], st.dates(), st.sampled_from([4, 7, 10])
)
ISO3 = sorted(country.alpha_3 for country in pycountry.countries)
# Communication references (reprisals.communications.references).
valid_references = st.builds(
    "{} {} {}/{}".format,
    st.sampled_from(["UA", "AL", "OL"]),
    st.sampled_from([*ISO3, "OTH"]),
    st.integers(1, 9999),
    st.integers(1945, 2100),
)

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=2**63),
    st.floats(),
    hostile_text,
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
