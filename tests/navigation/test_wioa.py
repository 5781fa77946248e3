"""Each WIOA Sec. 3(7) rule on small hand-made pathways."""

from dataclasses import replace
from decimal import Decimal

from pathways.navigation import (
    CANNOT_TELL,
    MET,
    NOT_MET,
    Component,
    EntryPoint,
    ExitPoint,
    OccupationFacts,
    PathwayGraph,
    check_pathway,
)

NURSING_AIDE = OccupationFacts("31-1131.00", "Nursing Assistants", 39530, 1300,
                               "Kentucky", Decimal("210.0"), Decimal("2.5"))


def full_pathway() -> PathwayGraph:
    components = {
        "ged": Component("ged", "GED with health bridge", "ceterms:CredentialComponent", level=1,
                         credential_type="ceterms:GeneralEducationDevelopment", is_iet=True,
                         support_categories=frozenset({"support:CareerAdvising"})),
        "cna": Component("cna", "Nurse aide certificate", "ceterms:CredentialComponent", level=2,
                         credential_type="ceterms:Certificate"),
        "adn": Component("adn", "Associate degree in nursing", "ceterms:CredentialComponent",
                         level=3, credential_type="ceterms:AssociateDegree", credits=Decimal(64)),
        "job": Component("job", "Nursing assistant", "ceterms:JobComponent", level=2,
                         occupation="31-1131.00"),
    }
    return PathwayGraph(
        name="Health care", components=components, sector="Health care", naics="62",
        entry_points=(
            EntryPoint("e1", "Adult education bridge", "adult_education", "ged",
                       max_education="some_hs", serves_adult_learners=True),
            EntryPoint("e2", "Direct entry", "direct", "cna", min_education="hs"),
        ),
        exit_points=(ExitPoint("x1", "Nursing assistant", "job", NURSING_AIDE),),
        support_categories=frozenset({"support:CareerAdvising", "support:Childcare"}),
    )


def statuses(graph: PathwayGraph) -> dict[str, str]:
    return {result.element: result.status for result in check_pathway(graph)}


def test_a_complete_pathway_meets_every_element():
    results = check_pathway(full_pathway())
    assert [r.element for r in results] == list("ABCDEFG")
    assert {r.element: r.status for r in results} == dict.fromkeys("ABCDEFG", MET)
    assert all(r.reasons for r in results)


def test_a_needs_demand_data_and_sector():
    graph = full_pathway()
    unknown = replace(NURSING_AIDE, annual_openings_thousands=None)
    no_data = replace(graph, exit_points=(ExitPoint("x1", "Aide", "job", unknown),))
    assert statuses(no_data)["A"] == CANNOT_TELL
    assert statuses(replace(graph, exit_points=()))["A"] == NOT_MET
    assert statuses(replace(graph, naics=""))["A"] == NOT_MET


def test_a_cannot_tell_while_any_exit_lacks_wage_or_demand_data():
    graph = full_pathway()
    rn = OccupationFacts("29-1141.00", "Registered Nurses", None, 41000, "Kentucky",
                         Decimal("189.1"))
    both = replace(graph, exit_points=(*graph.exit_points, ExitPoint("x2", "Nurse", "adn", rn)))
    result = check_pathway(both)[0]
    # One exit shows demand; the other has no median wage: not "met".
    assert result.status == CANNOT_TELL
    assert str(result.reasons[0]) == \
        "Cannot tell while these exits lack wage or demand data: Nurse."
    assert result.reasons[0].params["exit_ids"] == ("x2",)
    assert "Nurse (Registered Nurses): no wage and employment figures loaded for the wage " \
        "area." in [str(r) for r in result.reasons]
    no_demand = replace(rn, annual_median=80000, annual_openings_thousands=None)
    result = check_pathway(replace(both, exit_points=(
        graph.exit_points[0], ExitPoint("x2", "Nurse", "adn", no_demand))))[0]
    assert result.status == CANNOT_TELL
    assert "Nurse (Registered Nurses): no projected openings (demand) loaded." \
        in [str(r) for r in result.reasons]
    nothing = replace(rn, annual_median=None, area_employment=None)
    assert "Nurse (Registered Nurses): no wage or demand data loaded." in [
        str(r) for r in check_pathway(replace(both, exit_points=(
            graph.exit_points[0], ExitPoint("x2", "Nurse", "adn", replace(
                nothing, annual_openings_thousands=None)))))[0].reasons]
    complete = replace(rn, annual_median=80000)
    assert statuses(replace(both, exit_points=(
        graph.exit_points[0], ExitPoint("x2", "Nurse", "adn", complete))))["A"] == MET


