"""Errors for bad input that say exactly where the problem is."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class InputProblem:
    """One problem in one place of an input: file, line, node (a JSON-LD @id), field,
    message."""

    message: str
    source: str = ""
    line: int | None = None
    field: str = ""
    node: str = ""

    def __str__(self) -> str:
        where = self.source
        if self.line is not None:
            where += f", line {self.line}"
        if self.node:
            where += f", node {self.node}"
        if self.field:
            where += f", field {self.field!r}"
        return f"{where}: {self.message}" if where else self.message


class InputError(Exception):
    """Input that cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: list[InputProblem] | InputProblem | str):
        if isinstance(problems, str):
            problems = [InputProblem(problems)]
        elif isinstance(problems, InputProblem):
            problems = [problems]
        self.problems = list(problems)
        super().__init__(self._summary())

    def _summary(self) -> str:
        shown = [str(p) for p in self.problems[:20]]
        more = len(self.problems) - len(shown)
        if more > 0:
            shown.append(f"... and {more} more problems")
        return "\n".join(shown)
