"""Files and folders readable by their owner only (0600 and 0700), whatever the umask.

Everything written under var/ (the SQLite database and its journal files, the
key file, the intake's uploads, the files a restore puts back) and every
backup archive holds sealed or identifying data. A mode given to os.open or
mkdir is only narrowed by the umask, and Path.mkdir(parents=True) gives the
parents it makes the default mode: so each file and folder is made here with
the owner-only mode and then set to exactly that mode.
"""

import os
import stat
from pathlib import Path

FILE_MODE = 0o600
DIRECTORY_MODE = 0o700


def private_directory(path):
    """Make `path` and each missing parent, 0700. Folders that exist already
    are left as they are: REPRISALS_VAR_DIR may name a folder shared with
    others, whose mode is theirs to choose."""
    path = Path(path)
    missing = []
    for folder in (path, *path.parents):
        if folder.exists():
            break
        missing.append(folder)
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=DIRECTORY_MODE)
        except FileExistsError:  # made meanwhile by another process (also 0700)
            continue
        os.chmod(folder, DIRECTORY_MODE)
    return path


def create_private_file(path, mode="wb"):
    """Open a new file at `path`, 0600, for writing (FileExistsError if it exists)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        os.fchmod(descriptor, FILE_MODE)
        return os.fdopen(descriptor, mode)
    except BaseException:
        os.close(descriptor)
        raise


def make_file_private(path):
    """Create `path` empty and 0600 if it is missing; if it exists, is ours
    and others may read it (made by an earlier version), narrow it to 0600."""
    try:
        create_private_file(path).close()
    except FileExistsError:
        status = os.stat(path)
        if status.st_uid == os.geteuid() and stat.S_IMODE(status.st_mode) & 0o077:
            os.chmod(path, FILE_MODE)
