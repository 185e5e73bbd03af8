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

from reprisals.register import public


class PublicFeed(Feed):
    feed_type = Atom1Feed

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
