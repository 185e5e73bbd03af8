"""Key rotation: a new KEK becomes current, then every sealed row is
re-wrapped under it, batch by batch, while the server keeps running.

Servers pick up the new version on their next seal (the key file is re-read
when it changes), so rows they write during rotation may still carry the
old version: `rotate` repeats its pass until none is left. An old version
is removed from the key file only by `retire`, and only when no row uses it.
"""

from django.apps import apps
from django.db import transaction

from reprisals.vault import keyring
from reprisals.vault.models import SealedModel

BATCH = 200


def sealed_models():
    return [m for m in apps.get_models() if issubclass(m, SealedModel)]


def add_version():
    """A new KEK, made current; older versions stay readable. Returns its number."""
    ring = keyring.keyring(reload=True)
    version = max(ring.keys) + 1
    keys = {**ring.keys, version: keyring.new_key()}
    keyring.write_key_file(ring.path, current=version, keys=keys, index=ring.index)
    return version


def rewrap_all(version, progress=lambda model, done: None):
    """Re-wrap every row not yet under `version`; returns how many were."""
    total = 0
    while True:
        moved = sum(_rewrap_model(model, version, progress) for model in sealed_models())
        total += moved
        if not moved:
            return total


def _rewrap_model(model, version, progress):
    done = 0
    while True:
        with transaction.atomic():
            batch = list(
                model.objects.select_for_update()
                .exclude(key_version=version)
                .order_by("pk")[:BATCH]
            )
            for row in batch:
                row.rewrap()
                values = {f.attname: row.seal(f, getattr(row, f.attname))
                          for f in model.sealed_fields()}  # fmt: skip
                # update(), not save(): no signals, no timestamps touched.
                model.objects.filter(pk=row.pk).update(
                    row_key=row.row_key, key_version=row.key_version, **values
                )
        done += len(batch)
        progress(model, done)
        if len(batch) < BATCH:
            return done


def rows_by_version():
    counts = {}
    for model in sealed_models():
        for version in model.objects.values_list("key_version", flat=True):
            counts[version] = counts.get(version, 0) + 1
    return counts


def retire(version):
    """Remove a KEK version from the key file; refused while rows use it."""
    ring = keyring.keyring(reload=True)
    if version == ring.current:
        raise ValueError(f"version {version} is the current one; rotate first")
    if version not in ring.keys:
        raise ValueError(f"version {version} is not in the key file")
    in_use = rows_by_version().get(version, 0)
    if in_use:
        raise ValueError(f"{in_use} rows are still wrapped under version {version}; rotate first")
    keys = {v: k for v, k in ring.keys.items() if v != version}
    keyring.write_key_file(ring.path, current=ring.current, keys=keys, index=ring.index)
