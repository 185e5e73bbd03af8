"""Model fields whose values are stored sealed (see vault.models.SealedModel).

On the model instance the value is plain text, as with any text field; in the
database it is an AES-GCM ciphertext bound to its table, column, row and key
version. The ciphertext is made in `pre_save`, which knows the row.

A value reaches the database only as `Sealed`: a plain string from
`QuerySet.update()`, `bulk_update()` or a lookup is refused with an error
instead of being written or compared in the clear.
"""

from django import forms
from django.core import validators
from django.db import models
from django.utils.functional import cached_property


class Sealed(str):
    """A ciphertext, ready for the database."""


class PlaintextRefused(TypeError):
    pass


class SealedTextField(models.TextField):
    """A text field stored sealed. `max_length` limits the plain text."""

    def __init__(self, *args, single_line=False, **kwargs):
        self.single_line = single_line
        super().__init__(*args, **kwargs)

    @cached_property
    def validators(self):
        limit = [validators.MaxLengthValidator(self.max_length)] if self.max_length else []
        return [*super().validators, *limit]

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.single_line:
            kwargs["single_line"] = True
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        return model_instance.seal(self, getattr(model_instance, self.attname))

    def get_db_prep_value(self, value, connection, prepared=False):
        if value is None or isinstance(value, Sealed):
            return str.__str__(value) if value is not None else None
        raise PlaintextRefused(
            f"{self.model.__name__}.{self.name} is sealed: save it through the model "
            "(not update(), bulk_update() or a lookup); search it through its blind index"
        )

    def get_lookup(self, lookup_name):
        # `contains` and its kin would compare plain text with ciphertext and
        # silently match nothing: only "is it null" may be asked of the database.
        if lookup_name != "isnull":
            raise PlaintextRefused(
                f"{self.model.__name__}.{self.name} is sealed: it cannot be compared in the "
                "database; search it through its blind index"
            )
        return super().get_lookup(lookup_name)

    def formfield(self, **kwargs):
        if self.single_line:
            kwargs.setdefault("widget", forms.TextInput)
        return super().formfield(**kwargs)


class SealedURLField(SealedTextField):
    default_validators = [validators.URLValidator(schemes=["http", "https"])]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("single_line", True)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": forms.URLField, "assume_scheme": "https",
                                    **kwargs})


class BlindIndexField(models.TextField):
    """Keyed tokens of other fields' words (vault.blind), kept on save.

    Lets staff find a record by name without the name being stored or
    compared in the clear: `Model.objects.filter(blind_search("…"))`.
    """

    def __init__(self, *args, of=(), **kwargs):
        self.of = tuple(of)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["of"] = self.of
        for implied in ("editable", "blank", "default"):
            kwargs.pop(implied, None)
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        from reprisals.vault.blind import document_tokens

        text = "\n".join(getattr(model_instance, name) or "" for name in self.of)
        value = document_tokens(text)
        setattr(model_instance, self.attname, value)
        return value
