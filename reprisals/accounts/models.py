"""Teams: the unit that owns cases. Staff see only their teams' records."""

from django.conf import settings
from django.db import models


class Team(models.Model):
    name = models.CharField(max_length=200, unique=True, help_text="E.g. the NGO or OHCHR unit.")
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="teams",
        blank=True,
        help_text="Staff who may see and work on this team's records.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
