"""Fuzzing the JSON importer (reprisals-cases/1, communications included).

Documents are made from a valid seed, part of the demo dataset, by breaking
its structure (dropped keys, wrong types, nulls, huge or hostile strings,
unknown keys, broken dates, duplicated records) or its text (truncation,
invalid UTF-8, duplicate keys, huge numbers, deep nesting, other encodings).
An import either succeeds, or raises InputProblems in which every problem
names its place and says what is wrong, and then nothing was written.
"""

import copy
import json
import re

import pytest
from django.apps import apps
from django.db import transaction
from hypothesis import example, given
from hypothesis import strategies as st

from reprisals.cases.importer import import_cases, load_file
from reprisals.cases.models import Case
from reprisals.demo.loader import DATASET
from reprisals.lib.problems import InputProblems
from reprisals.register.models import SearchEntry
from reprisals.register.search import MAX_TOKENS
from tests.factories import approve_texts
from tests.fuzz import (
    fuzz_settings,
    hostile_text,
    json_values,
    near,
    valid_dates,
    valid_references,
)

pytestmark = pytest.mark.django_db

SEED_CASE = "2016-CHN-001"  # interventions and the responses that answer them


def seed_document():
    """Part of the demo dataset: every kind of record once or twice, kept small
    because an import is slow. One case (with an organisation as a second
    subject), the people and groups it needs, and a letter about it (with a
    reference and a reply)."""
    document = json.loads(DATASET.read_text(encoding="utf-8"))
    [case] = [case for case in document["cases"] if case["code"] == SEED_CASE]
    case["subjects"].append({"organization": "stp", "role": "associated"})
    case["acts"] = case["acts"][::2]  # dated to the year, and undated
    case["interventions"] = [i for i in case["interventions"] if i["key"] in {"i3", "i4"}]
    letter = document["communications"][0]
    letter.update(reference="AL CHN 4/2018", cases=[SEED_CASE])
    letter["replies"] = [
        {"received_on": "2018-09-20", "response_type": "denied", "content": "Denied."}
    ]
    document.update(
        persons=[p for p in document["persons"] if p["key"] in {"jiang-tianyong", "dolkun-isa"}],
        organizations=[o for o in document["organizations"] if o["key"] in {"stp", "wuc"}],
        cases=[case],
        communications=[letter],
    )
    return document


SEED = seed_document()
SECTIONS = "sources|mechanisms|organizations|persons|cases|communications"
PLACE = re.compile(rf"(format|document|encoding|line \d+, column \d+|({SECTIONS})(\[\d+\])?)(\s|$)")
DATE_FIELDS = ["date", "opened_on", "obtained_on", "published_on", "sent_at", "received_on"]
PARSED_FIELDS = {**dict.fromkeys(DATE_FIELDS, valid_dates), "reference": valid_references}
WRITTEN_APPS = ("accounts", "reference", "cases", "communications", "register", "audit")


def table_counts():
    return {
        model._meta.label: model._default_manager.count()
        for label in WRITTEN_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    }


def assert_imports_or_refuses_clearly(attempt):
    """Run an import in a savepoint that is then undone, so examples do not
    see each other's records; a refusal must be clear and write nothing."""
    with transaction.atomic():
        before = table_counts()
        try:
            attempt()
        except InputProblems as refusal:
            assert refusal.problems
            for where, message in refusal.problems:
                assert isinstance(where, str) and PLACE.match(where), where
                assert isinstance(message, str) and message.strip()
            assert str(refusal).startswith(f"{refusal.source}: {len(refusal.problems)} problem")
            assert table_counts() == before
        transaction.set_rollback(True)


# -- structural mutations ---------------------------------------------------------


def paths(node, prefix=()):
    """Every place in a document, as a tuple of keys and indexes."""
    yield prefix
    if isinstance(node, dict):
        children = node.items()
    elif isinstance(node, list):
        children = enumerate(node)
    else:
        children = ()
    for key, child in children:
        yield from paths(child, (*prefix, key))


