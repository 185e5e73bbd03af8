"""Staff authentication for the API: `Authorization: Bearer <token>`.

Tokens are issued and revoked through the functions below (audited in the
same transaction); the token is returned once, only its SHA-256 is stored.
"""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from ninja.security import HttpBearer

from reprisals.api.models import ApiToken
from reprisals.audit.log import record

TOKEN_PREFIX = "rr_"


def digest_of(token):
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def issue_token(owner, *, name, actor):
    """Create a token acting as `owner`; returns (ApiToken, the token itself)."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    api_token = ApiToken.objects.create(
        owner=owner, name=name, digest=digest_of(token), prefix=token[:10]
    )
    record(actor, "issue_api_token", api_token, fields=["owner", "name"])
    return api_token, token


@transaction.atomic
def revoke_token(api_token, *, actor):
    if api_token.revoked_at is None:
        api_token.revoked_at = timezone.now()
        api_token.save(update_fields=["revoked_at"])
        record(actor, "revoke_api_token", api_token, fields=["revoked_at"])
    return api_token


def user_for(token):
    """The active owner of an unrevoked token, or None."""
    if not token or len(token) > 200:
        return None
    api_token = (
        ApiToken.objects.select_related("owner")
        .filter(digest=digest_of(token), revoked_at__isnull=True, owner__is_active=True)
        .first()
    )
    return api_token.owner if api_token else None


class TokenAuth(HttpBearer):
    """Missing, unknown and revoked tokens all answer the same 401."""

    def __call__(self, request):
        # Parsed here rather than by HttpBearer, which logs unexpected
        # Authorization headers — credentials — when DEBUG is on.
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer":
            return None
        return self.authenticate(request, token.strip())

    def authenticate(self, request, token):
        return user_for(token)
