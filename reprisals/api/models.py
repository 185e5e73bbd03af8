"""API tokens for staff: shown once when issued, only their SHA-256 kept."""

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    """A bearer token that acts as its owner, with the owner's role and teams.

    The token itself is never stored: only its SHA-256 digest, and its first
    characters so that staff can tell tokens apart. Revocation takes effect
    on the next request.
    """

    # CASCADE: a token has no meaning without the account it acts as.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        help_text="The staff member the token acts as (same role and teams).",
    )
    name = models.CharField(
        max_length=100, help_text="What the token is for, e.g. 'reporting script'."
    )
    digest = models.CharField(
        max_length=64, unique=True, editable=False, help_text="SHA-256 of the token, hex."
    )
    prefix = models.CharField(
        max_length=12, editable=False, help_text="First characters of the token, to recognise it."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(
        null=True, blank=True, help_text="Set when revoked; the token stops working at once."
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "API token"

    def __str__(self):
        return f"{self.prefix}… ({self.name})"