def node_at(document, path):
    for key in path:
        document = document[key]
    return document


def parent_of(document, path):
    return node_at(document, path[:-1])


def drop(draw, document, path):
    if path:
        del parent_of(document, path)[path[-1]]


def replace(draw, document, path, values=json_values):
    if path:
        parent_of(document, path)[path[-1]] = draw(values)


def add_unknown_key(draw, document, path):
    node = node_at(document, path)
    if isinstance(node, dict):
        node[draw(st.text(max_size=8))] = draw(json_values)


def duplicate(draw, document, path):
    """Repeat a record (a person, case, letter…) or a value: duplicate keys."""
    parent = parent_of(document, path) if path else None
    if isinstance(parent, list):
        parent.insert(path[-1], copy.deepcopy(parent[path[-1]]))


def huge_string(draw, document, path):
    replace(draw, document, path, st.sampled_from([301, 10_001, 100_001]).map("é".__mul__))


def break_parsed_text(draw, document, path):
    """A date or a reference, valid, nearly valid, or hostile."""
    targets = [path for path in paths(document) if path and path[-1] in PARSED_FIELDS]
    if targets:
        where = draw(st.sampled_from(targets))
        valid = PARSED_FIELDS[where[-1]]
        replace(draw, document, where, st.one_of(near(valid), valid, hostile_text))


MUTATIONS = [drop, replace, add_unknown_key, duplicate, huge_string, break_parsed_text]


@st.composite
def mutated_documents(draw, seed=SEED):
    document = copy.deepcopy(seed)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(list(paths(document))))
        draw(st.sampled_from(MUTATIONS))(draw, document, path)
    return document


def with_value(path, value):
    document = copy.deepcopy(SEED)
    parent_of(document, path)[path[-1]] = value
    return document


CASE, LETTER = ("cases", 0), ("communications", 0)
AT_CASE, AT_LETTER = "cases[0] 2016-CHN-001 › ", "communications[0] › "
REPLY_DATE = (*LETTER, "replies", 0, "received_on")
# Crashes found by fuzzing (and one text wrongly accepted), each with the place
# its problem is now reported at (None: the document imports).
FOUND = [
    ((*CASE, "sources", 0, "source"), ["x"], AT_CASE + "sources[0] › source"),
    ((*CASE, "engagements", 0, "key"), ["x"], AT_CASE + "engagements[0] › key"),
    ((*CASE, "title"), "a\x00b", AT_CASE + "title"),  # PostgreSQL refused the NUL
    ((*CASE, "title"), "a\ud800b", AT_CASE + "title"),
    ((*CASE, "opened_on"), "2016\n", AT_CASE + "opened_on"),  # was accepted
    ((*CASE, "opened_on"), "2016-00", AT_CASE + "opened_on"),  # was accepted as 2016
    ((*LETTER, "mandates", 0), ["x"], AT_LETTER + "mandates"),
    ((*LETTER, "cases", 0), {"code": 1}, AT_LETTER + "cases"),
    ((*LETTER, "sent_at"), "0001", AT_LETTER + "sent_at"),
    ((*LETTER, "sent_at"), "9999-12-31T23:00:00-05:00", AT_LETTER + "sent_at"),
    ((*LETTER, "sent_at"), "2018\n", AT_LETTER + "sent_at"),
    (REPLY_DATE, 5, AT_LETTER + "replies[0] › received_on"),
    (REPLY_DATE, "", None),  # no date, as null: imported
    (REPLY_DATE, "2018-13-01", AT_LETTER + "replies[0] › received_on"),
]


def test_the_seed_imports(team):
    assert import_cases(copy.deepcopy(SEED), team=team)["cases"] == 1


@pytest.mark.parametrize("path, value, place", FOUND)
def test_what_fuzzing_found_is_refused_at_its_place(team, path, value, place):
    """The explicit regression examples of the test below (not @example: each
    costs an import, and this says more)."""
    if place is None:
        assert import_cases(with_value(path, value), team=team)["cases"] == 1
        return
    before = table_counts()

    with pytest.raises(InputProblems) as refusal:
        import_cases(with_value(path, value), team=team)

    assert place in [where for where, _ in refusal.value.problems]
    assert table_counts() == before


