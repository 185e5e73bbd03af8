"""Screening of public texts against the names of people who may not be named.

Free text is the widest road for a leak: a staff-written title such as
"Detention of Mr Wang" names someone whose consent is `anonymous` or
`confidential`, in this case or in any other case of any team. Every text
that can reach the public is compared here with the names and other names of
every person and organisation in the database whose display is not `named`.

Both sides are normalised the same way (`words`): Unicode compatibility form,
accents and format characters (zero-width spaces, soft hyphens) dropped, case
folded, and every run of whitespace or punctuation made one space, so "Cao
Shunli", "CAO\u00a0 shunli", "Cao-Shunli" and a decomposed accent all compare
equal. What is compared:

- a person's or organisation's whole name, with its words joined, against
  every run of up to `MAX_NAME_WORDS` words of the text, also joined (so
  "CaoShunli" and "Cao Shun Li" match "Cao Shunli");
- each part of a person's name: in alphabetic scripts (Latin, Cyrillic,
  Arabic, …) every word of three letters or more except name particles; in
  CJK scripts the given name (the name less its one- or two-character
  surname) when it has two characters or more, and each part of a name
  written with a separator. A Cyrillic word of the text also matches with up
  to three letters of declension ending ("Иванова" for "Иванов"), an Arabic
  one without its attached prefixes ("والعلي" for "العلي"), and every run of
  two to eight CJK characters is a candidate.

A part of a non-`named` person's name inside an occurrence of a `named`
person's whole name is not a hit ("Wang Wei" named, "Wang Li" confidential:
"Wang Wei spoke" stays shown).

Names are never kept in the clear for this: each term is stored as a keyed
token (vault.blind) in NameTerm, rewritten whenever a person or organisation
is saved; screening a text makes the tokens of its candidate runs and looks
them up in one query. Organisation names are matched whole only: the parts of
"Human Rights Watch Uganda" are ordinary words.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.db import connection

from reprisals.vault import blind

MAX_NAME_WORDS = 6
MIN_PART = 3
MIN_CJK_PART = 2
# Words that are part of names in many languages but are not names themselves.
PARTICLES = frozenset(
    "abu bin ibn bint ben bat van von der den del della dos das les mac san the and".split()
)
CJK_COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 诸葛 上官 司徒 东方 夏侯 皇甫 尉迟 公孙 慕容 长孙 宇文 令狐 端木 独孤 南宫 西门 "
    "歐陽 司馬 諸葛 東方 長孫 令狐 獨孤".split()
)
ARABIC_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")
CYRILLIC_ENDINGS = 3
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+")
_CJK_RUN_MAX = 8


def words(text):
    """The text's words, normalised for comparison (see the module's doc)."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    kept = []
    for char in decomposed:
        category = unicodedata.category(char)
        if category.startswith("M") or category == "Cf":
            continue  # accents, zero-width and bidi marks, soft hyphens
        kept.append(char if category[0] in "LN" else " ")
    return unicodedata.normalize("NFKC", "".join(kept)).casefold().split()


def _script(word):
    if _CJK.fullmatch(word):
        return "cjk"
    first = unicodedata.name(word[0], "")
    if first.startswith("CYRILLIC"):
        return "cyrillic"
    if first.startswith("ARABIC"):
        return "arabic"
    return "alphabetic"


@dataclass(frozen=True)
class Term:
    text: str
    whole: bool  # the whole name, or one part of it


def name_terms(name, *, parts=True):
    """The terms a name is screened by: its whole form and, for a person,
    its parts."""
    tokens = words(name)
    if not tokens or len("".join(tokens)) < MIN_CJK_PART:
        return []
    terms = [Term("".join(tokens), whole=True)]
    if not parts:
        return terms
    if len(tokens) == 1 and _script(tokens[0]) == "cjk":
        run = tokens[0]
        surname = 2 if run[:2] in CJK_COMPOUND_SURNAMES else 1
        given = run[surname:]
        if len(given) >= MIN_CJK_PART:
            terms.append(Term(given, whole=False))
        return terms
    for token in tokens:
        least = MIN_CJK_PART if _script(token) == "cjk" else MIN_PART
        if len(token) >= least and token not in PARTICLES and len(tokens) > 1:
            terms.append(Term(token, whole=False))
    return terms


def subject_terms(subject):
    """Every term of a person's or organisation's name and other names."""
    is_person = subject._meta.model_name == "person"
    names = [subject.name]
    if is_person:
        names += re.split(r"[,;\n]", subject.other_names or "")
    seen = {}
    for name in names:
        for term in name_terms(name, parts=is_person):
            seen.setdefault(term.text, term)
    return list(seen.values())


