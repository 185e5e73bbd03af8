"""The forms in which a text may name a case of the register, for the tests
of diplomacy.case_codes and the leak test: how a code may be written
(`SPELLINGS`), the words and brackets around one or more codes (`WRAPPERS`),
and a reader that finds every code a person would read in a text, written
apart from the code under test so that it can catch it out."""

import html
import re
import unicodedata

# Latin letters and the Cyrillic ones that look the same.
CYRILLIC = str.maketrans("ABCEHKMOPTXY", "АВСЕНКМОРТХУ")
FULL_WIDTH = str.maketrans(
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-",
    "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ－",
)
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

# How one code, e.g. 2025-ABC-001, may be written.
SPELLINGS = {
    "as recorded": lambda code: code,
    "lower case": str.lower,
    "en dash": lambda code: code.replace("-", "\u2013"),
    "em dash": lambda code: code.replace("-", "\u2014"),
    "non-breaking hyphen": lambda code: code.replace("-", "\u2011"),
    "minus sign": lambda code: code.replace("-", "\u2212"),
    "spaced dashes": lambda code: code.replace("-", " - "),
    "no dashes": lambda code: code.replace("-", ""),
    "soft hyphens": lambda code: code.replace("-", "\u00ad"),
    "zero-width space": lambda code: code[:2] + "\u200b" + code[2:6] + "\u200b" + code[6:],
    "full width": lambda code: code.translate(FULL_WIDTH),
    "Arabic-Indic digits": lambda code: code.translate(ARABIC_INDIC),
    "Cyrillic letters": lambda code: code[:5] + code[5:8].translate(CYRILLIC) + code[8:],
    "accented letters": lambda code: code[:5] + "\u0301".join(code[5:8]) + "\u0301" + code[8:],
}
# Words and brackets around codes; each {} is one code.
WRAPPERS = [
    "(case {})", "(Case {})", "(CASE {})", "case {}", "Case No. {}", "{}", "({})", "[{}]",
    "case: {}", "on{},", "(cases {} and {})", "Cases Nos. {}; {}", "[{}/{}]", "{}, {}",
    "(Cases {}, {} and {})", "cases {}, {}, and {}", "(affaires {} et {})", "（案件{}）",
    "【{}】", "(case {}) (case {})", "CASES {} & {}", "[(case {})]", "({}; {})",
]  # fmt: skip

# A reference left without its codes, in normalised text: "(case )", "(cases , and )", "[/]".
HUSK = re.compile(r"[(\[]\s*(?:cases?|nos?\.?|affaires?|et|and|案件|[,;:/&]|\s)*[)\]]", re.I)
# A code as a reader reads it, once the text is normalised (`normalised`).
READ_CODE = re.compile(r"(\d{4})(?:\s*-\s*)?([A-Za-z]{3})(?:\s*-\s*)?(\d{3})")
LATIN = str.maketrans("АВСЕНКМОРТХУ", "ABCEHKMOPTXY")


def normalised(text):
    """The text as compatibility characters, dashes, accents, invisible
    characters, lookalike letters and HTML entities do not disguise it."""
    text = unicodedata.normalize("NFKD", html.unescape(text))
    kept = (char for char in text if unicodedata.category(char)[0] != "M"
            and unicodedata.category(char) != "Cf")  # fmt: skip
    return "".join(
        "-" if unicodedata.category(char) == "Pd" or char == "\u2212" else char for char in kept
    ).translate(LATIN)


def codes_read(text):
    """Every case code a person reads in the text, in normal form."""
    return {
        f"{_digits(year)}-{letters.upper()}-{_digits(number)}"
        for year, letters, number in READ_CODE.findall(normalised(text))
    }


def _digits(run):
    return "".join(str(unicodedata.decimal(digit)) for digit in run)


def written(wrapper, codes, spellings):
    """The wrapper around the codes, each written its own way."""
    return wrapper.format(
        *(SPELLINGS[how](code) for code, how in zip(codes, spellings, strict=True))
    )


def in_every_form(codes, start=0):
    """A text naming every code once, going through the wrappers and the
    spellings in turn from the `start`th."""
    spellings, pieces, rest, turn = list(SPELLINGS), [], list(codes), start
    while rest:
        wrapper = WRAPPERS[turn % len(WRAPPERS)]
        taken, rest = rest[: wrapper.count("{}")], rest[wrapper.count("{}") :]
        wrapper = wrapper if len(taken) == wrapper.count("{}") else "{}, " * len(taken)
        how = [spellings[(turn + k) % len(spellings)] for k in range(len(taken))]
        pieces.append(written(wrapper, taken, how))
        turn += 1
    return " ".join(pieces)
