"""Measure definitions as YAML: load, validate (file/line/field), compile to ibis.

A definition names its unit's time window, the programs it applies to, which PIRL 923 exit
reasons leave a unit out (per program), the population, the denominator and numerator (for a
rate) or the value whose median is taken, and the pathway columns it needs. Conditions are
small expressions over facts and elements (``emp_q2 == 1 or (program == 'youth' and
placement_q2 in (1, 2, 3))``), parsed with Python's ``ast`` and allowed only names,
constants, comparisons, ``and``/``or``/``not``, ``+``/``-`` and the functions ``known(x)``
and ``between(x, low, high)``. The definition never runs anything itself.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ibis
from ibis.expr.types import Value

from pathways.core.errors import InputError, InputProblem
from pathways.core.validate import Checker, Field, is_one_of, shown
from pathways.core.yamldata import line_of, load_yaml
from pathways.metrics.derive import PROGRAM_NAMES
from pathways.metrics.elements import ELEMENTS, PATHWAY_COLUMNS
from pathways.metrics.facts import COLUMNS, FACTS, PARAMETERS, Facts

DEFINITIONS_DIR = Path(__file__).with_name("definitions")
KINDS = ("rate", "median")
WINDOWS = ("exit", "program_year", "active")
UNITS = ("rate", "dollars", "days")
GROUPS = ("wioa", "pathway")
FIELDS = {"id", "name", "kind", "window", "programs", "exclusions", "population",
          "denominator", "numerator", "value", "unit", "source", "description", "requires",
          "group", "short_name"}
EXPRESSIONS = ("population", "denominator", "numerator", "value")
NAMES: set[str] = {*FACTS, *PARAMETERS, *COLUMNS, *(f"e{n}" for n in ELEMENTS),
                   *PATHWAY_COLUMNS}


@dataclass(frozen=True)
class Measure:
    """One measure definition, validated; ``flags`` turns it into ibis expressions."""

    id: str
    name: str
    kind: str
    window: str
    population: str
    denominator: str = "True"
    numerator: str = "False"
    value: str = ""
    unit: str = "rate"
    programs: tuple[str, ...] = PROGRAM_NAMES
    exclusions: dict[str, tuple[int, ...]] = field(default_factory=dict)
    requires: tuple[str, ...] = ()
    group: str = "wioa"
    short_name: str = ""
    source: str = ""
    description: str = ""
    path: str = ""

    def names(self) -> set[str]:
        """Every fact, element or column the definition reads."""
        used = {"excluded_reason", "program"}
        for text in (self.population, self.denominator, self.numerator, self.value):
            if text:
                used |= {n.id for n in ast.walk(ast.parse(text, mode="eval"))
                         if isinstance(n, ast.Name)}
        return used & NAMES

    def excluded(self, f: Facts) -> Value:
        """Units whose program's exclusion list holds the PIRL 923 exit reason."""
        if not self.exclusions:
            return ibis.literal(False)
        reason = f["excluded_reason"]
        default = self.exclusions.get("default", ())
        cases = [(f["program"] == name, reason.isin(codes or (-1,)))
                 for name, codes in self.exclusions.items() if name != "default"]
        fallback = reason.isin(default or (-1,))
        return ibis.cases(*cases, else_=fallback) if cases else fallback

    def conditions(self, f: Facts) -> tuple[Value, Value | None, Value | None]:
        """(in the denominator, a success, the value of a median) for each unit, as ibis
        expressions; the first two are never null."""
        den = ~self.excluded(f) & compile_condition(self.population, f) \
            & compile_condition(self.denominator, f)
        if set(self.programs) != set(PROGRAM_NAMES):
            den = f["program"].isin(self.programs) & den
        if self.kind == "rate":
            return den, (den & compile_condition(self.numerator, f)), None
        value = compile_value(self.value, f).cast("int64")
        return den & value.notnull(), None, value


