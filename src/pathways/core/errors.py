"""Errors for bad input that say exactly where the problem is.

A problem's text may come from a registered ``Message``: an English template with named
parameters, so that the web layer can show it in the reader's language
(``gettext(template) % params``) while the CLI and logs keep the English ``message``.
``_`` only marks a template for ``makemessages``; nothing here imports Django.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field


def _(text: str) -> str:
    return text


@dataclass(frozen=True)
class InputProblem:
    """One problem in one place of an input: file, line, node (a JSON-LD @id), field,
    message; ``template`` and ``params`` when the message can be translated."""

    message: str
    source: str = ""
    line: int | None = None
    field: str = ""
    node: str = ""
    template: str = ""
    params: dict = dataclass_field(default_factory=dict, hash=False)

    def __str__(self) -> str:
        where = self.source
        if self.line is not None:
            where += f", line {self.line}"
        if self.node:
            where += f", node {self.node}"
        if self.field:
            where += f", field {self.field!r}"
        return f"{where}: {self.message}" if where else self.message


@dataclass(frozen=True)
class Message:
    """A problem's English template and the names of its parameters (``%(name)s``)."""

    template: str
    params: tuple[str, ...] = ()

    def problem(self, source: str = "", line: int | None = None, *, field: str = "",
                node: str = "", **params: object) -> InputProblem:
        if set(params) != set(self.params):
            raise TypeError(f"{self.template!r} takes {sorted(self.params)}, "
                            f"got {sorted(params)}")
        values = {name: str(value) for name, value in params.items()}
        return InputProblem(self.template % values, source, line, field, node,
                            self.template, values)


MESSAGES: list[Message] = []  # every registered template, for the test that formats each


def message(template: str, *params: str) -> Message:
    """Register a translatable problem: ``message(_("... %(name)s ..."), "name")``."""
    found = Message(template, params)
    MESSAGES.append(found)
    return found


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
