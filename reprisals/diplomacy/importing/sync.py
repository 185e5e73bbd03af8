"""Idempotent writing: rows are matched on their natural key; a missing row
is created, a differing one updated, an equal one left alone. So importing
the same data twice changes nothing, and nothing is ever deleted: a row no
longer in a source stays, with the source it came from.
"""

from dataclasses import dataclass, field

BATCH = 5000


@dataclass
class Tally:
    """Rows created and updated, per model name."""

    created: dict = field(default_factory=dict)
    updated: dict = field(default_factory=dict)

    def add(self, name, created, updated):
        self.created[name] = self.created.get(name, 0) + created
        self.updated[name] = self.updated.get(name, 0) + updated

    @property
    def changed(self):
        """Names of the models with a row created or updated."""
        return sorted(name for name in self.created if self.created[name] or self.updated[name])

    def summary(self):
        parts = [
            f"{name}: {self.created[name]} new, {self.updated[name]} updated"
            for name in self.created
        ]
        return "; ".join(parts)


def sync(model, wanted, *, key, existing, tally, keep_other_sources=True):
    """Make the rows of `existing` (a queryset of `model`) match `wanted`,
    {key values: {field attname: value}}; `key` names the key's attnames.
    A stored row whose `source_id` differs from the wanted row's is left as
    it is: one source never overwrites another."""
    if not wanted:
        tally.add(model._meta.model_name, 0, 0)
        return
    names = list(next(iter(wanted.values())))
    current = {
        tuple(row[k] for k in key): row for row in existing.values("pk", *key, *names).order_by()
    }
    create, update, changed = [], [], set()
    for values_of_key, values in wanted.items():
        row = current.get(values_of_key)
        keyed = dict(zip(key, values_of_key, strict=True))
        if row is None:
            create.append(model(**keyed, **values))
            continue
        if keep_other_sources and row["source_id"] != values["source_id"]:
            continue
        differing = {name for name, value in values.items() if row[name] != value}
        if differing:
            changed |= differing
            update.append(model(pk=row["pk"], **keyed, **values))
    model.objects.bulk_create(create, batch_size=BATCH)
    if update:
        model.objects.bulk_update(update, sorted(changed), batch_size=BATCH)
    tally.add(model._meta.model_name, len(create), len(update))


def keys_to_pks(queryset, key):
    """{key values: pk} of the rows of `queryset`."""
    return {tuple(row[:-1]): row[-1] for row in queryset.values_list(*key, "pk").order_by()}
