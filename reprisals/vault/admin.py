"""Back-office support for sealed models: search through blind indexes, and
no sorting on sealed columns (the database holds only ciphertext)."""

from django.db.models import Q

from reprisals.vault.blind import matching
from reprisals.vault.fields import SealedTextField


class SealedAdminMixin:
    """`search_fields` name plain columns only (codes, pseudonyms);
    `blind_search_fields` name BlindIndexFields, possibly across relations."""

    blind_search_fields = ()

    def get_search_results(self, request, queryset, search_term):
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if not search_term.strip() or not self.blind_search_fields:
            return found, may_have_duplicates
        condition = Q()
        for field in self.blind_search_fields:
            condition |= matching(field, search_term)
        return found | queryset.filter(condition), True

    def get_sortable_by(self, request):
        sealed = {f.name for f in self.model._meta.fields if isinstance(f, SealedTextField)}
        return [name for name in self.get_list_display(request) if name not in sealed]
