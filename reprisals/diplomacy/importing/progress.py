"""Progress of a long import: a rich progress bar on a terminal, nothing
when the output goes to a file, a pipe or a test."""

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


class _Step:
    def __init__(self, progress=None, task=None):
        self.progress, self.task = progress, task

    def advance(self, amount=1):
        if self.progress is not None:
            self.progress.advance(self.task, amount)


class Bar:
    """`with Bar(enabled) as bar: step = bar.step("Writing votes", total=n)`."""

    def __init__(self, enabled, stream=None):
        self.progress = None
        if enabled:
            self.progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(file=stream, stderr=stream is None),
            )

    def __enter__(self):
        if self.progress is not None:
            self.progress.start()
        return self

    def __exit__(self, *exc):
        if self.progress is not None:
            self.progress.stop()

    def step(self, description, total):
        if self.progress is None:
            return _Step()
        return _Step(self.progress, self.progress.add_task(description, total=total))


SILENT = Bar(enabled=False)
