"""The Atom feed of items as they become public, newest first.

Entries come from register.public.feed_entries at the moment of the request,
so an item appears when the publication rule allows it and disappears when
consent is withdrawn: there is no stored feed to fall behind.
"""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from reprisals.lib.text import printable
from reprisals.register import public


class PrintableAtom1Feed(Atom1Feed):
    """Atom whose every text is lib.text.printable: XML 1.0 cannot hold a C0
    control character (Django refuses to write one: the feed would fail for
    everyone) nor U+FFFE or U+FFFF (it would write them, and readers would
    reject the feed)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*_printable(args), **_printable(kwargs))

    def add_item(self, *args, **kwargs):
        super().add_item(*_printable(args), **_printable(kwargs))


def _printable(values):
    if isinstance(values, dict):
        return {name: _printable_value(value) for name, value in values.items()}
    return [_printable_value(value) for value in values]


def _printable_value(value):
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, list | tuple):
        return type(value)(_printable_value(item) for item in value)
    return value


class PublicFeed(Feed):
    feed_type = PrintableAtom1Feed

    def get_object(self, request, *args, **kwargs):
        return timezone.now()  # the feed's `now`, taken once per request

    def title(self):
        return _("Reprisals Register: newly public cases and communications")

    def subtitle(self):
        return _(
            "Cases and letters to States as they become public under the publication rule, "
            "with the consent of the people concerned."
        )

    def link(self):
        return reverse("register:home")

    def items(self, now):
        return public.feed_entries(now)

    def item_title(self, entry):
        return entry.title

    def item_description(self, entry):
        if entry.kind == "case":
            return _("Case %(code)s is public.") % {"code": entry.key}
        return _("A communication to a State is public.")

    def item_link(self, entry):
        if entry.kind == "case":
            return reverse("register:case", args=[entry.key])
        return reverse("register:communication", args=[int(entry.key)])

    def item_pubdate(self, entry):
        return entry.public_from

    def item_updateddate(self, entry):
        return entry.public_from
