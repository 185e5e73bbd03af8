"""UN document symbols: read them, say what is wrong, write one normal form.

Forms read (letter case and surrounding spaces do not matter):

| form | what | e.g. |
|---|---|---|
| `A/HRC/RES/<s>/<n>` | Human Rights Council resolution | A/HRC/RES/24/24, A/HRC/RES/S-1/1 |
| `A/HRC/DEC/<s>/<n>` | Human Rights Council decision | A/HRC/DEC/1/106 |
| `A/HRC/<s>/L.<n>` | HRC draft resolution, decision or amendment | A/HRC/36/L.43/Rev.1 |
| `A/HRC/<s>/<n>` | HRC document, e.g. a report | A/HRC/45/36/Add.1 |
| `A/RES/<s>/<n>` | General Assembly resolution | A/RES/73/175, A/RES/ES-10/19 |
| `R/<s>/<n>` | the same in Voeten's roll calls (`SS/`, `ESS/`: special sessions) | R/73/175 |
| `A/<s>/L.<n>` | General Assembly draft or amendment | A/73/L.42 |
| `A/<s>/<n>` | General Assembly document, e.g. a report | A/73/251 |

A session is a number, `S-<n>` for a special session or (General Assembly
only) `ES-<n>` for an emergency special session. Drafts and documents may
carry `/Rev.<k>`, `/Add.<k>` and `/Corr.<k>`, kept in the order written.
A General Assembly resolution may carry part letters (`A/RES/42/70A`) and a
section after a slash (`R/34/233/I`), both kept as written: Voeten writes
both `70/A` and `70A`, and `I` may be a letter or a Roman numeral.

The normal form has upper-case prefixes, numbers without leading zeros and
`Rev.`/`Add.`/`Corr.` capitalised so. Before its 31st session (1976) the
General Assembly numbered resolutions across sessions (`217 A (III)`); they
keep the session-first form Voeten gives them (`A/RES/3/217A`), so one form
serves every session.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from reprisals.diplomacy.vocab import DocumentKind

_ALLOWED = re.compile(r"[A-Za-z0-9/.\-]+", re.ASCII)
_NUMBER = re.compile(r"[0-9]{1,5}", re.ASCII)
_SESSION = re.compile(r"(?:(S|ES)-)?([0-9]{1,3})", re.ASCII)
_DRAFT = re.compile(r"L\.([0-9]{1,5})", re.ASCII)
_SUFFIX = re.compile(r"(REV|ADD|CORR)\.([0-9]{1,3})", re.ASCII)
_GA_NUMBER = re.compile(r"([0-9]{1,5})([A-Z]{0,2})", re.ASCII)
_SECTION = re.compile(r"[A-Z]|(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})", re.ASCII)
_SUFFIX_NAMES = {"REV": "Rev", "ADD": "Add", "CORR": "Corr"}
_VOETEN_SESSIONS = {"R": "", "SS": "S-", "ESS": "ES-"}
HRC_KINDS = {DocumentKind.HRC_RESOLUTION, DocumentKind.HRC_DECISION, DocumentKind.HRC_DRAFT,
             DocumentKind.HRC_REPORT}  # fmt: skip


class SymbolError(ValidationError, ValueError):
    """A text that is not a UN document symbol; the message says why."""

    def __init__(self, text, problem):
        shown = text if len(text) <= 60 else text[:57] + "..."
        self.problem = problem
        super().__init__(f"{shown!r} is not a UN document symbol: {problem}", code="invalid_symbol")

    def __str__(self):
        return self.message


@dataclass(frozen=True)
class Symbol:
    kind: str  # a DocumentKind value
    session: str  # "24", "S-1", "ES-10"
    number: int
    part: str = ""  # General Assembly resolution part letters, "A" in A/RES/42/70A
    section: str = ""  # General Assembly resolution section, "I" in A/RES/34/233/I
    suffixes: tuple = ()  # (("Rev", 1), ("Add", 1)), in the order written

    @property
    def body(self):
        """Code of the reference Body the document belongs to."""
        return "HRC" if self.kind in HRC_KINDS else "GA"

    def __str__(self):
        s, n = self.session, self.number
        core = {
            DocumentKind.HRC_RESOLUTION: f"A/HRC/RES/{s}/{n}",
            DocumentKind.HRC_DECISION: f"A/HRC/DEC/{s}/{n}",
            DocumentKind.HRC_DRAFT: f"A/HRC/{s}/L.{n}",
            DocumentKind.HRC_REPORT: f"A/HRC/{s}/{n}",
            DocumentKind.GA_RESOLUTION: f"A/RES/{s}/{n}{self.part}",
            DocumentKind.GA_DRAFT: f"A/{s}/L.{n}",
            DocumentKind.GA_REPORT: f"A/{s}/{n}",
        }[self.kind]
        if self.section:
            core += f"/{self.section}"
        return core + "".join(f"/{name}.{k}" for name, k in self.suffixes)


def normalise_symbol(text):
    """The normal form of a symbol; raises SymbolError."""
    return str(parse_symbol(text))


def parse_symbol(text):
    """Read a symbol in any form above; raise SymbolError saying what is wrong."""
    if not isinstance(text, str):
        raise SymbolError(repr(text), "a symbol is text")
    cleaned = text.strip()
    if not cleaned:
        raise SymbolError(text, "it is empty")
    if not _ALLOWED.fullmatch(cleaned):
        bad = next(c for c in cleaned if not _ALLOWED.fullmatch(c))
        raise SymbolError(text, f"it contains {bad!r}; symbols have only A-Z, 0-9, '/', '.', '-'")
    tokens = cleaned.upper().split("/")
    if "" in tokens:
        raise SymbolError(text, "it has an empty part between slashes")
    return _Reader(text, tokens).read()


class _Reader:
    def __init__(self, text, tokens):
        self.text, self.tokens = text, tokens

    def fail(self, problem):
        raise SymbolError(self.text, problem)

    def read(self):
        head = self.tokens[0]
        if head in _VOETEN_SESSIONS:
            return self.voeten(head)
        if head != "A" or len(self.tokens) < 3:
            self.fail(
                "expected A/HRC/RES/<session>/<n>, A/HRC/DEC/…, A/HRC/<session>/L.<n>, "
                "A/HRC/<session>/<n>, A/RES/<session>/<n>, A/<session>/L.<n>, A/<session>/<n> "
                "or Voeten's R/<session>/<n>"
            )
        if self.tokens[1] == "HRC":
            return self.hrc(self.tokens[2:])
        if self.tokens[1] == "RES":
            return self.ga_resolution(self.tokens[2:], "A/RES", specials=("S", "ES"))
        return self.document(self.tokens[1:], "GA", specials=("S", "ES"))

    def hrc(self, rest):
        if rest[0] in ("RES", "DEC"):
            label = f"A/HRC/{rest[0]}"
            if len(rest) != 3:
                self.fail(f"{label} is followed by exactly <session>/<number>")
            kind = DocumentKind.HRC_RESOLUTION if rest[0] == "RES" else DocumentKind.HRC_DECISION
            session = self.session(rest[1], label, specials=("S",))
            if _DRAFT.fullmatch(rest[2]):
                self.fail(f"a draft has no {rest[0]}: write A/HRC/{session}/{rest[2]}")
            return Symbol(kind, session, self.number(rest[2], f"{label} number"))
        return self.document(rest, "HRC", specials=("S",))

    def document(self, rest, body, *, specials):
        prefix = "A/HRC" if body == "HRC" else "A"
        if len(rest) < 2:
            self.fail(f"{prefix}/<session> is followed by L.<n> or a number")
        session = self.session(rest[0], prefix, specials=specials)
        draft = _DRAFT.fullmatch(rest[1])
        if draft:
            kind = DocumentKind.HRC_DRAFT if body == "HRC" else DocumentKind.GA_DRAFT
            number = self.positive(draft.group(1), "draft number after L.")
        else:
            if rest[1].startswith("L"):
                self.fail(f"the draft number {rest[1]!r} is not L.<number>")
            kind = DocumentKind.HRC_REPORT if body == "HRC" else DocumentKind.GA_REPORT
            number = self.number(rest[1], "document number")
        return Symbol(kind, session, number, suffixes=self.suffixes(rest[2:]))

    def voeten(self, head):
        label = f"{head}/<session>/<number>"
        if len(self.tokens) < 3:
            self.fail(f"Voeten's form is {label}")
        session = self.session(self.tokens[1], head, specials=())
        return self.ga_resolution(
            [_VOETEN_SESSIONS[head] + session, *self.tokens[2:]], head, specials=("S", "ES")
        )

    def ga_resolution(self, rest, label, *, specials):
        if len(rest) not in (2, 3):
            self.fail(f"{label} is followed by <session>/<number>, then at most a section")
        session = self.session(rest[0], label, specials=specials)
        match = _GA_NUMBER.fullmatch(rest[1])
        if not match:
            self.fail(f"the resolution number {rest[1]!r} is not digits and at most two letters")
        number = self.positive(match.group(1), "resolution number")
        section = ""
        if len(rest) == 3:
            section = rest[2]
            if not _SECTION.fullmatch(section):
                self.fail(f"the section {section!r} is neither a letter nor a Roman numeral")
        return Symbol(DocumentKind.GA_RESOLUTION, session, number, match.group(2), section)

    def session(self, token, after, *, specials):
        match = _SESSION.fullmatch(token)
        if not match or (match.group(1) and match.group(1) not in specials):
            forms = " or ".join(["<n>", *(f"{s}-<n>" for s in specials)])
            self.fail(f"the session after {after}/ is {forms}, not {token!r}")
        number = self.positive(match.group(2), "session")
        return f"{match.group(1)}-{number}" if match.group(1) else str(number)

    def number(self, token, what):
        if not _NUMBER.fullmatch(token):
            self.fail(f"the {what} {token!r} is not a number of at most five digits")
        return self.positive(token, what)

    def positive(self, digits, what):
        if int(digits) == 0:
            self.fail(f"the {what} is 0; numbering starts at 1")
        return int(digits)

    def suffixes(self, tokens):
        found = []
        for token in tokens:
            match = _SUFFIX.fullmatch(token)
            if not match:
                self.fail(f"{token!r} is not /Rev.<n>, /Add.<n> or /Corr.<n>")
            name = _SUFFIX_NAMES[match.group(1)]
            if any(seen == name for seen, _ in found):
                self.fail(f"/{name}. appears twice")
            found.append((name, self.positive(match.group(2), f"{name}. number")))
        return tuple(found)
