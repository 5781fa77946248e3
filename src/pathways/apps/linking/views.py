"""Pages of the linking app: upload partners' files, follow a linkage run, review its
uncertain pairs, measure the joined files (ADR 0053). All under a partnership's measures:
``/measures/<partnership>/linkage/``."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from pathways.apps.accounts.rules import requires
from pathways.apps.linking import actions, queries, storage
from pathways.apps.linking.forms import DecisionForm, PartnerFilesForm, PeriodForm
from pathways.apps.linking.people import compare, conflicts, joins, person_keys
from pathways.apps.reports.queries import min_threshold
from pathways.core.errors import InputError

QUEUE_SHOWN = 200
FIELD_NAMES = {"first_name": gettext_lazy("First name"),
               "last_name": gettext_lazy("Last name"),
               "birth_date": gettext_lazy("Date of birth"), "zip": gettext_lazy("ZIP code"),
               "phone": gettext_lazy("Phone"), "email": gettext_lazy("Email")}
AGREEMENTS = {"same": gettext_lazy("The same"),
              "close": gettext_lazy("Nearly the same (a typo apart)"),
              "similar": gettext_lazy("Somewhat alike"),
              "different": gettext_lazy("Different"),
              "unknown": gettext_lazy("Missing on one side or both")}


@requires(queries.LINK)
@require_http_methods(["GET", "POST"])
def index(request: HttpRequest, pk: int) -> HttpResponse:
    """The partnership's linkage runs, and the form that starts one."""
    access = queries.get_linking_access(request.user, pk)
    sent = request.method == "POST"
    form = PartnerFilesForm(request.POST if sent else None, request.FILES if sent else None)
    if request.method == "POST" and form.is_valid():
        # Bad rows are found by the job; its page lists them (ADR 0050).
        job = actions.queue_linkage(access, form.cleaned_data["files"])
        return redirect("jobs:detail", pk=job.pk)
    return render(request, "linking/index.html", {
        "partnership": access.partnership, "form": form,
        "runs": queries.runs_of(access.partnership)[:20]},
        status=400 if form.errors else 200)


def _summary(run) -> dict:
    rows = list(run.pairs.values("pk", "left", "right", "suggested", "decision"))
    pairs = [(r["left"], r["right"], r["suggested"], r["decision"]) for r in rows]
    involved = {x for left, right, _s, _d in pairs for x in (left, right)}
    keys = person_keys(involved, pairs, run.partner_groups)
    found = set(conflicts(keys, pairs))
    # For each "not a match" still joined: the pairs that join that person, to look again.
    listed = []
    for row in rows:
        if (row["left"], row["right"]) in found:
            key = keys[row["left"]]
            joining = [r for r in rows if joins(r["suggested"], r["decision"])
                       and keys.get(r["left"]) == key]
            listed.append({"pair": row, "joining": joining})
    return {"linked": sum(1 for p in pairs if p[2] == "link"),
            "decided": sum(1 for p in pairs if p[2] == "review" and p[3]),
            "conflicts": listed}


@requires(queries.LINK)
@require_safe
def run(request: HttpRequest, pk: int, run: int) -> HttpResponse:
    access, found = queries.get_run(request.user, pk, run)
    queue = queries.review_queue(found)
    job = found.job
    lost = found.state == found.State.LINKING and job is not None and job.is_finished
    return render(request, "linking/run.html", {
        "partnership": access.partnership, "run": found, "summary": _summary(found),
        "lost": lost,
        "queue": queue[:QUEUE_SHOWN], "more": max(0, queue.count() - QUEUE_SHOWN),
        "links": found.pairs.filter(suggested="link").order_by("probability", "pk")[
            :QUEUE_SHOWN],
        "next": queries.next_undecided(found)})


@requires(queries.LINK)
@require_http_methods(["GET", "POST"])
def pair(request: HttpRequest, pk: int, run: int, pair: int) -> HttpResponse:
    """One pair side by side; the reviewer says whether it is one person."""
    access, found, candidate = queries.get_pair(request.user, pk, run, pair)
    form = DecisionForm(request.POST if request.method == "POST" else None,
                        initial={"decision": candidate.decision or None})
    if request.method == "POST" and form.is_valid():
        try:
            actions.decide(access, candidate, form.cleaned_data["decision"])
        except InputError as exc:
            form.add_error("decision", "; ".join(p.message for p in exc.problems))
        else:
            messages.success(request, _("Decision saved."))
            following = queries.next_undecided(found, after=candidate)
            if following is not None:
                return redirect("linking:pair", pk=pk, run=found.pk, pair=following.pk)
            return redirect("linking:run", pk=pk, run=found.pk)
    show = access.may_see_identities
    fields = []
    if found.has_files:
        values = storage.people(found.pk, [candidate.left, candidate.right])
        left, right = values.get(candidate.left, {}), values.get(candidate.right, {})
        fields = [{"name": FIELD_NAMES[f.field], "agreement": f.agreement,
                   "agreement_text": AGREEMENTS[f.agreement], "left": f.left,
                   "right": f.right} for f in compare(left, right, show)]
        if show:  # every page that shows the values, a form sent back with errors too
            actions.view_pair_identities(access, candidate)
    return render(request, "linking/pair.html", {
        "partnership": access.partnership, "run": found, "pair": candidate, "form": form,
        "fields": fields, "show": show, "position": _position(found, candidate)},
        status=400 if form.errors else 200)


def _position(run, candidate) -> tuple[int, int]:
    """Where the pair stands among the run's pairs to review, in a fixed order."""
    ids = list(run.pairs.filter(suggested="review").order_by("-probability", "pk")
               .values_list("pk", flat=True))
    return (ids.index(candidate.pk) + 1 if candidate.pk in ids else 0, len(ids))


@requires(queries.LINK)
@require_http_methods(["GET", "POST"])
def measures(request: HttpRequest, pk: int, run: int) -> HttpResponse:
    """The reporting period for the shared measures of the run's joined files."""
    access, found = queries.get_run(request.user, pk, run)
    sent = request.method == "POST"
    form = PeriodForm(request.POST if sent else None, request.FILES if sent else None,
                      min_threshold=min_threshold())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            job = actions.queue_measures(access, found, data["start"], data["end"],
                                         data["as_of"], data["threshold"], data.get("wages"))
        except InputError as exc:
            form.add_error(None, "; ".join(p.message for p in exc.problems))
        else:
            return redirect("jobs:detail", pk=job.pk)
    return render(request, "linking/measures.html", {
        "partnership": access.partnership, "run": found, "form": form},
        status=400 if form.errors else 200)


@requires(queries.LINK)
@require_POST
def remove(request: HttpRequest, pk: int, run: int) -> HttpResponse:
    access, found = queries.get_run(request.user, pk, run)
    actions.remove_files(access, found)
    messages.success(request, _("The partners' files of this run were removed. Its pairs "
                                "and decisions stay for the record."))
    return redirect("linking:run", pk=pk, run=found.pk)
