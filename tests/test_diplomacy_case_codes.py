"""Codes of the register's cases in the diplomatic record's texts
(diplomacy.case_codes): in whatever form a text writes them (tests/code_forms.py),
a code of a case that is not public is taken out with its wording, leaving
no husk, and a public one is kept. Fuzzed over random text with
Hypothesis (derandomized, tests/fuzz.py), then through the vote page, the
amendments page, the API and the `votes` commands on the demo. The leak test
(tests/test_leaks.py) does the same for the State pages and the case pages."""

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from hypothesis import example, given
from hypothesis import strategies as st

from reprisals.cases.models import Case
from reprisals.cases.services import withdraw_consent
from reprisals.diplomacy.case_codes import PublicCodes, codes_in, strip_case_codes
from reprisals.diplomacy.importing.common import ensure_source
from reprisals.diplomacy.models import Document, Motion, ReportedPosition, VoteEvent
from reprisals.reference.models import Body, State
from tests.code_forms import HUSK, SPELLINGS, WRAPPERS, codes_read, normalised, written
from tests.factories import CaseFactory
from tests.fuzz import ISO3, fuzz_settings, hostile_text

case_codes = st.builds("{}-{}-{:03d}".format, st.integers(1990, 2035), st.sampled_from(ISO3),
                       st.integers(1, 999))  # fmt: skip
WORDS = ["Resolution", "adopted", "the", "Council", "of", "and", "on", "no", "2019", "193",
         "A/HRC/RES/36/21", "—", ",", ".", ";", ":", "/", "«", "»", "说", "قرار", "\n"]  # fmt: skip


@st.composite
def references(draw, pool):
    """A reference to one to three cases of `pool`: its text and its codes."""
    wrapper = draw(st.sampled_from(WRAPPERS))
    codes = [draw(st.sampled_from(pool)) for _ in range(wrapper.count("{}"))]
    spellings = [draw(st.sampled_from(sorted(SPELLINGS))) for _ in codes]
    return written(wrapper, codes, spellings), codes


@st.composite
def texts(draw, filler):
    """Text with references to cases among `filler` text: (text, the codes
    it names, the public ones among them)."""
    pool = draw(st.lists(case_codes, min_size=1, max_size=6, unique=True))
    public = set(draw(st.lists(st.sampled_from(pool), unique=True)))
    pieces, named = [draw(filler)], []
    for _ in range(draw(st.integers(1, 5))):
        text, codes = draw(references(pool))
        pieces += [text, draw(filler)]
        named += codes
    return "".join(pieces), set(named), public


words = st.lists(st.sampled_from(WORDS), max_size=4).map(" ".join)
joiners = st.sampled_from(["", " ", "  ", ", ", ". ", "\u00a0", "\t", "\u200b", "(", ")"])


@fuzz_settings(max_examples=400)
@given(texts(st.one_of(hostile_text, words, joiners)))
@example(("x 2025-XX2025-YYY-002X-025 y", {"2025-YYY-002"}, set()))
@example(("Cases 2025-ABC-001 and 2025-ABC-002 (case 2025-ABC-001)",
          {"2025-ABC-001", "2025-ABC-002"}, {"2025-ABC-001"}))  # fmt: skip
def test_it_keeps_no_code_but_the_public_ones_and_all_of_those(found):
    text, named, public = found
    shown = strip_case_codes(text, public)
    assert codes_read(shown) <= public, (text, shown)
    assert named & public <= codes_read(shown), (text, shown)
    assert set(codes_in(text)) >= codes_read(text), text


CASE_WORD = re.compile(r"(?<![^\W\d_])cases?(?![^\W\d_])(.{0,30})", re.I | re.S)


@fuzz_settings(max_examples=300)
@given(texts(st.one_of(words, joiners.filter(lambda joiner: joiner not in "()"))))
def test_it_leaves_no_husk_of_a_reference_it_takes_out(found):
    text, named, public = found
    shown = normalised(strip_case_codes(text, public))
    assert not HUSK.search(shown), (text, shown)
    for after in CASE_WORD.findall(shown):  # "case" only before a code still shown
        assert codes_read(after), (text, shown)


def test_it_knows_nothing_of_texts_without_a_code():
    for text in ["In 2019 all 193 States", "A/HRC/RES/36/21 (2017)", "rcid:6129", "", "()"]:
        assert strip_case_codes(text) == text and codes_in(text) == []


