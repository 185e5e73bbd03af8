"""reprisals.lib.documents: a JSON document is read only if it declares the
format the reader expects."""

import json

import pytest

from reprisals.demo.loader import DIPLOMACY, HISTORY
from reprisals.diplomacy.importing.facts import FORMAT as FACTS
from reprisals.lib.documents import read_document
from reprisals.reporting.history import FORMAT as HISTORY_FORMAT


@pytest.mark.parametrize(("path", "expected"), [(DIPLOMACY, FACTS), (HISTORY, HISTORY_FORMAT)])
def test_the_demo_documents_declare_their_format(path, expected):
    assert read_document(path, expected)["format"] == expected


@pytest.mark.parametrize("declared", [{"format": "reprisals-history/1"}, {}, {"format": None}])
def test_a_document_of_another_or_no_format_is_refused(tmp_path, declared):
    path = tmp_path / "facts.json"
    path.write_text(json.dumps({**declared, "resolutions": []}), encoding="utf-8")
    with pytest.raises(ValueError, match=f"facts.json is not a {FACTS} document"):
        read_document(path, FACTS)
