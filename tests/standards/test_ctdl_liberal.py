"""Liberal with what real publishers write, strict with what would harm (issue 17).

Each accepted form reads; each refusal names the file, the node (its @id) and the field;
each documented limit (``standards.ctdl.limits``) is tested at and past its edge.
"""

from __future__ import annotations

import json

import pytest

from pathways.core.errors import InputError
from pathways.standards.ctdl import read_documents
from pathways.standards.ctdl.limits import (
    MAX_FILE_BYTES,
    MAX_NAME_CHARS,
    MAX_NESTING,
    MAX_NODES,
    MAX_TEXT_CHARS,
)

CONTEXT = "https://credreg.net/ctdl/schema/context/json"
EX = "https://example.org/"


def pathway(key: str, *components: str, **extra) -> dict:
    return {"@id": EX + key, "@type": "ceterms:Pathway", "ceterms:name": {"en-US": key.title()},
            "ceterms:hasDestinationComponent": [EX + components[0]] if components else [],
            **extra}


def component(key: str, **extra) -> dict:
    return {"@id": EX + key, "@type": "ceterms:CourseComponent",
            "ceterms:name": {"en-US": key.title()}, **extra}


def read(data: object, name: str = "up.json"):
    return read_documents([(name, json.dumps(data))])


def refused(data: object) -> list:
    with pytest.raises(InputError) as caught:
        read(data)
    return caught.value.problems


# -- accepted forms ------------------------------------------------------------------------
def test_a_top_level_array_reads_like_a_graph():
    nodes = [pathway("welding", "c1"), component("c1")]
    as_array = read([{"@context": CONTEXT, **nodes[0]}, nodes[1]])
    as_graph = read({"@context": CONTEXT, "@graph": nodes})
    assert as_array.pathways == as_graph.pathways
    assert [c.name for c in as_array.pathways[0].components] == ["C1"]


@pytest.mark.parametrize("value", [None, {}, {"en-US": None}, {"en-US": ""}, {"en": "  "},
                                   {"en-US": []}, {"en-US": [None, ""]}])
def test_an_empty_or_null_language_map_is_absent(value):
    data = {"@context": CONTEXT, "@graph": [
        pathway("welding", "c1", **{"ceterms:description": value}),
        component("c1", **{"ceterms:description": value})]}
    result = read(data)
    doc = result.pathways[0]
    assert doc.description == "" and doc.components[0].description == ""


def test_an_empty_language_gives_way_to_a_filled_one():
    data = {"@context": CONTEXT, "@graph": [
        pathway("welding", "c1", **{"ceterms:description": {"en-US": None, "es": "Soldar"}}),
        component("c1", **{"ceterms:name": {"en-US": "", "en": ["", "Welding I"]}})]}
    doc = read(data).pathways[0]
    assert doc.description == "Soldar"
    assert doc.components[0].name == "Welding I"


def test_a_pathway_set_with_pathways_inside_and_beside_reads_each():
    inside = pathway("welding", "w1")
    data = {"@context": CONTEXT, "@graph": [
        {"@id": EX + "set", "@type": "ceterms:PathwaySet", "ceterms:name": "Trades",
         "ceterms:hasPathway": [inside, EX + "nursing", EX + "missing"]},
        pathway("nursing", "n1"), component("w1"), component("n1")]}
    result = read(data)
    assert [(p.name, [c.name for c in p.components]) for p in result.pathways] == [
        ("Nursing", ["N1"]), ("Welding", ["W1"])]
    assert result.report.unresolved == {f"ceterms:hasPathway -> {EX}missing": 1}
    assert "@type ceterms:PathwaySet" not in result.report.unmapped


def test_is_child_of_given_only_on_the_child_makes_the_link_and_the_membership():
    """Two pathways in one file, so a component belongs only where a link puts it."""
    data = {"@context": CONTEXT, "@graph": [
        {"@type": "ceterms:PathwaySet", "ceterms:hasPathway": [EX + "a", EX + "b"]},
        pathway("a", "top"), pathway("b", "other"),
        component("top"), component("other"),
        component("child", **{"ceasn:isChildOf": [EX + "top"]}),
        component("grandchild", **{"isChildOf": {"@id": EX + "child"}})]}
    first, second = read(data).pathways
    by_name = {c.name: c for c in first.components}
    assert set(by_name) == {"Top", "Child", "Grandchild"}
    assert by_name["Top"].children == [by_name["Child"].ctid]
    assert by_name["Child"].children == [by_name["Grandchild"].ctid]
    assert [c.name for c in second.components] == ["Other"]


# -- refusals naming node and field ---------------------------------------------------------
@pytest.mark.parametrize(("name", "message"), [
    (42, "a name must be text, got the number 42"),
    (3.5, "a name must be text, got the number 3.5"),
    ({"@id": "https://example.org/x"}, "expected text or a language map, got dict"),
    ({"en-US": {"text": "Welding"}}, "expected text or a language map, got dict"),
    ({"en-US": 7}, "expected text or a language map, got dict"),
    (["Welding", 5], None),  # the first value is used
])
def test_a_name_that_is_a_number_or_an_object_is_refused(name, message):
    data = {"@context": CONTEXT, "@graph": [pathway("welding", "c1"),
                                            component("c1", **{"ceterms:name": name})]}
    if message is None:
        assert read(data).pathways[0].components[0].name == "Welding"
        return
    [problem] = refused(data)
    assert (problem.source, problem.node, problem.field, problem.message) == (
        "up.json", EX + "c1", "@graph[1] ceterms:name", message)
    assert str(problem).startswith(f"up.json, node {EX}c1, field '@graph[1] ceterms:name': ")


