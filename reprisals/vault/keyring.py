"""The key file: key-encryption keys (KEKs) by version, and the blind-index key.

The file lives outside the database (REPRISALS_KEY_FILE; in development
var/reprisals.key, made on first use). A stolen database or backup without
it reveals no identifying text. Format (JSON, mode 0600):

    {"format": "reprisals-keys/1", "current": 2,
     "keys": {"1": "<base64 32 bytes>", "2": "<base64 32 bytes>"},
     "index": "<base64 32 bytes>"}

Rotation adds a version and makes it current; rows wrapped under an older
version stay readable until `reprisals keys rotate` has re-wrapped them all,
then the old version may be retired. A running server re-reads the file when
it meets a version it does not know, so rotation needs no restart.
"""

import base64
import json
import os
import secrets
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from reprisals.lib.private_files import create_private_file, private_directory

FORMAT = "reprisals-keys/1"
RECHECK_SECONDS = 1.0
_lock = threading.RLock()
_cached = {}


@dataclass(frozen=True)
class Keyring:
    path: Path
    current: int
    keys: dict  # version -> 32 bytes
    index: bytes

    def kek(self, version):
        try:
            return self.keys[version]
        except KeyError:
            raise UnknownKeyVersion(version) from None


class UnknownKeyVersion(LookupError):
    def __init__(self, version):
        super().__init__(f"key version {version} is not in the key file")
        self.version = version


def key_file_path():
    configured = getattr(settings, "ENCRYPTION_KEY_FILE", "")
    return Path(configured) if configured else Path(settings.VAR_DIR) / "reprisals.key"


def new_key():
    return secrets.token_bytes(32)


def _encode(keyring_data):
    return json.dumps(keyring_data, indent=1, sort_keys=True) + "\n"


def write_key_file(path, *, current, keys, index, replace=True):
    """Write atomically (temporary file, fsync, rename), readable by the owner
    only. With replace=False an existing file is kept (FileExistsError)."""
    path = Path(path)
    private_directory(path.parent)
    document = {
        "format": FORMAT,
        "current": current,
        "keys": {str(v): base64.b64encode(k).decode() for v, k in sorted(keys.items())},
        "index": base64.b64encode(index).decode(),
    }
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    handle = create_private_file(temporary, "w")
    try:
        with handle:
            handle.write(_encode(document))
            handle.flush()
            os.fsync(handle.fileno())
        if replace:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)  # fails if another process made the file first
    finally:
        temporary.unlink(missing_ok=True)
        forget()


def create_key_file(path):
    """A new key file; if another process just made one, theirs is kept."""
    try:
        write_key_file(path, current=1, keys={1: new_key()}, index=new_key(), replace=False)
    except FileExistsError:
        pass


def read_key_file(path):
    try:
        document = json.loads(Path(path).read_text())
        if document.get("format") != FORMAT:
            raise ValueError(f'"format" must be "{FORMAT}"')
        keys = {int(v): base64.b64decode(k, validate=True) for v, k in document["keys"].items()}
        index = base64.b64decode(document["index"], validate=True)
        current = int(document["current"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ImproperlyConfigured(f"key file {path}: {error}") from None
    if current not in keys:
        raise ImproperlyConfigured(f"key file {path}: current version {current} has no key")
    if any(len(k) != 32 for k in [*keys.values(), index]):
        raise ImproperlyConfigured(f"key file {path}: every key must be 32 bytes")
    return Keyring(Path(path), current, keys, index)


def keyring(*, reload=False):
    """The key file's contents, cached per path; made in development if absent.

    The file is looked at again (one stat) at most once a second, and re-read
    when it has changed: a rotation reaches running servers within a second.
    """
    path = key_file_path()
    with _lock:
        cached = _cached.get(path)
        if not reload and cached and time.monotonic() - cached[2] < RECHECK_SECONDS:
            return cached[1]
        try:
            stamp = _stamp(path)
        except FileNotFoundError:
            if settings.PRODUCTION:
                raise ImproperlyConfigured(f"key file {path} does not exist") from None
            create_key_file(path)
            stamp = _stamp(path)
        ring = cached[1] if cached and cached[0] == stamp and not reload else read_key_file(path)
        _cached[path] = (stamp, ring, time.monotonic())
        return ring


def _stamp(path):
    """Changes whenever the file is replaced (write_key_file renames)."""
    status = path.stat()
    return status.st_mtime_ns, status.st_ino


def kek(version):
    """The KEK of this version, re-reading the file once if it is not known yet."""
    try:
        return keyring().kek(version)
    except UnknownKeyVersion:
        return keyring(reload=True).kek(version)


def forget():
    with _lock:
        _cached.clear()