def test_a_public_summary_too_big_to_index_whole_still_imports(team):
    """70,000 distinct words (0.5 MB) in a published text would make more than
    1 MB of blind-index tokens, which PostgreSQL refuses to index: the search
    document keeps the first MAX_TOKENS."""
    words = " ".join(f"w{number}" for number in range(70_000))
    import_cases(with_value((*CASE, "public_summary"), words), team=team)
    approve_texts(Case.objects.get())  # only shown texts are indexed
    entry = SearchEntry.objects.get()
    assert entry.consents_allow and len(entry.document.split()) == MAX_TOKENS


@fuzz_settings(50)
@given(document=mutated_documents())
def test_a_mutated_document_imports_or_is_refused_clearly(team, document):
    assert_imports_or_refuses_clearly(lambda: import_cases(document, team=team))


# -- text mutations -----------------------------------------------------------------

MARK = "@@fuzz@@"
RAW_VALUES = [
    "1" * 5000, "-" + "9" * 5000, "1e99999", "NaN", "-Infinity", "1.5", "true", "{}",
    "[" * 100_000 + "]" * 100_000, '"\\ud800"', '"\\u0000"', '"\\udfff\\ud800"',
]  # fmt: skip
ENCODINGS = {"utf-8": "surrogatepass", "utf-8-sig": "surrogatepass", "utf-16": "surrogatepass",
             "latin-1": "replace"}  # fmt: skip
INSERTED_BYTES = [b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x00", b",", b"}", b'"', b"\\", b"\n"]


def raw_value(draw, document, raw):
    """A value JSON can hold but json.dumps does not write: huge numbers, NaN,
    deep nesting, escaped surrogates and NULs."""
    path = draw(st.sampled_from([path for path in paths(document) if path]))
    parent_of(document, path)[path[-1]] = MARK
    raw[f'"{MARK}"'] = draw(st.sampled_from(RAW_VALUES))


def duplicate_key(draw, document, raw):
    """A key twice in one object (JSON keeps the last)."""
    objects = [node_at(document, path) for path in paths(document)]
    node = draw(st.sampled_from([node for node in objects if isinstance(node, dict) and node]))
    raw[f'"{MARK}key"'] = json.dumps(draw(st.sampled_from(sorted(node))))
    node[MARK + "key"] = draw(json_values)


@st.composite
def document_bytes(draw):
    document, raw = copy.deepcopy(draw(st.one_of(st.just(SEED), mutated_documents()))), {}
    for edit in draw(st.lists(st.sampled_from([raw_value, duplicate_key]), max_size=2)):
        edit(draw, document, raw)
    text = json.dumps(
        document, ensure_ascii=draw(st.booleans()), indent=draw(st.sampled_from([None, 1]))
    )
    for mark, value in raw.items():
        text = text.replace(mark, value)
    encoding = draw(st.sampled_from(sorted(ENCODINGS)))
    data = text.encode(encoding, ENCODINGS[encoding])
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(data)))
        inserted = draw(st.sampled_from(INSERTED_BYTES) | st.binary(max_size=3))
        data = draw(st.sampled_from([data[:at], data[:at] + inserted + data[at:]]))
    return data


@fuzz_settings(50)
@given(data=document_bytes())
@example(data=b'{"format": "reprisals-cases/1", "cases": ' + b"[" * 100_000)  # RecursionError
@example(data=b'{"format": "reprisals-cases/1", "cases": ' + b"1" * 5000 + b"}")  # int limit
def test_a_mutated_file_imports_or_is_refused_clearly(team, tmp_path, data):
    path = tmp_path / "fuzz.json"
    path.write_bytes(data)
    assert_imports_or_refuses_clearly(lambda: load_file(path, team=team))
