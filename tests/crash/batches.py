"""Import files for the crash-safety test: many synthetic cases, in versions.

Batch `b` holds `CASES` cases coded `{1950 + b}-CHN-NNN`. Version 0 gives
each case one act, version 1 two: re-importing version 1 over version 0
replaces every case's details, so a half-done replacement shows as a case
whose shape is neither. The names are made up; nothing here is real.
"""

import json

CASES = 12
SHAPE_FIELDS = ["subjects", "engagements", "acts", "interventions", "responses", "citations"]


def case_codes(batch):
    return [f"{1950 + batch}-CHN-{n:03d}" for n in range(1, CASES + 1)]


def cite(batch, locator):
    return [{"source": f"crash-b{batch}", "locator": locator}]


def document(batch, version):
    year = 1950 + batch
    persons = [
        {
            "key": f"crash-b{batch}-p{n}",
            "name": f"Synthetic person {batch}.{n}",
            "gender": "unknown",
            "consent": {
                "level": "anonymous",
                "basis": "written",
                "obtained_on": f"{year}-01-02",
                "obtained_by": "Synthetic intake",
            },
            "sources": cite(batch, f"person {n}"),
        }
        for n in range(1, CASES + 1)
    ]
    cases = [
        {
            "code": code,
            "state": "CHN",
            "status": "open",
            "opened_on": f"{year}-01",
            "title": f"Synthetic case {code}, version {version}",
            "subjects": [{"person": f"crash-b{batch}-p{n}", "role": "targeted"}],
            "engagements": [
                {
                    "key": "e1",
                    "mechanism": "crash-sr",
                    "kind": "submitted_information",
                    "date": f"{year}-01",
                    "sources": cite(batch, "engagement"),
                }
            ],
            "acts": [
                {
                    "type": "intimidation",
                    "date": f"{year}-02",
                    "engagement": "e1",
                    "perpetrator_type": "unknown",
                    "sources": cite(batch, f"act {a}"),
                }
                for a in range(version + 1)
            ],
            "interventions": [
                {
                    "key": "i1",
                    "kind": "communication",
                    "mechanism": "crash-sr",
                    "date": f"{year}-03",
                    "sources": cite(batch, "letter"),
                }
            ],
            "responses": [{"type": "no_response", "intervention": "i1"}],
            "sources": cite(batch, "case"),
        }
        for n, code in enumerate(case_codes(batch), start=1)
    ]
    return {
        "format": "reprisals-cases/1",
        "sources": [
            {
                "key": f"crash-b{batch}",
                "title": f"Synthetic report {batch}",
                "kind": "ngo_report",
                "reliability": "medium",
            }
        ],
        "mechanisms": [
            {
                "key": "crash-sr",
                "name": "Synthetic Special Rapporteur",
                "kind": "special_procedure",
                "body": "HRC",
            }
        ],
        "persons": persons,
        "cases": cases,
    }


def write(path, batch, version):
    path.write_text(json.dumps(document(batch, version)), encoding="utf-8")
    return path


def case_shape(version):
    """What each case of a file holds once imported, in SHAPE_FIELDS order."""
    acts = version + 1
    return [1, 1, acts, 1, 1, 1 + 1 + acts + 1]  # citations: case, engagement, acts, letter


def rows(version):
    """Rows one imported batch adds, per table (the shared mechanism aside)."""
    subjects, engagements, acts, interventions, responses, case_citations = case_shape(version)
    return {
        "source": 1,
        "person": CASES,
        "consent": CASES,
        "case": CASES,
        "casesubject": CASES * subjects,
        "engagement": CASES * engagements,
        "act": CASES * acts,
        "intervention": CASES * interventions,
        "governmentresponse": CASES * responses,
        "citation": CASES * (case_citations + 1),  # + the person's
    }
