"""One rule for the characters a text may hold: what every input refuses, and
what every output replaces.

Refused, with the position of the first one (`refusal`):

- control characters: C0 (U+0000-U+001F) but tab, line feed and carriage
  return; DEL (U+007F); C1 (U+0080-U+009F). Invisible, and C0 is not allowed
  in XML 1.0: one U+000B (Word's manual line break) in a public title made
  the Atom feed fail for everyone;
- the bidirectional embedding, override and isolate controls (U+202A-U+202E,
  U+2066-U+2069). Invisible, they change the order in which the characters
  around them are shown, so a text can read on screen as a name or a code it
  does not hold, past the screening of public texts and a reviewer's eye.
  The direction marks (U+200E, U+200F, U+061C) reorder no letters and stay
  allowed: Arabic and Hebrew texts use them around punctuation;
- the noncharacters U+FFFE and U+FFFF and unpaired surrogates (which JSON's
  \\u escapes can carry): not text; XML cannot hold the first, UTF-8 (and
  so the database) not the second.

Tab and line breaks are allowed in multi-line texts only. A carriage return
(browsers send a text area's line breaks as CR LF) is a line break: it is
stored as a line feed (`normalise_newlines`), never refused there.

Every model's text fields carry `TextValidator` (lib.apps), so `full_clean()`
and every ModelForm apply the rule; forms use `CheckedCharField`; importers
and the API call `refusal` on the values they read.

On output, `printable` replaces each refused character (tab and line breaks
are kept) by U+FFFD, the replacement character, rather than dropping it:
dropping would silently join what the character separated (two words, or
the parts of a name that a control character kept from matching the
screening) and shift every position after it, while U+FFFD shows the reader,
and the staff who correct the record, that something stood there.
"""

import re
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import models
from django.db.models.signals import pre_save
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
_NOT_TEXT = "\ufffe\uffff\ud800-\udfff"
_REFUSED = re.compile(f"[{_CONTROLS}{_BIDI_CONTROLS}{_NOT_TEXT}]")
_REFUSED_IN_ONE_LINE = re.compile(f"[{_CONTROLS}{_BIDI_CONTROLS}{_NOT_TEXT}\t\n\r]")
REPLACEMENT = "\ufffd"

CONTROL = _("control character %(code)s at position %(position)s; remove it")
BIDI_CONTROL = _("bidirectional control character %(code)s at position %(position)s; remove it")
NOT_TEXT = _("invalid character %(code)s at position %(position)s; remove it")
LINE_BREAK = _(
    "line break or tab (%(code)s) at position %(position)s: this field holds one line; remove it"
)


@dataclass(frozen=True)
class Refusal:
    """The first character a text may not hold, and its position (from 1)."""

    character: str
    position: int
    multiline: bool

    @property
    def template(self):
        if self.character in "\t\n\r" and not self.multiline:
            return LINE_BREAK
        if re.match(f"[{_BIDI_CONTROLS}]", self.character):
            return BIDI_CONTROL
        if re.match(f"[{_NOT_TEXT}]", self.character):
            return NOT_TEXT
        return CONTROL

    @property
    def params(self):
        return {"code": f"U+{ord(self.character):04X}", "position": self.position}

    def __str__(self):
        """The message, in the active language."""
        return str(self.template) % self.params


def refusal(text, *, multiline=True):
    """The Refusal of the first character `text` may not hold; None if it may
    hold them all. Tab and line breaks only where `multiline`."""
    if text.isprintable():  # no control, format or line-break character at all
        return None
    found = (_REFUSED if multiline else _REFUSED_IN_ONE_LINE).search(text)
    return found and Refusal(found.group(), found.start() + 1, multiline)


def allowed_pattern(*, multiline):
    """A regular expression (ECMA-262, as JSON Schema reads it, and Python)
    that a whole text the rule allows matches, for API documents. Lone
    surrogates are left out: no URL or UTF-8 document can carry one."""
    line_breaks = "" if multiline else "\t\n\r"
    return f"^[^{_CONTROLS}{_BIDI_CONTROLS}\ufffe\uffff{line_breaks}]*$"


