"""Codes of the register's cases in the diplomatic record's texts.

A motion, a result note, a statement, a dissociation or a document's title
may name cases of the register: "(case 2013-CHN-001)", "Cases Nos.
2025-ABC-001 and 2025-ABC-002", "[2025-ABC-001/2025-ABC-002]", a bare code,
one written with an en dash, a non-breaking hyphen or full-width digits. The
record is public; the cases are not all. Every text of the record that a
page, the API, a report or the CLI shows goes through `strip_case_codes`,
which takes out each code of a case the public may not see now, with the
wording and brackets around it when nothing public is left there, so that
no husk ("(case )", "(cases , )") hints that there was one, or how many.

Codes are looked for in a folded view of the text: compatibility
decomposition (full-width and other compatibility forms, as NFKC reads
them), accents and invisible format characters (zero-width space, soft
hyphen, bidi controls) dropped, every dash and minus sign read as "-", and
the Cyrillic and Greek letters that look Latin read as Latin; digits of any
script count. What a reader would read as a code is found as one. The text
shown keeps its own characters everywhere but where a code is taken out.
"""

import re
import unicodedata
from functools import lru_cache

from reprisals.register import public

# Every dash (Unicode category Pd) and the signs that look like one.
DASHES = (
    "\u058a\u05be\u1400\u1806\u2010\u2011\u2012\u2013\u2014\u2015\u2e17\u2e1a\u2e3a\u2e3b"
    "\u2e40\u2e5d\u301c\u3030\u30a0\ufe31\ufe32\ufe58\ufe63\uff0d\U00010ead"
    "\u2212\u2043\u02d7\u2796"
)
# Letters of other scripts that a reader takes for Latin ones.
LOOKALIKES = {
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "Х": "X", "У": "Y", "Ѕ": "S", "І": "I", "Ј": "J", "Ԛ": "Q", "Ԝ": "W",
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "ѕ": "s", "і": "i",
    "ј": "j", "ԁ": "d", "ԛ": "q", "ԝ": "w", "һ": "h", "ı": "i",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o", "ι": "i", "κ": "k", "ν": "v",
    "【": "[", "〔": "[", "〖": "[", "〘": "[", "〚": "[",
    "】": "]", "〕": "]", "〗": "]", "〙": "]", "〛": "]",
}  # fmt: skip
FOLDS = str.maketrans({**dict.fromkeys(DASHES, "-"), **LOOKALIKES})

SEPARATOR = r"(?:\s*[-_./]\s*)?"
CODE_PATTERN = rf"(\d{{4}}){SEPARATOR}([a-z]{{3}}){SEPARATOR}(\d{{3}})"
# What may stand before a code: "case", "Cases Nos.", "affaire", "дело", "案件"…
LABEL = (
    r"(?:(?<![^\W\d_])(?:cases?|affaires?|cas|casos?|дел[оауе]|делам|делах)"
    r"|(?:ال)?قضي[ةت]|(?:ال)?قضايا|案件|案例|个案|個案)"
    r"(?:\s*(?:nos?\.?|n°s?\.?|nr\.?|numbers?|#))?\s*(?:[:#]\s*)?"
)
CONJUNCTION = r"(?:and|or|et|ou|y|o|e|und|и|или)"
# Between two codes of a list: "A, B", "A; B", "A/B", "A, and B", "A y B", "A 和 B".
LIST_SEPARATOR = (
    rf"(?:\s*[,;/&+、]\s*(?:{CONJUNCTION}\s+)?|\s+{CONJUNCTION}\s+|\s*(?:و|أو|和|及|与|或)\s*)"
)
ITEM = rf"(?:{LABEL})?{CODE_PATTERN}"
RUN = rf"{ITEM}(?:{LIST_SEPARATOR}{ITEM})*"
# A reference in brackets holding nothing else, or a run of codes in running text.
REFERENCE = re.compile(rf"[(\[{{]\s*{RUN}\s*(?:[.,;]\s*)?[)\]}}]|{RUN}", re.IGNORECASE)
CODE = re.compile(CODE_PATTERN, re.IGNORECASE)
ENGLISH_LABEL = re.compile(r"[(\[{]?\s*(case)", re.IGNORECASE)
# Marks, as characters read (`_fold`); sets, so that "" (an invisible character) is none.
OPENING, CLOSING, SEPARATORS, ENDINGS = set("([{"), set(")]}"), set(",;:/"), set(",.;:!?")


def codes_in(text):
    """The case codes a text names, in any form, in normal form
    ("2013-CHN-001"), each once, in order."""
    return list(dict.fromkeys(_normal(*code) for code in CODE.findall(_View(text).text)))


