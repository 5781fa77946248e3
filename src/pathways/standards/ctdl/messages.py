"""The problems the CTDL reader refuses a file for, as translatable templates.

Each names its parameters; the reader fills them (``NOT_A_NUMBER.problem(..., found=...)``)
and the web layer shows ``gettext(template) % params`` in the reader's language.
"""

from __future__ import annotations

from pathways.core.errors import _, message

TOO_MANY_NODES = message(_("more than %(limit)s nodes in the files read together; split them "
                           "into smaller files"), "limit")
NOT_JSON_LD = message(_("not JSON-LD: expected an object or a list of nodes, got %(found)s"),
                      "found")
GRAPH_NOT_LIST = message(_("@graph must be a list of nodes, got %(found)s"), "found")
NO_GRAPH_NO_TYPE = message(_("not JSON-LD: no @graph and no @type"))
PRE_STANDARD_DRAFT = message(_(
    "a pre-standard pathway draft, not CTDL (draft terms: %(terms)s; draft types: %(types)s; "
    "@context: %(context)s). Convert it to CTDL first: a ceterms:Pathway with "
    "ceterms:hasDestinationComponent, ceterms:*Component nodes and ceasn:hasChild"),
    "terms", "types", "context")
WRONG_CONTEXT = message(_("not a CTDL document: @context is %(context)s, expected %(expected)s"),
                        "context", "expected")
NO_CTDL_TERMS = message(_("not a CTDL document: no @context and no ceterms: terms"))
NO_PATHWAY = message(_("no ceterms:Pathway node (found %(found)s)"), "found")
NO_TYPED_NODES = message(_("no ceterms:Pathway node (found no typed nodes)"))
PATHWAY_WITHOUT_NAME = message(_("the pathway has no name"))
NOT_AN_OBJECT = message(_("expected an object, got %(found)s"), "found")
TOO_LONG = message(_("is %(length)s characters long; the limit is %(limit)s"),
                   "length", "limit")
NAME_IS_NUMBER = message(_("a name must be text, got the number %(value)s"), "value")
NOT_TEXT = message(_("expected text or a language map, got %(found)s"), "found")
NOT_AN_IRI = message(_("expected an IRI, got %(found)s"), "found")
NOT_A_NUMBER = message(_("expected a number, got %(found)s"), "found")
NOT_WHOLE = message(_("expected a whole number, got %(value)s"), "value")
NOT_BOOLEAN = message(_("expected true or false, got %(value)s"), "value")
NOT_ALIGNMENT = message(_("expected an alignment object, got %(found)s"), "found")
NOT_CONDITION = message(_("expected ceterms:ComponentCondition, got %(found)s"), "found")
NOT_A_PLACE = message(_("expected a ceterms:Place, got %(found)s"), "found")
PLACE_WITHOUT_NAME = message(_("a place needs a name or a street address"))