@pytest.mark.parametrize(("term", "value", "field", "message"), [
    ("pathways:isIET", "yes", "pathways:isIET", "expected true or false, got 'yes'"),
    ("pathways:lengthWeeks", [1.5], "pathways:lengthWeeks", "expected a whole number, got 1.5"),
    ("ceasn:hasChild", [5], "ceasn:hasChild", "expected an IRI, got int"),
    ("ceterms:hasCondition", ["all of"], "ceterms:hasCondition",
     "expected an object, got str"),
    ("ceterms:description", ["text", {"x": 1}], None, None),  # only the first is read
])
def test_a_value_of_the_wrong_type_is_refused_with_node_and_field(term, value, field, message):
    data = {"@context": CONTEXT, "@graph": [pathway("welding", "c1"),
                                            component("c1", **{term: value})]}
    if message is None:
        assert read(data).pathways[0].components[0].description == "text"
        return
    [problem] = refused(data)
    assert (problem.node, problem.field, problem.message) == (
        EX + "c1", f"@graph[1] {field}", message)


def test_a_problem_inside_a_condition_names_the_component_it_is_written_in():
    bad = {"@type": "ceterms:ComponentCondition", "ceterms:requiredNumber": "two"}
    data = {"@context": CONTEXT, "@graph": [
        pathway("welding", "c1"), component("c1", **{"ceterms:hasCondition": [bad]})]}
    [problem] = refused(data)
    assert problem.node == EX + "c1"
    assert problem.field == "@graph[1] ceterms:hasCondition[0] ceterms:requiredNumber"


def test_a_node_without_an_id_is_named_by_its_ctid():
    ctid = "ce-0b8f1c2e-1111-4222-8333-444455556666"
    node = component("c1", **{"ceterms:ctid": ctid, "ceterms:name": 9})
    del node["@id"]
    [problem] = refused({"@context": CONTEXT, "@graph": [pathway("welding"), node]})
    assert problem.node == ctid


# -- limits ---------------------------------------------------------------------------------
def test_a_description_up_to_the_limit_reads_and_one_past_it_is_refused():
    at = "x" * MAX_TEXT_CHARS
    data = {"@context": CONTEXT, "@graph": [pathway("welding", "c1"),
                                            component("c1", **{"ceterms:description": at})]}
    assert len(read(data).pathways[0].components[0].description) == MAX_TEXT_CHARS
    data["@graph"][1]["ceterms:description"] = {"en-US": at + "y"}
    [problem] = refused(data)
    assert (problem.node, problem.field) == (EX + "c1", "@graph[1] ceterms:description")
    assert problem.message == "is 10,001 characters long; the limit is 10,000"


def test_a_name_past_its_limit_is_refused():
    data = {"@context": CONTEXT, "@graph": [
        pathway("welding", "c1", **{"ceterms:name": "n" * (MAX_NAME_CHARS + 1)}),
        component("c1")]}
    [problem] = refused(data)
    assert (problem.node, problem.field, problem.message) == (
        EX + "welding", "@graph[0] ceterms:name", "is 501 characters long; the limit is 500")


def test_a_file_past_20_mb_is_refused_before_it_is_parsed():
    assert MAX_FILE_BYTES == 20_000_000
    text = b'{"@graph": [' + b" " * MAX_FILE_BYTES + b"]}"
    with pytest.raises(InputError) as caught:
        read_documents([("big.json", text)])
    assert str(caught.value) == ("big.json: is larger than 20,000,000 bytes; split it into "
                                 "smaller files")


def test_more_nodes_than_the_limit_are_refused():
    nodes = [pathway("welding")] + [component(f"c{i}") for i in range(MAX_NODES)]
    with pytest.raises(InputError, match="more than 10,000 nodes") as caught:
        read({"@context": CONTEXT, "@graph": nodes})
    assert caught.value.problems[0].source == "up.json"


@pytest.mark.parametrize("opening", ["[", '{"a":'])
def test_json_100000_deep_is_refused_without_recursion_error(opening):
    closing = "]" if opening == "[" else "}"
    text = '{"@graph": ' + opening * 100_000 + "1" + closing * 100_000 + "}"
    with pytest.raises(InputError) as caught:
        read_documents([("deep.json", text)])
    assert str(caught.value) == f"deep.json: is nested more than {MAX_NESTING} levels deep"


def test_conditions_nested_to_the_limit_read_and_past_it_are_refused():
    def nested(levels: int) -> dict:
        condition = {"@type": "ceterms:ComponentCondition", "ceterms:requiredNumber": 1,
                     "ceterms:targetComponent": [EX + "c1"]}
        for _ in range(levels - 1):
            condition = {"@type": "ceterms:ComponentCondition", "ceterms:requiredNumber": 1,
                         "ceterms:hasCondition": [condition]}
        return condition

    def document(levels: int) -> dict:
        return {"@context": CONTEXT, "@graph": [
            pathway("welding", "c2"), component("c1"),
            component("c2", **{"ceterms:hasCondition": [nested(levels)]})]}

    # document, @graph, node: 3; each condition two (its list and itself); targets: 1
    deepest = (MAX_NESTING - 4) // 2
    assert deepest == 30
    doc = read(document(deepest)).pathways[0]
    assert doc.condition_count() == deepest
    with pytest.raises(InputError, match="nested more than 64 levels"):
        read(document(deepest + 1))