class _Compiler(ast.NodeVisitor):
    """Turns a parsed condition into an ibis expression over the facts of a unit table.

    Each visit returns (expression, may be null), so that "unknown is false" is spelled out
    only where a value can be unknown (the database evaluates these per unit).
    """

    def __init__(self, f: Facts):
        self.f = f

    def visit_Expression(self, node: ast.Expression) -> tuple[Any, bool]:
        return self.visit(node.body)

    def visit_Name(self, node: ast.Name) -> tuple[Any, bool]:
        if node.id in {"True", "False"}:
            return ibis.literal(node.id == "True"), False
        return self.f[node.id], self.f.nullable(node.id)

    def visit_Constant(self, node: ast.Constant) -> tuple[Any, bool]:
        return ibis.literal(node.value), False

    def visit_BoolOp(self, node: ast.BoolOp) -> tuple[Any, bool]:
        values = [_bool(*self.visit(v)) for v in node.values]
        result = values[0]
        for value in values[1:]:
            result = (result & value) if isinstance(node.op, ast.And) else (result | value)
        return result, False

    def visit_UnaryOp(self, node: ast.UnaryOp) -> tuple[Any, bool]:
        operand, nullable = self.visit(node.operand)
        if isinstance(node.op, ast.Not):
            return ~_bool(operand, nullable), False
        return -operand, nullable

    def visit_BinOp(self, node: ast.BinOp) -> tuple[Any, bool]:
        (left, a), (right, b) = self.visit(node.left), self.visit(node.right)
        return (left + right if isinstance(node.op, ast.Add) else left - right), a or b

    def visit_Compare(self, node: ast.Compare) -> tuple[Any, bool]:
        (left, left_null), parts = self.visit(node.left), []
        for op, comparator in zip(node.ops, node.comparators, strict=True):
            if isinstance(op, ast.In | ast.NotIn):
                values = [c.value for c in comparator.elts]  # type: ignore[attr-defined]
                part = left.isin(values)
                if isinstance(op, ast.NotIn):
                    part = ~(part.fill_null(True) if left_null else part)
                else:
                    part = _bool(part, left_null)
            else:
                right, right_null = self.visit(comparator)
                part = _bool(_COMPARE[type(op)](left, right), left_null or right_null)
                left, left_null = right, right_null
            parts.append(part)
        result = parts[0]
        for part in parts[1:]:
            result = result & part
        return result, False

    def visit_Call(self, node: ast.Call) -> tuple[Any, bool]:
        args = [self.visit(a) for a in node.args]
        if node.func.id == "known":  # type: ignore[attr-defined]
            return args[0][0].notnull(), False
        nullable = any(n for _a, n in args)
        return _bool(args[0][0].between(args[1][0], args[2][0]), nullable), False


_COMPARE = {ast.Eq: lambda a, b: a == b, ast.NotEq: lambda a, b: a != b,
            ast.Lt: lambda a, b: a < b, ast.LtE: lambda a, b: a <= b,
            ast.Gt: lambda a, b: a > b, ast.GtE: lambda a, b: a >= b}


def _bool(value: Any, nullable: bool = True) -> Any:
    # Two-valued logic: a comparison with an unknown value is false, never unknown.
    # A 0/1 column used as a condition is true when it is 1.
    if not value.type().is_boolean():
        value = value == 1
    return value.fill_null(False) if nullable else value


def compile_condition(text: str, f: Facts) -> Any:
    return _bool(*_Compiler(f).visit(ast.parse(text, mode="eval")))


def compile_value(text: str, f: Facts) -> Any:
    return _Compiler(f).visit(ast.parse(text, mode="eval"))[0]


_ALLOWED = (ast.Expression, ast.BoolOp, ast.And, ast.Or, ast.UnaryOp, ast.Not, ast.USub,
            ast.Compare, ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.In,
            ast.NotIn, ast.Name, ast.Load, ast.Constant, ast.Tuple, ast.List, ast.BinOp,
            ast.Add, ast.Sub, ast.Call)
FUNCTIONS = {"known": 1, "between": 3}


MAX_EXPRESSION = 2000  # characters; the longest shipped expression has about 150
MAX_NESTING = 40  # parentheses, "not" and operators inside one another


def _depth(tree: ast.AST) -> int:
    deepest, stack = 0, [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack += [(child, depth + 1) for child in ast.iter_child_nodes(node)]
    return deepest


def check_expression(text: Any, names: set[str]) -> str | None:
    """Why ``text`` is not a valid condition over ``names``, or None when it is."""
    if isinstance(text, bool):
        text = str(text)
    if not isinstance(text, str) or not text.strip():
        return "must be an expression (text)"
    if len(text) > MAX_EXPRESSION:
        return f"is longer than {MAX_EXPRESSION} characters"
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        return f"not a valid expression: {exc.msg}"
    except (ValueError, RecursionError, MemoryError):
        # A NUL character (ValueError), or nesting deeper than Python's parser goes.
        return "not a valid expression"
    if _depth(tree) > MAX_NESTING:
        return f"is nested more than {MAX_NESTING} levels deep"
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED):
            return f"{type(node).__name__} is not allowed in a measure expression"
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", None)
            if name not in FUNCTIONS or len(node.args) != FUNCTIONS[name] or node.keywords:
                return f"unknown function or wrong arguments: {ast.unparse(node)}"
        elif isinstance(node, ast.Name) and node.id not in names and node.id not in {
                "True", "False", *FUNCTIONS}:
            return f"unknown name {node.id!r}"
        elif isinstance(node, ast.Constant) and not isinstance(node.value, int | str):
            return f"constant {node.value!r} is not a whole number or text"
        elif isinstance(node, ast.Compare):
            for op, comparator in zip(node.ops, node.comparators, strict=True):
                if isinstance(op, ast.In | ast.NotIn) and not (
                        isinstance(comparator, ast.Tuple | ast.List)
                        and all(isinstance(e, ast.Constant) for e in comparator.elts)):
                    return "'in' needs a list of constants"
    return None


