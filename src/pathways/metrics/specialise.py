"""A measure as it reads for one program, and the programs that read it alike.

A definition may name the unit's program (``program == 'youth' and placement_q2 in (1, 2,
3)``) and leaves out exit reasons per program. With the program fixed, those comparisons
are constants and fold away, so most programs of a measure read the same conditions and
exclusions. Grouping them lets the engine evaluate each distinct reading once per period
instead of once per (period, program) pair.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from pathways.metrics.derive import PROGRAM_NAMES

if TYPE_CHECKING:
    from pathways.metrics.definitions import Measure

TEXTS = ("population", "denominator", "numerator", "value")


@dataclass(frozen=True)
class Reading:
    """The programs of a measure that read its conditions alike."""

    programs: tuple[str, ...]
    measure: Measure  # texts folded for these programs; no exclusions of its own
    exclusions: tuple[tuple[str, tuple[int, ...]], ...]  # each program's left-out reasons

    def excluded(self, program: str) -> tuple[int, ...]:
        return dict(self.exclusions)[program]


class _Fold(ast.NodeTransformer):
    """Replace comparisons of ``program`` with constants by their truth, then fold the
    boolean operators that hold them."""

    def __init__(self, program: str):
        self.program = program

    def visit_Compare(self, node: ast.Compare) -> ast.AST:
        self.generic_visit(node)
        if len(node.ops) != 1:
            return node
        left, op, right = node.left, node.ops[0], node.comparators[0]
        if _is_program(right) and isinstance(left, ast.Constant) and isinstance(
                op, ast.Eq | ast.NotEq):
            left, right = right, left
        if not _is_program(left):
            return node
        if isinstance(op, ast.Eq | ast.NotEq) and isinstance(right, ast.Constant):
            return ast.Constant((self.program == right.value) ^ isinstance(op, ast.NotEq))
        if isinstance(op, ast.In | ast.NotIn) and isinstance(right, ast.Tuple | ast.List) \
                and all(isinstance(e, ast.Constant) for e in right.elts):
            inside = self.program in [e.value for e in right.elts]  # type: ignore[attr-defined]
            return ast.Constant(inside ^ isinstance(op, ast.NotIn))
        return node

    def visit_BoolOp(self, node: ast.BoolOp) -> ast.AST:
        self.generic_visit(node)
        is_and = isinstance(node.op, ast.And)
        kept = []
        for value in node.values:
            if _is_bool(value):
                if value.value is not is_and:  # type: ignore[attr-defined]
                    return ast.Constant(not is_and)  # False in an "and", True in an "or"
                continue
            kept.append(value)
        if not kept:
            return ast.Constant(is_and)
        if len(kept) == 1:
            return kept[0]
        node.values = kept
        return node

    def visit_UnaryOp(self, node: ast.UnaryOp) -> ast.AST:
        self.generic_visit(node)
        if isinstance(node.op, ast.Not) and _is_bool(node.operand):
            return ast.Constant(not node.operand.value)  # type: ignore[attr-defined]
        return node


def _is_program(node: ast.AST) -> bool:
    return isinstance(node, ast.Name) and node.id == "program"


def _is_bool(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, bool)


def fold(text: str, program: str) -> str:
    """``text`` with the program fixed: ``program == 'youth' and x`` is ``x`` for youth
    and ``False`` for any other program."""
    if not text:
        return text
    tree = _Fold(program).visit(ast.parse(text, mode="eval"))
    return ast.unparse(tree)


def for_program(measure: Measure, program: str) -> Measure:
    """``measure``'s conditions as they read for one of its programs (exit reasons aside:
    ``excluded_reasons`` gives those)."""
    texts = {name: fold(getattr(measure, name), program) for name in TEXTS}
    return replace(measure, programs=PROGRAM_NAMES, exclusions={}, **texts)


def excluded_reasons(measure: Measure, program: str) -> tuple[int, ...]:
    """The PIRL 923 exit reasons that leave a unit of ``program`` out of ``measure``."""
    return measure.exclusions.get(program, measure.exclusions.get("default", ()))


def readings(measure: Measure) -> list[Reading]:
    """The measure's programs grouped by how they read its conditions, in program order.
    A reading that still names ``program`` (compared with something other than a
    constant) stays with its own program."""
    grouped: dict[tuple, list[str]] = {}
    specialised: dict[tuple, Measure] = {}
    for program in PROGRAM_NAMES:
        if program not in measure.programs:
            continue
        reading = for_program(measure, program)
        key = tuple(getattr(reading, name) for name in TEXTS)
        if _names_program(reading):
            key = (*key, program)
        grouped.setdefault(key, []).append(program)
        specialised.setdefault(key, reading)
    return [Reading(tuple(programs), specialised[key],
                    tuple((p, excluded_reasons(measure, p)) for p in programs))
            for key, programs in grouped.items()]


def _names_program(measure: Measure) -> bool:
    for name in TEXTS:
        text = getattr(measure, name)
        if text and any(_is_program(n) for n in ast.walk(ast.parse(text, mode="eval"))):
            return True
    return False
