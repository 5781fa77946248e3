from decimal import Decimal

from pathways.navigation import AND, OR, Component, Condition, PathwayGraph, plan_route


def comp(cid, weeks, cost, leads_to=(), conditions=(), credits=None,
         kind="ceterms:CourseComponent"):
    return Component(id=cid, name=cid.upper(), kind=kind, length_weeks=weeks,
                     cost=Decimal(cost), leads_to=tuple(leads_to), conditions=tuple(conditions),
                     credits=Decimal(credits) if credits else None)


def graph(*components):
    return PathwayGraph(name="test", components={c.id: c for c in components})


def test_quickest_chain_and_totals():
    g = graph(
        comp("bridge", 16, 0, ["cna", "phleb"]),
        comp("cna", 6, 1200, ["job"]),
        comp("phleb", 10, 1800, ["job"]),
        comp("job", 0, 0, kind="ceterms:JobComponent"),
    )
    route = plan_route(g, "bridge", "job")
    assert route.steps == ("bridge", "cna", "job")
    assert route.weeks == 22
    assert route.cost == Decimal(1200)


def test_conditions_pull_in_prerequisites_cheapest_first():
    g = graph(
        comp("cna", 6, 1200, ["pn"]),
        comp("ap1", 16, 720, credits=4),
        comp("eng", 16, 540, credits=3),
        comp("math", 12, 540, credits=3),
        comp("pn", 48, 9500, ["lpn"], conditions=[
            Condition(AND, targets=("cna",)),
            Condition(targets=("ap1", "eng", "math"), required_credits=Decimal(6)),
        ]),
        comp("lpn", 0, 0, kind="ceterms:JobComponent"),
    )
    route = plan_route(g, "cna", "lpn")
    # The credit rule is met by the two courses worth the most credits.
    assert route.steps[0] == "cna" and route.steps[-2:] == ("pn", "lpn")
    assert set(route.steps) == {"cna", "ap1", "eng", "pn", "lpn"} or \
        set(route.steps) == {"cna", "ap1", "math", "pn", "lpn"}
    assert route.weeks >= 6 + 16 + 12 + 48


def test_completed_steps_are_skipped_and_count():
    g = graph(
        comp("aplus", 12, 1600, ["netplus"]),
        comp("netplus", 16, 1900, ["job"], conditions=[Condition(OR, targets=("aplus",))]),
        comp("job", 0, 0, kind="ceterms:JobComponent"),
    )
    route = plan_route(g, "aplus", "job", completed={"aplus"})
    assert route.steps == ("netplus", "job")
    assert route.cost == Decimal(1900)


def test_no_route_is_empty():
    g = graph(comp("a", 1, 0), comp("b", 1, 0))
    assert not plan_route(g, "a", "b")


def test_a_start_that_is_one_option_among_several_gets_a_route():
    # No links; the job needs one of two courses, and the start is the dearer one. Working
    # back from the job's rule alone would pick the cheaper course and miss the start.
    g = graph(comp("long", 20, 900), comp("short", 4, 100),
              comp("job", 0, 0, conditions=[Condition(OR, targets=("long", "short"))]))
    assert plan_route(g, "short", "job").steps == ("short", "job")
    route = plan_route(g, "long", "job")
    assert route.steps == ("long", "job")
    assert route.weeks == 20


def test_links_and_prerequisites_make_one_order():
    # The bridge links to the certificate; the job only names the certificate in a rule.
    g = graph(comp("bridge", 8, 0, ["cert"]), comp("cert", 6, 1200), comp("other", 2, 50),
              comp("job", 0, 0, conditions=[Condition(AND, targets=("cert", "other"))]))
    route = plan_route(g, "bridge", "job")
    assert route.steps == ("bridge", "cert", "other", "job")
    assert not plan_route(g, "job", "bridge")