def term_token(text):
    return blind.token("screen", text)


def _variants(word):
    """Forms of one word of a text that a name part may stand in."""
    script = _script(word)
    if script == "cyrillic":
        return [word] + [word[:-n] for n in range(1, CYRILLIC_ENDINGS + 1)
                         if len(word) - n >= MIN_PART]  # fmt: skip
    if script == "arabic":
        return [word] + [word[len(p):] for p in ARABIC_PREFIXES
                         if word.startswith(p) and len(word) - len(p) >= MIN_PART]  # fmt: skip
    if script == "cjk":
        return [word[i:j] for i in range(len(word))
                for j in range(i + MIN_CJK_PART, min(len(word), i + _CJK_RUN_MAX) + 1)]  # fmt: skip
    return [word]


def candidates(text):
    """{candidate string: [(first word, last word + 1)]} of a text: every run
    of up to MAX_NAME_WORDS words joined, and every variant of each word."""
    found = {}
    tokens = words(text)
    for i in range(len(tokens)):
        for j in range(i + 1, min(len(tokens), i + MAX_NAME_WORDS) + 1):
            found.setdefault("".join(tokens[i:j]), []).append((i, j))
        for variant in _variants(tokens[i]):
            found.setdefault(variant, []).append((i, i + 1))
    return found


@dataclass(frozen=True)
class Hit:
    """A name of a subject who may not be named, found in a text."""

    model: str  # "person" or "organization"
    pk: int
    whole: bool  # the whole name, or a part of it


def screen_texts(texts):
    """{text: [Hit]} for each text; one query for all of them."""
    from reprisals.register.models import NameTerm

    texts = [t for t in dict.fromkeys(texts) if t]
    found = {text: candidates(text) for text in texts}
    tokens = {term_token(c): c for spans in found.values() for c in spans}
    if not tokens:
        return {text: [] for text in texts}
    listed, rows = list(tokens), []
    size = connection.features.max_query_params or 10_000  # SQLite caps a query's parameters
    for start in range(0, len(listed), size):
        rows += NameTerm.objects.filter(token__in=listed[start : start + size]).values_list(
            "token", "person_id", "organization_id", "whole"
        )
    named = _named_subjects(rows)
    result = {}
    for text, spans in found.items():
        matches = [(tokens[t], p, o, whole) for t, p, o, whole in rows if tokens[t] in spans]
        covered = [span for c, p, o, whole in matches if whole and (p, o) in named
                   for span in spans[c]]  # fmt: skip
        hits = set()
        for candidate, person, organization, whole in matches:
            if (person, organization) in named:
                continue
            if not whole and all(_inside(s, covered) for s in spans[candidate]):
                continue
            model, pk = ("person", person) if person else ("organization", organization)
            hits.add(Hit(model, pk, whole))
        result[text] = sorted(hits, key=lambda h: (h.model, h.pk, not h.whole))
    return result


def _inside(span, covering):
    return any(start <= span[0] and span[1] <= end for start, end in covering)


def _named_subjects(rows):
    """The (person id, organization id) pairs among rows whose current
    consent lets them be named."""
    from reprisals.cases.models import Organization, Person
    from reprisals.register import rule
    from reprisals.register.queries import consent_facts

    people = {p for _, p, _, _ in rows if p}
    organizations = {o for _, _, o, _ in rows if o}
    named = set()
    for model, ids, key in ((Person, people, "person"), (Organization, organizations, "org")):
        if not ids:
            continue
        # only() keeps the sealed names unread: the consent is all that counts.
        for subject in model.objects.filter(pk__in=ids).only("pk").prefetch_related("consents"):
            if rule.display(consent_facts(subject)) == rule.NAMED:
                named.add((subject.pk, None) if key == "person" else (None, subject.pk))
    return named


def is_clean(text):
    return not screen_texts([text]).get(text)


def index_subject(subject):
    """Rewrite the name terms of a person or organisation (after each save)."""
    from reprisals.register.models import NameTerm

    key = subject._meta.model_name
    NameTerm.objects.filter(**{key: subject}).delete()
    NameTerm.objects.bulk_create(
        NameTerm(token=term_token(term.text), whole=term.whole, **{key: subject})
        for term in subject_terms(subject)
    )


def rebuild_terms():
    """Rewrite every subject's name terms (after a migration or a bulk write)."""
    from reprisals.cases.models import Organization, Person

    count = 0
    for model in (Person, Organization):
        for subject in model.objects.iterator(chunk_size=500):
            index_subject(subject)
            count += 1
    return count
