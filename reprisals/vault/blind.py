"""Blind indexes: keyed tokens instead of plaintext in search indexes.

A word is normalised (compatibility form, accents removed, case folded) and
turned into a 16-hex-digit HMAC-SHA256 token under the index key from the key
file. Without that key the tokens say nothing about the words; with it, the
same word always gives the same token, so equality and prefix search work.

Prefix search: each word is indexed under the tokens of its prefixes from
three characters up (capped at 24), so "lawy" finds "lawyer". A query term
is one token: the token of the term itself (cut at 24).
"""

import hashlib
import hmac
import re
import unicodedata

from reprisals.vault.keyring import keyring

WORD = re.compile(r"\w+", re.UNICODE)
MIN_PREFIX = 3
MAX_PREFIX = 24


def normalised_words(text):
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return WORD.findall(plain.casefold())


def token(purpose, value):
    digest = hmac.new(keyring().index, f"{purpose}|{value}".encode(), hashlib.sha256)
    return digest.hexdigest()[:16]


def prefix_tokens(word):
    word = word[:MAX_PREFIX]
    lengths = range(min(MIN_PREFIX, len(word)), len(word) + 1)
    return [token("word", word[:n]) for n in lengths]


def document_tokens(text, limit=None):
    """The tokens that index this text: every prefix of every word, each once;
    at most `limit` of them (the first words' first)."""
    seen = {}
    for word in normalised_words(text):
        for item in prefix_tokens(word):
            seen.setdefault(item, None)
        if limit is not None and len(seen) >= limit:
            return " ".join(list(seen)[:limit])
    return " ".join(seen)


def query_tokens(text, limit=12):
    """One token per query word (at most `limit` words)."""
    return [token("word", w[:MAX_PREFIX]) for w in normalised_words(text)[:limit]]


def key_token(key):
    """The stored form of an import key such as "cao-shunli": equal keys, equal tokens."""
    return "k" + token("key", key.strip())


def matching(field_name, text):
    """A Q matching rows whose blind index (field_name) has every word of text."""
    from django.db.models import Q

    condition = Q()
    for item in query_tokens(text):
        condition &= Q(**{f"{field_name}__contains": item})
    return condition