ID = re.compile(r"_*[a-z][a-z0-9_]*")


def parse_measure(data: Any, source: str, names: set[str] = NAMES
                  ) -> tuple[Measure | None, list[InputProblem]]:
    """A Measure from one YAML mapping, or the problems (file, line, field) that stop it."""
    check = Checker(source)
    item = check.root(data).mapping(FIELDS)
    if item is None:
        return None, check.problems
    identifier = item["id"].text(pattern=ID, what="an id (lower-case letters, digits and "
                                                   "underscores)")
    name = item["name"].text()
    kind = item["kind"].choice(KINDS)
    window = item["window"].choice(WINDOWS)
    if not item["population"].present:
        item["population"].problem("is required")
    if kind == "rate" and not item["numerator"].present:
        item["kind"].problem("a rate needs a numerator")
    if kind == "median" and not item["value"].present:
        item["kind"].problem("a median needs a value")
    if kind == "median" and item["numerator"].present:
        item["numerator"].problem("a median has a value, not a numerator")
    for key in EXPRESSIONS:
        field = item[key]
        if field.present and (why := check_expression(field.value, names)):
            field.problem(why)
    unit = item["unit"].choice(UNITS, required=False)
    group = item["group"].choice(GROUPS, required=False) or "wioa"
    programs = tuple(p.choice(PROGRAM_NAMES) for p in item["programs"].items(required=False))
    requires = tuple(c.choice(PATHWAY_COLUMNS)
                     for c in item["requires"].items(required=False, least=0))
    exclusions = _exclusions(item["exclusions"])
    short_name = item["short_name"].text(required=False) or name
    source_text = item["source"].text(required=False)
    description = " ".join(item["description"].text(required=False).split())
    if check.problems:
        return None, check.problems
    text = {k: " ".join(str(data[k]).split()) for k in EXPRESSIONS if k in data}
    return Measure(id=identifier, name=name, kind=kind, window=window,
                   programs=programs or PROGRAM_NAMES, exclusions=exclusions,
                   requires=requires, group=group, short_name=short_name,
                   unit=unit or ("rate" if kind == "rate" else "dollars"),
                   source=source_text, description=description, path=source, **text), []


def _exclusions(field: Field) -> dict[str, tuple[int, ...]]:
    """Each program's (or the default's) PIRL 923 reasons that leave a unit out."""
    if field.mapping(required=False) is None:
        return {}
    parsed: dict[str, tuple[int, ...]] = {}
    for program, codes in field.entries():
        if not is_one_of(program, ("default", *PROGRAM_NAMES)):
            codes.problem(f"unknown program {shown(program)} (one of: default, "
                          f"{', '.join(PROGRAM_NAMES)})")
            continue
        reasons = [c.number(whole=True, at_least=1, at_most=7, hint="a PIRL 923 code")
                   for c in codes.items(least=0)]
        parsed[program] = tuple(r for r in reasons if r is not None)
    return parsed


def load_measures(folder: str | Path | None = None, names: set[str] = NAMES,
                  extra: list[Measure] | None = None) -> list[Measure]:
    """Every ``*.yaml`` measure in ``folder`` (default: the shipped ones), sorted by file;
    ``extra`` measures already loaded count for duplicate ids."""
    folder = Path(folder) if folder else DEFINITIONS_DIR
    if not folder.is_dir():
        raise InputError(InputProblem("not a folder of measure definitions", str(folder)))
    measures: list[Measure] = []
    problems: list[InputProblem] = []
    seen = {m.id: m.path for m in extra or []}
    for path in sorted(folder.glob("*.yaml")):
        try:
            data = load_yaml(path)
        except InputError as exc:
            problems += exc.problems
            continue
        items = data if isinstance(data, list) else [data]
        for item in items:
            measure, found = parse_measure(item, str(path), names)
            problems += found
            if measure and measure.id in seen:
                problems.append(InputProblem(f"measure id {measure.id!r} is already defined in "
                                             f"{seen[measure.id]}", str(path),
                                             line_of(item, "id"), "id"))
            elif measure:
                seen[measure.id] = str(path)
                measures.append(measure)
    if problems:
        raise InputError(problems)
    return measures


def markdown_vocabulary() -> str:
    """The table of names a definition may use (docs/measures.md shows it)."""
    lines = ["| name | meaning |", "|---|---|"]
    lines += [f"| `{n}` | {f.description} |" for n, f in FACTS.items()]
    lines += [f"| `{n}` | {d} |" for n, d in COLUMNS.items()]
    lines += [f"| `{n}` | {d} |" for n, d in PARAMETERS.items()]
    lines.append("| `e<element>` | the typed value of a PIRL element the engine reads "
                 "(`e1602`); dates as YYYYMMDD, money in cents |")
    lines.append("| pathway columns | `provider`, `pathway`, `pathway_level`, `exit_point`, "
                 "`credits`, `credit_bearing_date` |")
    return "\n".join(lines)
