"""What the `reprisals report …` commands share: arguments, the scope of
the operator's command line (every team's cases), and writing the file."""

import datetime
import re
from pathlib import Path

from django.core.management.base import CommandError

from reprisals.reporting import rendering

EVERY_TEAM = "every team's cases"
PUBLIC = "the cases public now"


def year(text):
    if not re.fullmatch(r"[0-9]{4}", text):
        raise ValueError(text)
    return int(text)


def day(text):
    return datetime.date.fromisoformat(text)


def add_output(parser, formats):
    parser.add_argument("--format", choices=formats, default=formats[0])
    parser.add_argument(
        "--output",
        type=Path,
        help="File to write, or a directory to write it into; default: the current directory.",
    )


def write(command, content, name, output):
    """Write the text or bytes to `output` (a file, or a directory for `name`;
    default the current directory) and print the file's path."""
    path = (output or Path.cwd()) / name if output is None or output.is_dir() else output
    try:
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    except OSError as error:
        raise CommandError(f"Cannot write {path}: {error.strerror}.") from None
    command.stdout.write(str(path.resolve()))
    return path


def render(kind, report, fmt):
    """The report as the bytes or text of a file in `fmt` (html or pdf)."""
    document = rendering.html(kind, report)
    return rendering.pdf(document) if fmt == "pdf" else document