@pytest.mark.parametrize(("text", "shown"), [
    ("A point of order (case 2025-XXX-025)", "A point of order"),
    ("Title (Case 2025\u2013XXX\u2013025) and more", "Title and more"),
    ("Title (cases 2025-XXX-025, 2025-ABC-001 and 2025-YYY-002).", "Title (case 2025-ABC-001)."),
    ("(CASES 2025-ABC-001, 2025-ABC-002 and 2025-XXX-025)", "(CASES 2025-ABC-001, 2025-ABC-002)"),
    ("CASES Nos. 2025-XXX-025 and 2025-YYY-002 were raised.", "were raised."),
    ("Colleague, 2025\u2011xxx\u2011025, spoke", "Colleague, spoke"),
    ("Ruled on [2025-XXX-025/2025-ABC-001]", "Ruled on [2025-ABC-001]"),
    ("（案件２０２５－ＸＸＸ－０２５）。", "。"),
    ("٢٠٢٥-XXX-٠٢٥ said", "said"),
    ("Held (see case 2025-XXX-025)", "Held (see)"),
    ("Held (see\u200b 2025-XXX-025)", "Held (see\u200b)"),
    ("Both (case 2025-ABC-001) (case 2025-XXX-025)", "Both (case 2025-ABC-001)"),
])  # fmt: skip
def test_it_takes_out_what_is_not_public_with_its_wording(text, shown):
    assert strip_case_codes(text, {"2025-ABC-001", "2025-ABC-002"}) == shown


def test_it_reads_codes_in_every_form():
    code = "2025-ABC-001"
    for how, spell in SPELLINGS.items():
        assert codes_in(f"x{spell(code)}y") == [code], how


# -- through the publication rule, the pages, the API and the CLI ----------------------

PUBLIC = "2013-CHN-001"  # a demo case, public


@pytest.fixture
def hidden(demo):
    """Two cases the public may not see (no consent recorded) and a code of none."""
    return [CaseFactory(code="2020-CHN-901").code, CaseFactory(code="2020-CHN-902").code,
            "2099-XYZ-999"]  # fmt: skip


def test_it_asks_the_publication_rule_now(hidden):
    assert {PUBLIC, *hidden} & PublicCodes(timezone.now()) == {PUBLIC}
    for subject in Case.objects.get(code=PUBLIC).subjects.all():
        withdraw_consent(subject.person, actor=None)
    assert {PUBLIC} & PublicCodes(timezone.now()) == set()


@pytest.fixture
def amendment(demo, hidden):
    """An amendment to A/HRC/RES/36/21 naming the hidden cases and a public
    one, with a vote, a result note and a publication's table doing so too."""
    source = ensure_source("case-codes-test", "amendment.json")
    hrc = Body.objects.get(code="HRC")
    first, second, none = hidden
    title = (f"Amendment #9 (Cases {first}, {PUBLIC.lower()} and {second.replace('-', '–')}) "
             f"on CASE {none.replace('-', '−')}")  # fmt: skip
    amended = Document.objects.get(symbol="A/HRC/RES/36/21")
    motion = Motion.objects.create(body=hrc, identifier="case-codes/amendment", source=source,
                                   title=title, text=f"Naming {first}; {second}",
                                   classification="amendment", amends=amended)  # fmt: skip
    event = VoteEvent.objects.create(body=hrc, identifier="case-codes/amendment", motion=motion,
                                     source=source, result="rejected",
                                     result_note=f"See [{first}/{second}]")  # fmt: skip
    ReportedPosition.objects.create(motion=motion, state=State.objects.get(iso3="CHN"),
                                    supported=True, outcome=first, source=source)  # fmt: skip
    return event


def read_in(text, hidden):
    found = codes_read(text)
    assert not found & set(hidden), found & set(hidden)
    return found


def test_the_vote_page_and_the_api_show_only_the_public_code(client, amendment, hidden):
    html = client.get("/votes/case-codes/amendment/").content.decode()
    assert "Amendment #9" in html and read_in(html, hidden) == {PUBLIC}
    assert f'href="/cases/{PUBLIC}/"' in html and "(Case 2013-CHN-001)" in html
    assert not re.search(r"\(\s*\)|\[\s*/?\s*\]", normalised(html))
    (event,) = client.get("/api/v1/diplomacy/votes?symbol=case-codes/amendment").json()["events"]
    assert event["cases"] == [PUBLIC] and event["result_note"] == "See"
    assert event["motion"] == "Amendment #9 (Case 2013-CHN-001) on"


def test_the_amendments_page_and_the_api_show_only_the_public_code(client, amendment, hidden):
    html = client.get("/amendments/A/HRC/RES/36/21/?states=CHN").content.decode()
    assert "Amendment #9" in html and read_in(html, hidden) == {PUBLIC}
    found = client.get("/api/v1/diplomacy/amendments?symbol=A/HRC/RES/36/21&states=CHN")
    assert "Amendment #9" in found.content.decode()
    assert read_in(found.content.decode(), hidden) == {PUBLIC}


def test_the_votes_commands_show_only_the_public_code(amendment, hidden):
    commands = [["votes_show", "case-codes/amendment"],
                ["votes_amendments", "A/HRC/RES/36/21", "--states", "CHN"]]  # fmt: skip
    for command, *arguments in commands:
        out = StringIO()
        call_command(command, *arguments, format="json", stdout=out)
        assert "Amendment #9" in json.dumps(json.loads(out.getvalue())), command
        assert read_in(out.getvalue(), hidden) == {PUBLIC}, command
        out = StringIO()
        call_command(command, *arguments, stdout=out)
        table = re.sub(r"\s+", "", out.getvalue())  # cells wrap over lines
        assert "Amendment#9" in table and read_in(table, hidden) == {PUBLIC}, command