def normalise_newlines(text):
    """CR LF and lone CR as LF, the one line break stored."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def printable(text):
    """`text` with each character that input refuses (but tab and line
    breaks) replaced by U+FFFD: safe in XML 1.0, JSON, CSV and HTML."""
    return text if text.isprintable() else _REFUSED.sub(REPLACEMENT, text)


def printable_data(data):
    """`printable` over the strings of JSON-like data (dicts, lists, tuples),
    keys too; other values as they are."""
    if isinstance(data, str):
        return printable(data)
    if isinstance(data, dict):
        return {printable_data(key): printable_data(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [printable_data(item) for item in data]
    return data


def printable_utf8(content):
    """`printable` over UTF-8 bytes; the same bytes if nothing is refused
    (or if they are not UTF-8: then they are not text to mend)."""
    try:
        text = content.decode()
    except UnicodeDecodeError:
        return content
    return content if _REFUSED.search(text) is None else printable(text).encode()


def printable_pages(get_response):
    """Middleware: every HTML page as `printable`. A pass over the finished
    page rather than a filter in the templates, so that no template, no
    variable (in text or in an attribute), no page added later and no page
    of the back office can miss it. One scan, which finds nothing on almost
    every page, costs about a millisecond per 150 kB."""

    def middleware(request):
        response = get_response(request)
        html = response.get("Content-Type", "").startswith("text/html")
        if html and not response.streaming and response.charset.lower() in ("utf-8", "utf8"):
            original = response.content  # joined anew at each reading
            content = printable_utf8(original)
            if content is not original:
                response.content = content
                if response.has_header("Content-Length"):
                    response["Content-Length"] = str(len(content))
        return response

    return middleware


@deconstructible
class TextValidator:
    """Refuses a text holding a character of the rule above; tab and line
    breaks only in a single-line field."""

    def __init__(self, multiline=True):
        self.multiline = multiline

    def __call__(self, value):
        if isinstance(value, str) and (found := refusal(value, multiline=self.multiline)):
            raise ValidationError(found.template, code="character", params=found.params)

    def __eq__(self, other):
        return isinstance(other, TextValidator) and other.multiline == self.multiline


def is_multiline(field):
    """A model field that may hold lines: a TextField, unless declared
    single-line (vault's SealedTextField(single_line=True)). CharFields hold
    one line."""
    return isinstance(field, models.TextField) and not getattr(field, "single_line", False)


def apply_to_models(all_models):
    """Every CharField and TextField of every model carries TextValidator,
    so `full_clean()` and every ModelForm of the back office refuse what the
    rule refuses, naming the field; and a multi-line text is saved with LF
    line breaks only, whatever saves it. Set on the fields once the models
    are loaded (lib.apps) rather than declared on each: a field added later
    is covered too, and no migration changes (validators are not schema)."""
    for model in all_models:
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.CharField | models.TextField):
                continue
            validator = TextValidator(multiline=is_multiline(field))
            if validator not in field.validators:
                field.validators.append(validator)  # the field's own (cached) list
            names = _MULTILINE.setdefault(model, [])
            if is_multiline(field) and field.attname not in names:
                names.append(field.attname)
    pre_save.connect(_normalise_newlines, dispatch_uid="lib-text-newlines")


_MULTILINE = {}  # model -> attnames of its multi-line text fields


def _normalise_newlines(sender, instance, raw=False, **kwargs):
    if raw:  # fixtures and restored rows are written exactly as they are
        return
    for name in _MULTILINE.get(sender, ()):
        value = getattr(instance, name)
        if isinstance(value, str) and "\r" in value:
            setattr(instance, name, normalise_newlines(value))


class CheckedCharField(forms.CharField):
    """A form's text field under the rule. Multi-line when its widget is a
    text area, whose line breaks (CR LF from browsers) become LF."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.multiline = isinstance(self.widget, forms.Textarea)
        # The rule refuses NUL too, saying where: one message, not two.
        self.validators = [
            *(v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)),
            TextValidator(multiline=self.multiline),
        ]

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_newlines(value) if self.multiline and isinstance(value, str) else value
