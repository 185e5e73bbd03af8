"""JSON documents that declare their format ("format": "name/version"), such
as the demo's history and diplomatic facts."""

import json


def read_document(path, expected_format):
    """The JSON document at `path`; ValueError unless it declares `expected_format`."""
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    if data.get("format") != expected_format:
        raise ValueError(f"{path} is not a {expected_format} document.")
    return data
