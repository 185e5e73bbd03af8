class BackupError(Exception):
    """A backup or restore that cannot go on. The message names what and where,
    never a stored value."""


class DamagedArchive(BackupError):
    pass