def test_a_is_not_met_when_every_exit_has_data_and_none_shows_demand():
    shrinking = replace(NURSING_AIDE, annual_openings_thousands=Decimal(0))
    graph = replace(full_pathway(), exit_points=(ExitPoint("x1", "Aide", "job", shrinking),))
    result = check_pathway(graph)[0]
    assert result.status == NOT_MET
    assert str(result.reasons[-1]) == \
        "No exit occupation shows projected openings and local employment."


def test_b_needs_a_postsecondary_credential_and_something_onward():
    graph = full_pathway()
    only_cert = {k: v for k, v in graph.components.items() if k != "adn"}
    result = check_pathway(replace(graph, components=only_cert))[1]
    assert result.status == NOT_MET
    assert "Nothing leads on" in str(result.reasons[-1])
    no_post = {k: v for k, v in only_cert.items() if k != "cna"}
    assert statuses(replace(graph, components=no_post))["B"] == NOT_MET


def without_step_services(graph: PathwayGraph) -> PathwayGraph:
    return replace(graph, components={k: replace(v, support_categories=frozenset())
                                      for k, v in graph.components.items()})


def test_c_is_met_by_a_step_that_includes_counseling():
    result = check_pathway(full_pathway())[2]
    assert result.status == MET
    assert str(result.reasons[0]) == \
        "Counseling is part of these steps: GED with health bridge (career advising)."
    assert result.reasons[0].params["categories"] == ("support:CareerAdvising",)


def test_c_cannot_tell_when_counseling_is_only_attached_to_the_pathway():
    graph = without_step_services(full_pathway())
    result = check_pathway(graph)[2]
    assert result.status == CANNOT_TELL
    assert str(result.reasons[0]).startswith("Attached to the pathway: career advising; but no "
                                             "step includes it")
    assert "Add the service to the steps" in str(result.reasons[0])


def test_c_is_not_met_without_any_counseling_kind_of_support():
    graph = without_step_services(full_pathway())
    assert statuses(replace(graph, support_categories=frozenset({"support:Childcare"})))["C"] \
        == NOT_MET
    assert statuses(replace(graph, support_categories=frozenset()))["C"] == NOT_MET
    childcare_step = replace(graph, support_categories=frozenset(), components={
        **graph.components, "cna": replace(graph.components["cna"],
                                           support_categories=frozenset({"support:Childcare"}))})
    assert statuses(childcare_step)["C"] == NOT_MET


def test_d_is_not_met_when_adult_learners_get_no_iet_and_unknown_otherwise():
    graph = full_pathway()
    no_iet = {k: replace(v, is_iet=False) for k, v in graph.components.items()}
    assert statuses(replace(graph, components=no_iet))["D"] == NOT_MET
    direct_only = replace(graph, components=no_iet, entry_points=(graph.entry_points[1],))
    assert statuses(direct_only)["D"] == CANNOT_TELL


def test_e_weighs_entries_stacking_and_acceleration():
    graph = full_pathway()
    one_entry = replace(graph, entry_points=(graph.entry_points[1],))
    assert statuses(one_entry)["E"] == CANNOT_TELL  # stacking still there, no fast start
    flat = {k: replace(v, level=1) for k, v in graph.components.items()}
    assert statuses(replace(one_entry, components=flat))["E"] == NOT_MET


def test_f_needs_both_a_secondary_and_a_postsecondary_credential():
    graph = full_pathway()
    without_ged = {k: v for k, v in graph.components.items() if k != "ged"}
    result = check_pathway(replace(graph, components=without_ged))[5]
    assert result.status == NOT_MET
    assert str(result.reasons[0]) == "No high school diploma or equivalency step."


def test_g_needs_every_exit_tied_to_an_occupation():
    graph = full_pathway()
    loose = replace(graph, exit_points=(*graph.exit_points, ExitPoint("x2", "Something", "cna")))
    assert statuses(loose)["G"] == NOT_MET
    assert statuses(replace(graph, exit_points=()))["G"] == NOT_MET
