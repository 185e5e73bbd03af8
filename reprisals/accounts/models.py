"""Teams (the unit that owns cases; staff see only their teams' records),
staff two-factor devices, and the login throttle."""

import time

from django.conf import settings
from django.db import models
from django_otp.models import Device, TimestampMixin
from django_otp.oath import TOTP

from reprisals.vault.fields import SealedTextField
from reprisals.vault.models import SealedModel


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


class TOTPDevice(TimestampMixin, SealedModel, Device):
    """A staff member's authenticator app (RFC 6238 TOTP, 6 digits, 30 s).

    Unlike django_otp.plugins.otp_totp, the shared secret is sealed at rest
    (vault): a copy of the database alone cannot produce codes. Each accepted
    code's time step is kept in `last_t`; a code of that step or an earlier
    one is refused, so an overheard code cannot be replayed.
    """

    STEP = 30
    DIGITS = 6
    TOLERANCE = 1  # steps either side, for clock drift and typing time

    key = SealedTextField(single_line=True, help_text="The shared secret (hex), sealed.")
    last_t = models.BigIntegerField(
        default=-1, help_text="Time step of the last accepted code; only later steps are accepted."
    )

    class Meta:
        verbose_name = "two-factor device"
        constraints = [models.UniqueConstraint(fields=["user"], name="one_totp_device_per_user")]

    @property
    def bin_key(self):
        return bytes.fromhex(self.key)

    def verify_token(self, token):
        """True if `token` is the code of a step after the last accepted one."""
        token = str(token).replace(" ", "")
        if not (token.isascii() and token.isdigit() and len(token) == self.DIGITS):
            return False
        totp = TOTP(self.bin_key, step=self.STEP, digits=self.DIGITS)
        totp.time = time.time()
        if not totp.verify(int(token), tolerance=self.TOLERANCE, min_t=self.last_t + 1):
            return False
        self.last_t = totp.t()
        self.set_last_used_timestamp(commit=False)
        self.save(update_fields=["last_t", "last_used_at"])
        return True


class LoginThrottle(models.Model):
    """Failed logins of one username, for the cool-off (accounts.throttle).

    Only a keyed digest of the username is kept — no address, no user agent,
    and not the name itself, so the table says nothing about who tried.
    """

    username_digest = models.CharField(max_length=64, unique=True)
    failures = models.PositiveIntegerField(default=0)
    last_failure_at = models.DateTimeField()
    blocked_until = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.failures} failed login(s) for {self.username_digest}"
