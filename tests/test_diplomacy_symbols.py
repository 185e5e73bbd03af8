"""UN document symbols: every form is read into one normal form, and
anything else is refused with a message saying what is wrong."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from reprisals.diplomacy.symbols import Symbol, SymbolError, normalise_symbol, parse_symbol
from reprisals.diplomacy.vocab import DocumentKind
from tests.fuzz import fuzz_settings, hostile_text, near


@pytest.mark.parametrize(
    ("text", "normal", "kind"),
    [
        ("A/HRC/RES/24/24", "A/HRC/RES/24/24", DocumentKind.HRC_RESOLUTION),
        ("A/HRC/RES/S-1/1", "A/HRC/RES/S-1/1", DocumentKind.HRC_RESOLUTION),
        ("a/hrc/dec/1/106", "A/HRC/DEC/1/106", DocumentKind.HRC_DECISION),
        ("A/HRC/36/L.43", "A/HRC/36/L.43", DocumentKind.HRC_DRAFT),
        (" A/HRC/36/L.26/rev.1 ", "A/HRC/36/L.26/Rev.1", DocumentKind.HRC_DRAFT),
        ("A/HRC/36/L.26/Rev.1/Add.1", "A/HRC/36/L.26/Rev.1/Add.1", DocumentKind.HRC_DRAFT),
        ("A/HRC/45/36", "A/HRC/45/36", DocumentKind.HRC_REPORT),
        ("A/HRC/45/36/ADD.1", "A/HRC/45/36/Add.1", DocumentKind.HRC_REPORT),
        ("A/RES/73/175", "A/RES/73/175", DocumentKind.GA_RESOLUTION),
        ("A/RES/ES-10/19", "A/RES/ES-10/19", DocumentKind.GA_RESOLUTION),
        ("R/73/175", "A/RES/73/175", DocumentKind.GA_RESOLUTION),
        ("R/1/1288B", "A/RES/1/1288B", DocumentKind.GA_RESOLUTION),
        ("R/42/70/A", "A/RES/42/70/A", DocumentKind.GA_RESOLUTION),
        ("R/33/116A/VI", "A/RES/33/116A/VI", DocumentKind.GA_RESOLUTION),
        ("SS/1/176A", "A/RES/S-1/176A", DocumentKind.GA_RESOLUTION),
        ("ESS/2/79/D", "A/RES/ES-2/79/D", DocumentKind.GA_RESOLUTION),
        ("A/73/L.42", "A/73/L.42", DocumentKind.GA_DRAFT),
        ("A/73/251/Corr.1", "A/73/251/Corr.1", DocumentKind.GA_REPORT),
        ("A/HRC/RES/024/024", "A/HRC/RES/24/24", DocumentKind.HRC_RESOLUTION),
    ],
)
def test_it_reads_every_form_into_its_normal_form(text, normal, kind):
    symbol = parse_symbol(text)
    assert str(symbol) == normalise_symbol(text) == normal
    assert symbol.kind == kind
    assert parse_symbol(normal) == symbol


def test_it_knows_the_body_and_session_of_a_symbol():
    assert parse_symbol("A/HRC/RES/S-1/1").body == "HRC"
    assert parse_symbol("A/HRC/RES/S-1/1").session == "S-1"
    assert parse_symbol("R/73/175").body == "GA"
    assert parse_symbol("ESS/10/19").session == "ES-10"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "it is empty"),
        ("A/HRC/RES/56/L.32", "a draft has no RES: write A/HRC/56/L.32"),
        ("A/HRC/DEC22/117", "the session after A/HRC/ is <n> or S-<n>, not 'DEC22'"),
        ("A/HRC/50/L.37 as orally revised", "it contains ' '"),
        ("A/HRC/RES/24", "A/HRC/RES is followed by exactly <session>/<number>"),
        ("A/HRC/RES/0/1", "the session is 0"),
        ("A/HRC/24/L.x", "the draft number 'L.X' is not L.<number>"),
        ("A/HRC/24/L.40/Rev.1/Rev.2", "/Rev. appears twice"),
        ("A/HRC/24/L.40/Rev", "'REV' is not /Rev.<n>"),
        ("A/HRC/ES-1/L.1", "not 'ES-1'"),
        ("A//RES/1/2", "an empty part between slashes"),
        ("GOAR/1/1288B", "expected A/HRC/RES/<session>/<n>"),
        ("R/6444A", "Voeten's form is R/<session>/<number>"),
        ("R/16/2/1069B", "the section '1069B' is neither a letter nor a Roman numeral"),
        ("A/RES/73/175/Rev.1", "the section 'REV.1'"),
        ("A/HRC/RES/٢٤/24", "it contains '٢'"),
        ("A/RES/73/123456", "not digits and at most two letters"),
    ],
)
def test_it_says_what_is_wrong(text, problem):
    with pytest.raises(SymbolError) as caught:
        parse_symbol(text)
    assert problem in str(caught.value)
    assert str(caught.value).startswith(f"{text!r} is not a UN document symbol: ")
    assert isinstance(caught.value, ValueError)
    assert caught.value.code == "invalid_symbol"


def test_it_refuses_what_is_not_text():
    with pytest.raises(SymbolError, match="a symbol is text"):
        parse_symbol(24)


def test_a_long_text_is_cut_in_the_message():
    with pytest.raises(SymbolError) as caught:
        parse_symbol("A/HRC/" + "9" * 5000)
    assert str(caught.value).startswith("'A/HRC/999")
    assert "9..." in str(caught.value) and len(str(caught.value)) < 200


# -- fuzzing (test_fuzz_parsers.py fuzzes the parser too; these add GA parts and
# sections, ES- sessions and three suffixes) ------------------------------------

sessions = st.integers(1, 999).map(str)
specials = st.builds("{}-{}".format, st.sampled_from(["S", "ES"]), st.integers(1, 99))
numbers = st.integers(1, 99_999)
suffixes = st.lists(st.sampled_from(["Rev", "Add", "Corr"]), unique=True, max_size=3).flatmap(
    lambda names: st.tuples(*(st.tuples(st.just(name), st.integers(1, 999)) for name in names))
)
roman = st.sampled_from(["I", "II", "IV", "IX", "XII", "XVI"])
valid_symbols = st.one_of(
    st.builds(Symbol, st.sampled_from([DocumentKind.HRC_RESOLUTION, DocumentKind.HRC_DECISION]),
              sessions | specials.filter(lambda s: s[0] == "S"), numbers),
    st.builds(Symbol, st.sampled_from([DocumentKind.HRC_DRAFT, DocumentKind.HRC_REPORT,
                                       DocumentKind.GA_DRAFT, DocumentKind.GA_REPORT]),
              sessions, numbers, suffixes=suffixes),
    st.builds(Symbol, st.just(DocumentKind.GA_RESOLUTION), sessions | specials, numbers,
              st.sampled_from(["", "A", "B", "AB"]), st.sampled_from(["", "A", "D"]) | roman),
).map(str)  # fmt: skip


@fuzz_settings(300)
@given(text=valid_symbols)
def test_every_normal_form_reads_back_to_itself(text):
    assert normalise_symbol(text) == text


@fuzz_settings(500)
@given(text=st.one_of(hostile_text, near(valid_symbols)))
@example(text="A/HRC/RES/24/24\n")
@example(text="A/HRC/RES/2٤/24")
@example(text="A/HRC/RES/24/24/")
def test_any_text_is_a_symbol_whose_normal_form_is_stable_or_a_clear_error(text):
    try:
        symbol = parse_symbol(text)
    except SymbolError as error:
        assert str(error).strip() and error.problem
        return
    assert parse_symbol(str(symbol)) == symbol
    assert str(symbol).isascii() and " " not in str(symbol)
