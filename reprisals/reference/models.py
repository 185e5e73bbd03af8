"""States, UN bodies and UN mechanisms: the reference data cases point at."""

from django.db import models
from django.utils import translation

from reprisals.reference.vocab import MechanismKind, StateKind

UN_LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")


class State(models.Model):
    iso3 = models.CharField(
        "ISO code",
        max_length=3,
        unique=True,
        help_text="ISO 3166-1 alpha-3 code (ISO 3166-3 for historical entities), e.g. CHN.",
    )
    kind = models.CharField(max_length=16, choices=StateKind.choices, default=StateKind.MEMBER)
    name_en = models.CharField("name (English)", max_length=200)
    name_fr = models.CharField("name (French)", max_length=200, blank=True)
    name_es = models.CharField("name (Spanish)", max_length=200, blank=True)
    name_ru = models.CharField("name (Russian)", max_length=200, blank=True)
    name_zh = models.CharField("name (Chinese)", max_length=200, blank=True)
    name_ar = models.CharField("name (Arabic)", max_length=200, blank=True)

    class Meta:
        ordering = ["name_en"]

    def __str__(self):
        return f"{self.name} ({self.iso3})"

    @property
    def name(self):
        """The name in the active language, English where no translation is kept."""
        language = (translation.get_language() or "en")[:2]
        return getattr(self, f"name_{language}", "") or self.name_en


class Body(models.Model):
    code = models.CharField(max_length=16, unique=True, help_text="Short code, e.g. HRC, GA3.")
    name = models.CharField(max_length=200, help_text="Full name, e.g. Human Rights Council.")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "bodies"

    def __str__(self):
        return self.name


class Mechanism(models.Model):
    key = models.SlugField(
        max_length=80, unique=True, help_text="Stable identifier, e.g. sr-extreme-poverty."
    )
    name = models.CharField(max_length=300, help_text="Official name of the mandate or actor.")
    kind = models.CharField(max_length=24, choices=MechanismKind.choices)
    # PROTECT: a mechanism that cases refer to must not vanish with its body.
    body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text="The body it reports to or belongs to, if any.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
