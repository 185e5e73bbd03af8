"""JSON documents that declare their format ("format": "name/version"), such
as the demo's history and diplomatic facts."""

import json

from reprisals.lib.problems import InputProblems
from reprisals.lib.text import normalise_newlines, refusal


def read_document(path, expected_format, *, multiline=()):
    """The JSON document at `path`; ValueError unless it declares `expected_format`.

    Its texts follow lib.text's rule: InputProblems names the place of each
    one holding a character the rule refuses (e.g. `statements[2].summary`).
    Tab and line breaks are allowed only under the keys in `multiline`,
    where CR LF is read as LF."""
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    if data.get("format") != expected_format:
        raise ValueError(f"{path} is not a {expected_format} document.")
    problems = []
    data = _checked(data, "", False, frozenset(multiline), problems)
    if problems:
        raise InputProblems(path, problems)
    return data


def _checked(value, place, multiline, multiline_keys, problems):
    if isinstance(value, dict):
        return {
            key: _checked(item, f"{place}.{key}" if place else key, key in multiline_keys,
                          multiline_keys, problems)
            for key, item in value.items()
        }  # fmt: skip
    if isinstance(value, list):
        return [
            _checked(item, f"{place}[{index}]", multiline, multiline_keys, problems)
            for index, item in enumerate(value)
        ]
    if isinstance(value, str):
        value = normalise_newlines(value) if multiline else value
        if found := refusal(value, multiline=multiline):
            problems.append((place, str(found)))
    return value
