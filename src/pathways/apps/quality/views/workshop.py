"""Workshop mode: the facilitator's room plan and clock, each table's consensus, and the
report-out to the whole room."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from pathways.apps.accounts.rules import requires
from pathways.apps.quality import actions, queries
from pathways.apps.quality.forms import MAX_TABLES, WorkshopForm
from pathways.apps.quality.models import Workshop
from pathways.apps.quality.results import median_label
from pathways.apps.quality.views._helpers import act_then_redirect, flash_problems
from pathways.core.errors import InputError, InputProblem
from pathways.core.numbers import record_id, whole_number
from pathways.frameworks import CONVERSATION, NOTES, Framework, clock, not_covered


def _phase_label(state, per_table: int) -> str:
    if state.finished:
        return _("The workshop is over.")
    if state.step is None:
        return _("The workshop has not started.")
    if state.step.phase == NOTES:
        return _("Individual notes on your table's criterion %(n)s of %(of)s") % {
            "n": state.step.slot + 1, "of": per_table}
    if state.step.phase == CONVERSATION:
        return _("Conversation on your table's criterion %(n)s of %(of)s") % {
            "n": state.step.slot + 1, "of": per_table}
    return _("Report-out to the whole room")


def _timer(workshop: Workshop, framework: Framework) -> dict:
    state = workshop.state(timezone.now())
    titles = {c.key: c.title for c in framework.criteria}
    now_on = {}
    for table in workshop.tables.all():
        if state.step is not None and state.step.slot is not None \
                and state.step.slot < len(table.criteria):
            now_on[table.number] = titles[table.criteria[state.step.slot]]
    return {"state": state, "label": _phase_label(state, workshop.criteria_per_table),
            "clock": clock(state.remaining if state.remaining is not None else state.elapsed),
            "counts_down": state.remaining is not None, "now_on": now_on,
            "steps": workshop.steps()}


@requires(queries.TAKE_PART)
@require_safe
def workshop(request: HttpRequest, pk: int) -> HttpResponse:
    access = queries.get_round_for(request.user, pk)
    framework = access.round.definition()
    found = queries.workshop_of(access)
    context = {"access": access, "round": access.round, "partnership": access.partnership,
               "framework": framework, "workshop": found, "form": WorkshopForm(),
               "may_split": access.is_facilitator and access.round.is_open
               and (found is None or found.step is None)}
    if found is not None:
        titles = {c.key: c for c in framework.criteria}
        tables = []
        for table in found.tables.prefetch_related("members", "consensus"):
            done = {c.criterion for c in table.consensus.all() if c.value or c.notes}
            tables.append({"table": table, "members": list(table.members.all()),
                           "criteria": [(titles[k], k in done) for k in table.criteria],
                           "mine": queries.is_seated(access, table)})
        timer = _timer(found, framework)
        seats = {}
        for row in tables:
            row["now_on"] = timer["now_on"].get(row["table"].number, "")
            for member in row["members"]:
                seats[member.pk] = row["table"].number
        context.update({
            "tables": tables, "timer": timer,
            "uncovered": [titles[k] for k in not_covered(
                list(titles), [t["table"].criteria for t in tables])],
            "seating": [(m, seats.get(m.pk)) for m in queries.members_of(access.partnership)]
            if access.is_facilitator else [],
            "commands": actions.TIMER_COMMANDS,
        })
    return render(request, "quality/workshop.html", context)


@requires(queries.TAKE_PART)
@require_POST
def workshop_setup(request: HttpRequest, pk: int) -> HttpResponse:
    access = queries.get_round_for(request.user, pk)
    form = WorkshopForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("quality:workshop", pk)
    return act_then_redirect(
        request, lambda: actions.setup_workshop(access, **form.cleaned_data),
        _("The room is split into tables."), "quality:workshop", pk)


@requires(queries.TAKE_PART)
@require_POST
def workshop_seats(request: HttpRequest, pk: int) -> HttpResponse:
    access = queries.get_round_for(request.user, pk)
    queries.require_facilitator(access)  # refused before anything posted is read

    def seat() -> None:
        seating: dict[int, int | None] = {}
        problems = []
        for name, value in request.POST.items():
            person = record_id(name[5:]) if name.startswith("seat-") else None
            if person is None:
                continue
            table = whole_number(value, minimum=1, maximum=MAX_TABLES) if value else None
            if value and table is None:
                problems.append(InputProblem(f"{value[:20]!r} is not a table number",
                                             field=name))
            seating[person] = table
        if problems:
            raise InputError(problems)
        actions.seat_members(access, seating)

    return act_then_redirect(request, seat, _("Seats saved."), "quality:workshop", pk)


@requires(queries.TAKE_PART)
@require_POST
def workshop_timer(request: HttpRequest, pk: int) -> HttpResponse:
    access = queries.get_round_for(request.user, pk)
    command = request.POST.get("command", "")
    return act_then_redirect(request, lambda: actions.run_timer(access, command),
                             "", "quality:workshop", pk)


@requires(queries.TAKE_PART)
@require_safe
def workshop_state(request: HttpRequest, pk: int) -> JsonResponse:
    """The clock as JSON, so every screen in the room follows the facilitator."""
    access = queries.get_round_for(request.user, pk)
    found = queries.workshop_of(access)
    if found is None:
        return JsonResponse({"step": None})
    timer = _timer(found, access.round.definition())
    state = timer["state"]
    return JsonResponse({"step": state.step.index if state.step else None,
                         "label": timer["label"], "remaining": state.remaining,
                         "elapsed": state.elapsed, "running": state.running,
                         "finished": state.finished,
                         "now_on": {str(k): v for k, v in timer["now_on"].items()}})


@requires(queries.TAKE_PART)
@require_http_methods(["GET", "HEAD", "POST"])
def table(request: HttpRequest, pk: int) -> HttpResponse:
    access, found = queries.get_table_for(request.user, pk)
    framework = access.round.definition()
    status = 200
    if request.method == "POST":
        criterion = request.POST.get("criterion", "")
        try:
            actions.record_consensus(access, found, criterion,
                                     request.POST.get(f"{criterion}-value", "").strip(),
                                     request.POST.get(f"{criterion}-notes", ""))
        except InputError as exc:
            flash_problems(request, exc)
            status = 400
        else:
            messages.success(request, _("The table's consensus is saved."))
            return redirect("quality:table", pk)
    saved = {c.criterion: c for c in found.consensus.all()}
    items = [{"criterion": framework.criterion(key), "consensus": saved.get(key)}
             for key in found.criteria]
    return render(request, "quality/table.html", {
        "access": access, "round": access.round, "partnership": access.partnership,
        "framework": framework, "table": found, "items": items,
        "may_record": queries.may_record_for(access, found) and access.round.is_open,
        "members": list(found.members.all()),
    }, status=status)


@requires(queries.TAKE_PART)
@require_safe
def report_out(request: HttpRequest, pk: int) -> HttpResponse:
    """For the whole room: each criterion with what every table agreed. The members'
    individual ratings are summarised beside it only once the round is closed, and always
    with small cells withheld, because this page is meant for a projector."""
    access = queries.get_round_for(request.user, pk)
    framework = access.round.definition()
    found = queries.workshop_of(access)
    labels = {lv.value: lv.label for lv in framework.scale.levels}
    members = queries.room_results_for(access)
    criteria = []
    for criterion in framework.criteria:
        rows = []
        if found is not None:
            for table_ in found.tables.all():
                if criterion.key in table_.criteria:
                    consensus = table_.consensus.filter(criterion=criterion.key).first()
                    rows.append({"table": table_, "consensus": consensus,
                                 "label": labels.get(consensus.value, "") if consensus else ""})
        summary = members.criteria[criterion.key] if members else None
        criteria.append({"criterion": criterion, "tables": rows, "summary": summary,
                         "median_label": median_label(framework, summary) if summary else ""})
    return render(request, "quality/report_out.html", {
        "access": access, "round": access.round, "partnership": access.partnership,
        "framework": framework, "workshop": found, "criteria": criteria,
    })