def strip_case_codes(text, public_codes=frozenset()):
    """The text without the codes of the cases not in `public_codes` (a set
    of codes in normal form, or PublicCodes; by default none is public).
    Taking codes out may bring pieces together into a new code: the text is
    stripped again until nothing hidden is left."""
    while True:
        stripped = _strip_once(text, public_codes)
        if stripped == text:
            return text
        text = stripped


class PublicCodes:
    """The codes of the cases that register.public shows at `now`, as a set
    to intersect with: `{codes} & PublicCodes(now)` is the public ones among
    them, asked in one query; each code is asked once."""

    def __init__(self, now):
        self.now = now
        self._known = {}

    def __rand__(self, codes):
        asked = [code for code in codes if code not in self._known]
        if asked:
            cases = public.public_case_queryset(self.now).filter(code__in=asked)
            shown = {case.code for case in public.project_cases(cases, self.now)}
            self._known.update((code, code in shown) for code in asked)
        return {code for code in codes if self._known[code]}


def _strip_once(text, public_codes):
    view = _View(text)
    found = CODE.findall(view.text)
    if not found:  # most texts: no code at all
        return text
    shown = {_normal(*code) for code in found} & public_codes
    out, position = "", 0
    for reference in REFERENCE.finditer(view.text):
        codes = [_normal(*code) for code in CODE.findall(reference.group())]
        if all(code in shown for code in codes):
            continue
        start, end = view.original_span(*reference.span())
        kept = [code for code in dict.fromkeys(codes) if code in shown]
        out += text[position:start]
        if kept:
            out += _rewritten(reference.group(), text[start], text[end - 1], kept)
            position = end
        else:
            out, position = _closed_gap(out, text, end)
    return out + text[position:]


def _normal(year, letters, number):
    return f"{_ascii_digits(year)}-{letters.upper()}-{_ascii_digits(number)}"


def _ascii_digits(run):
    return "".join(str(unicodedata.decimal(digit)) for digit in run)


def _rewritten(reference, first, last, kept):
    """A reference that named hidden cases, rewritten with the public ones
    only: its brackets (as written), "case" or "cases" as many as are left
    (other languages' words left out, they may be plural), the codes."""
    label = ENGLISH_LABEL.match(reference)
    listed = ", ".join(kept)
    if label:
        written, word = label.group(1), "cases" if len(kept) > 1 else "case"
        if written.isupper():
            word = word.upper()
        elif written[0].isupper():
            word = word.capitalize()
        listed = f"{word} {listed}"
    if _fold(first) in OPENING and _fold(last) in CLOSING:
        return first + listed + last
    return listed


def _closed_gap(out, text, end):
    """`out` and the position in `text` to go on from, once a reference
    ending at `end` is taken out: one space at most, none before a closing
    mark, no separator after an opening one, no brackets left empty."""
    left, right = out.rstrip(), _after_spaces(text, end)
    spaced = len(left) < len(out) or right > end
    while left and _fold(left[-1]) in OPENING and right < len(text) \
            and _fold(text[right]) in CLOSING:  # fmt: skip
        inner, after = left[:-1], _after_spaces(text, right + 1)
        left = inner.rstrip()
        spaced = len(left) < len(inner) or after > right + 1
        right = after
    following = _fold(text[right]) if right < len(text) else ""
    if not left or _fold(left[-1]) in OPENING:
        if following in SEPARATORS:
            right = _after_spaces(text, right + 1)
        return left, right
    if not following or following in CLOSING | ENDINGS:
        if _fold(left[-1]) in SEPARATORS - {"/"}:  # "A, (B,) C", "(A; B)": one separator at most
            left = left[:-1].rstrip()
        return left, right
    return left + (" " if spaced else ""), right


def _after_spaces(text, position):
    while position < len(text) and (text[position].isspace() or not _fold(text[position])):
        position += 1
    return position


@lru_cache(maxsize=4096)
def _fold(char):
    """What one character reads as when looking for codes ("" for accents
    and invisible characters)."""
    parts = unicodedata.normalize("NFKD", char)
    kept = (part for part in parts if unicodedata.category(part)[0] != "M"
            and unicodedata.category(part) != "Cf")  # fmt: skip
    return "".join(kept).translate(FOLDS)


class _View:
    """The folded text, and where each of its characters comes from."""

    def __init__(self, text):
        if text.isascii():
            self.text, self._origin = text, None
            return
        folded, origin = [], []
        for position, char in enumerate(text):
            reads = _fold(char)
            folded.append(reads)
            origin.extend([position] * len(reads))
        self.text, self._origin = "".join(folded), origin

    def original_span(self, start, end):
        if self._origin is None:
            return start, end
        return self._origin[start], self._origin[end - 1] + 1
