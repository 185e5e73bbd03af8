"""The files directory (settings.UPLOADS_DIR, default var/uploads).

Files are backed up as they are stored (uploads are sealed by the intake app
already). A restore writes them into a fresh directory beside the real one
and swaps it in only when the database rows are in, so a failed restore
leaves the directory as it was.
"""

import os
import secrets
import shutil
from pathlib import Path, PurePosixPath

from django.conf import settings

from reprisals.backups.errors import DamagedArchive
from reprisals.lib.private_files import create_private_file, private_directory


def uploads_dir():
    return Path(getattr(settings, "UPLOADS_DIR", Path(settings.VAR_DIR) / "uploads"))


def stored_files(root):
    """(name relative to root, path) of every regular file, sorted; symbolic
    links are not followed, and not kept."""
    if not root.is_dir():
        return []
    found = []
    for directory, subdirectories, names in os.walk(root):
        subdirectories.sort()
        for name in sorted(names):
            path = Path(directory, name)
            if path.is_file() and not path.is_symlink():
                found.append((path.relative_to(root).as_posix(), path))
    return found


def holds_files(root):
    return root.is_dir() and any(root.iterdir())


def safe_relative(name):
    path = PurePosixPath(name)
    if not name or path.is_absolute() or any(part in ("", ".", "..") for part in path.parts):
        raise DamagedArchive("the archive names a file outside the files directory")
    return path


class Staging:
    """A directory beside `root` that becomes `root` on install()."""

    def __init__(self, root):
        self.root = root
        token = secrets.token_hex(4)
        self.directory = root.with_name(f".{root.name}.restoring-{token}")
        self.replaced = root.with_name(f".{root.name}.replaced-{token}")
        private_directory(self.directory)
        self.installed = False

    def write(self, name, pieces):
        target = self.directory.joinpath(*safe_relative(name).parts)
        private_directory(target.parent)
        with create_private_file(target) as handle:
            for piece in pieces:
                handle.write(piece)

    def install(self):
        """Move the old directory aside (kept until commit()), this one in."""
        if self.root.exists():
            os.replace(self.root, self.replaced)
        os.replace(self.directory, self.root)
        self.installed = True

    def commit(self):
        shutil.rmtree(self.replaced, ignore_errors=True)

    def undo(self):
        if self.installed:
            shutil.rmtree(self.root, ignore_errors=True)
            if self.replaced.exists():
                os.replace(self.replaced, self.root)
        shutil.rmtree(self.directory, ignore_errors=True)
