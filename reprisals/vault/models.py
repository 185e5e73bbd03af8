"""Sealed models: rows whose identifying fields are encrypted at rest.

Each row has a random identity (`row_uuid`) and its own data key, kept
wrapped by the current KEK (`row_key`, `key_version`). Fields declared with
vault.fields are sealed with that data key on save and opened when the row
is loaded, so the rest of the code reads and writes plain text.
"""

import base64
import uuid

from django.db import models
from django.db.models.signals import pre_save

from reprisals.vault import keyring, sealing
from reprisals.vault.fields import Sealed, SealedTextField


class WrappedKeyField(models.TextField):
    """The row's data key, wrapped by a KEK.

    Made in pre_save if the row has none yet. Fields of an abstract base
    come first in a model's field order, so this runs before any sealed
    field is sealed, and `key_version` (declared next) is read after it.
    """

    def __init__(self, *args, **kwargs):
        kwargs.update(editable=False, blank=True, default="")
        kwargs.setdefault("help_text", "Wrapped data key.")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for implied in ("editable", "blank", "default"):
            kwargs.pop(implied, None)
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        model_instance.data_key()
        return model_instance.row_key


class SealedModel(models.Model):
    row_uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    row_key = WrappedKeyField()
    key_version = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        abstract = True

    @classmethod
    def sealed_fields(cls):
        return [f for f in cls._meta.concrete_fields if isinstance(f, SealedTextField)]

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        for field in cls.sealed_fields():
            stored = instance.__dict__.get(field.attname)
            if stored is not None:
                instance.__dict__[field.attname] = instance.open(field, stored)
        return instance

    # -- the row's data key --------------------------------------------------

    def _aad(self, column, version):
        return sealing.associated_data(self._meta.db_table, column, self.row_uuid, version)

    def data_key(self):
        cached = self.__dict__.get("_data_key")
        if cached and cached[0] == (self.row_key, self.key_version):
            return cached[1]
        if not self.row_key:
            self.wrap_new_data_key()
            return self.data_key()
        wrapped = base64.b64decode(self.row_key)
        aad = self._aad("row_key", self.key_version)
        key = sealing.open_bytes(keyring.kek(self.key_version), wrapped, aad)
        self.__dict__["_data_key"] = ((self.row_key, self.key_version), key)
        return key

    def wrap_new_data_key(self, key=None):
        """Wrap (a new, or this) data key under the current KEK."""
        version = keyring.keyring().current
        key = key or keyring.new_key()
        aad = self._aad("row_key", version)
        wrapped = sealing.seal_bytes(keyring.kek(version), key, aad)
        self.row_key = base64.b64encode(wrapped).decode()
        self.key_version = version
        self.__dict__["_data_key"] = ((self.row_key, self.key_version), key)

    # -- fields ----------------------------------------------------------------

    def seal(self, field, plaintext):
        key = self.data_key()  # first, as it may make the row's key (and version)
        aad = self._aad(field.column, self.key_version)
        return Sealed(sealing.seal_text(key, plaintext or "", aad))

    def open(self, field, stored):
        aad = self._aad(field.column, self.key_version)
        return sealing.open_text(self.data_key(), stored, aad)

    def rewrap(self):
        """Re-wrap this row under the current KEK, re-sealing its fields.

        The data key is kept; the fields are sealed again because their
        associated data names the key version.
        """
        plain = {f.attname: getattr(self, f.attname) for f in self.sealed_fields()}
        self.wrap_new_data_key(self.data_key())
        for name, value in plain.items():
            setattr(self, name, value)


def seal_raw_save(sender, instance, raw, **kwargs):
    """Fixtures and serialized test databases save raw, skipping pre_save:
    their values are plain text (Django serialises model attributes), so
    seal them here."""
    if raw and isinstance(instance, SealedModel):
        for field in instance.sealed_fields():
            value = getattr(instance, field.attname)
            if value is not None and not isinstance(value, Sealed):
                setattr(instance, field.attname, instance.seal(field, value))


pre_save.connect(seal_raw_save, dispatch_uid="vault-seal-raw-save")
