"""Errors in input that say what is wrong and where."""

from django.core.exceptions import ValidationError


class InputProblems(Exception):
    """Raised with every problem found in one input; nothing was saved."""

    def __init__(self, source, problems):
        self.source = source
        self.problems = problems
        super().__init__(self.report())

    def report(self):
        lines = [f"{self.source}: {len(self.problems)} problem(s); nothing was imported."]
        lines += [f"{self.source}: {where}: {message}" for where, message in self.problems]
        return "\n".join(lines)


def messages_of(error: ValidationError):
    """(field, message) pairs from a model ValidationError."""
    if hasattr(error, "error_dict"):
        return [
            (field, message)
            for field, errors in error.error_dict.items()
            for item in errors
            for message in item.messages
        ]
    return [(None, message) for message in error.messages]
