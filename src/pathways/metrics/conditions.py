"""Lighter compiled SQL where a condition is read: unknown and false mean the same there.

The facts say "false when unknown" with ``fill_null(False)``, which ibis compiles to
``COALESCE(x, FALSE)``; that is needed where the value is kept or negated, but a CASE
branch, a WHERE, a FILTER or a join's ON takes a NULL condition as not met. There, and
through the AND, OR and parentheses under it, the COALESCE changes nothing, and DuckDB
evaluates the bare condition faster: the six WIOA indicators with every slice took about
8% less time (docs/benchmarks.md, ADR 21). A one-value ``IN`` becomes ``=``.

Only logic that holds in every SQL engine's three-valued logic is used; NOT is never
crossed (``NOT COALESCE(x, FALSE)`` is true where ``NOT x`` is unknown).
"""

from __future__ import annotations

import sqlglot.expressions as sge

# Marks a COALESCE taken out of the tree: ``simplify`` lists the nodes before it rewrites,
# and one taken out must not be rewritten again (that would make its former child its own
# child once more, and later rewrites of that child would land outside the tree).
DROPPED = "pathways-dropped"


def _is_false(node: sge.Expression) -> bool:
    return isinstance(node, sge.Boolean) and node.this is False


def as_condition(node: sge.Expression) -> sge.Expression:
    """``node`` where it is read as a condition, without what cannot change the outcome."""
    while True:
        if isinstance(node, sge.Paren):
            node.set("this", as_condition(node.this))
            return node
        if (isinstance(node, sge.Coalesce) and len(node.expressions) == 1
                and _is_false(node.expressions[0])):
            node.meta[DROPPED] = True
            node = _grouped(node.this)
            continue
        break
    if isinstance(node, (sge.And, sge.Or)):
        node.set("this", as_condition(node.this))
        node.set("expression", as_condition(node.expression))
    return node


def _single_in(node: sge.In) -> sge.Expression | None:
    values = node.expressions
    if len(values) == 1 and not node.args.get("query") and not node.args.get("unnest") \
            and isinstance(values[0], sge.Literal):
        return sge.EQ(this=node.this, expression=values[0])
    return None


def _grouped(node: sge.Expression) -> sge.Expression:
    # sqlglot writes a tree as it stands: an OR taken out of its COALESCE and put under
    # an AND needs its parentheses (AND binds tighter); anything else binds tighter still.
    return sge.Paren(this=node) if isinstance(node, sge.Connector) else node


def _false_when_unknown(node: sge.Expression) -> sge.Expression | None:
    """The x of ``COALESCE(x, FALSE)`` (in parentheses or not), else None."""
    while isinstance(node, sge.Paren):
        node = node.this
    if (isinstance(node, sge.Coalesce) and len(node.expressions) == 1
            and _is_false(node.expressions[0])):
        return node.this
    return None


def _compares(branch: sge.If) -> bool:
    case = branch.parent
    return isinstance(case, sge.Case) and case.args.get("this") is not None


def simplify(tree: sge.Expression) -> sge.Expression:
    """``tree`` (a compiled query) with its conditions simplified in place."""
    nodes = list(tree.walk())
    for node in nodes:
        if node.meta.get(DROPPED):
            continue
        if isinstance(node, sge.If) and _compares(node):
            continue  # CASE x WHEN v: v is a value, compared with x
        if isinstance(node, (sge.If, sge.Where, sge.Having)):
            node.set("this", as_condition(node.this))
        elif isinstance(node, sge.Join) and node.args.get("on") is not None:
            node.set("on", as_condition(node.args["on"]))
        elif isinstance(node, sge.Coalesce) and _false_when_unknown(node) is not None:
            # COALESCE(x, FALSE) reads x as a condition too.
            node.set("this", as_condition(node.this))
    # Children before parents: COALESCE(a, FALSE) OR COALESCE(b, FALSE) is
    # COALESCE(a OR b, FALSE), one test of unknown instead of two (AND alike).
    for node in reversed(nodes):
        if isinstance(node, (sge.And, sge.Or)) and node.parent is not None:
            left, right = _false_when_unknown(node.this), _false_when_unknown(node.expression)
            if left is not None and right is not None:
                joined = type(node)(this=_grouped(left), expression=_grouped(right))
                node.replace(sge.Coalesce(this=joined, expressions=[sge.false()]))
    for node in list(tree.find_all(sge.In)):
        equal = _single_in(node)
        if equal is not None:
            node.replace(equal)
    return tree
