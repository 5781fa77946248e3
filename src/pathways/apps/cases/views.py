"""Pages of the cases app. Every read goes through ``queries``, every write through
``actions``; a view only checks input and picks the template. A page that opens a
participant's record names itself (``_open``) so ``queries`` audits the view."""

from __future__ import annotations

import copy

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from pathways.apps.accounts.rules import requires, requires_any
from pathways.apps.cases import actions, queries, referral_flow
from pathways.apps.cases.contact import new_request_count
from pathways.apps.cases.duplicates import possible_duplicates
from pathways.apps.cases.erasure import records_of
from pathways.apps.cases.forms import (
    AccountForm,
    ActivityForm,
    AssessmentForm,
    ConsentForm,
    EraseForm,
    FollowUpForm,
    MilestoneForm,
    ParticipantForm,
    PlanForm,
    PriorJobForm,
    ReferralForm,
    StatusForm,
    WithdrawForm,
)
from pathways.apps.cases.planview import plan_view, quickest_exit
from pathways.apps.cases.timeline import FILTERS, case_rows, filtered, timeline
from pathways.apps.cases.versions import StaleRecord
from pathways.apps.cases.vocabulary import BARRIER_CHOICES
from pathways.apps.catalog.queries import plannable_pathways
from pathways.apps.employers.queries import employer_choices_for
from pathways.apps.funding.budgetview import budget_for


def _posted(request: HttpRequest):
    """The form data of a POST (even an empty one), None for a GET."""
    return request.POST if request.method == "POST" else None


def _form_page(request: HttpRequest, form, title: str, participant=None, intro: str = "",
               submit: str = "", duplicates=()) -> HttpResponse:
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "cases/form.html", {
        "form": form, "title": title, "participant": participant, "intro": intro,
        "submit": submit or _("Save"), "duplicates": duplicates}, status=status)


def _apply(form, request, call) -> bool:
    """Run an action with the form's data; its validation errors land on the form. A save
    refused as stale keeps the person's input and takes the current version, so saving
    again (after checking) goes through."""
    try:
        request.action_result = call()
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, exc.messages)
        if isinstance(exc, StaleRecord) and "version" in form.fields:
            form.data = form.data.copy()
            form.data["version"] = str(exc.current)
            for name in exc.fields:
                if name in form.fields:
                    form.add_error(name, _("Changed by someone else after you opened "
                                           "the form: check it."))
        return False
    return True


def _open(request: HttpRequest, pk: int, whole_record: bool = False
          ) -> queries.ParticipantAccess:
    """The person's access to the participant this page shows, audited as one view."""
    return queries.get_participant_access(request.user, pk, whole_record=whole_record,
                                          page=request.resolver_match.url_name)


VIEW_CASES = "cases.view_participants"


@requires_any(VIEW_CASES, queries.VIEW_ALL)
@require_safe
def caseload(request: HttpRequest) -> HttpResponse:
    rows = case_rows(queries.caseload_for(request.user))
    chosen = request.GET.get("show")
    shown = filtered(rows, chosen)
    return render(request, "cases/caseload.html", {
        "own_caseload": queries.caseload_is_own(request.user),
        "rows": shown, "total": len(rows), "show": chosen if chosen in FILTERS else "",
        "counts": {name: len(filtered(rows, name)) for name in FILTERS},
        "incoming": queries.waiting_referrals(request.user).count(),
        "new_requests": new_request_count(request.user),
    })


@requires("cases.enrol")
@require_http_methods(["GET", "POST"])
def intake(request: HttpRequest) -> HttpResponse:
    form = ParticipantForm(_posted(request))
    duplicates = []
    if request.method == "POST" and form.is_valid():
        fields = ParticipantForm.Meta.fields
        data = {name: form.cleaned_data[name] for name in fields}
        if not request.POST.get("not_a_duplicate"):
            duplicates = possible_duplicates(request.user, data)
        if not duplicates and _apply(form, request,
                                     lambda: actions.enrol_participant(
                                         queries.intake_access(request.user), data)):
            messages.success(request, _("Participant enrolled. Next: the shared assessment."))
            return redirect("cases:assessment", pk=request.action_result.pk)
    return _form_page(request, form, _("New participant"),
                      intro=_("Ask only for what the work needs. A government identifier is "
                              "optional and stored encrypted."), duplicates=duplicates)


@requires_any(VIEW_CASES, queries.VIEW_ALL)
@require_safe
def participant(request: HttpRequest, pk: int) -> HttpResponse:
    access = _open(request, pk, whole_record=True)
    found = access.participant
    plan = getattr(found, "plan", None)
    current = getattr(found, "assessment", None)
    view = plan_view(plan) if plan is not None else None
    return render(request, "cases/participant.html", {
        "participant": found,
        "assessment": current,
        "barriers": [label for code, label in BARRIER_CHOICES
                     if current is not None and code in current.barriers],
        "view": view,
        "budget": budget_for(found, view),
        "may_award": access.may("funding.award"),
        "events": timeline(found),
        "referrals": found.referrals.all(),
        "consents": found.consents.all(),
        "activities": found.activities.all(),
        "can": {name: access.may(f"cases.{name}") for name in
                ["enrol", "assess", "plan", "record_progress", "refer", "erase"]},
    })


@requires("cases.enrol")
@require_http_methods(["GET", "POST"])
def edit_participant(request: HttpRequest, pk: int) -> HttpResponse:
    access = _open(request, pk)
    found = access.participant
    form = ParticipantForm(_posted(request), instance=copy.copy(found))
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in ParticipantForm.Meta.fields}
        version = form.cleaned_data["version"]
        if _apply(form, request, lambda: actions.update_participant(access, data, version)):
            messages.success(request, _("Saved."))
            return redirect(found)
    return _form_page(request, form, _("Personal data"), found)


@requires("cases.enrol")
@require_http_methods(["GET", "POST"])
def account(request: HttpRequest, pk: int) -> HttpResponse:
    access = _open(request, pk)
    found = access.participant
    form = AccountForm(_posted(request))
    if request.method == "POST" and form.is_valid() and _apply(
            form, request, lambda: actions.create_account(
                access, form.cleaned_data["username"],
                form.cleaned_data["password"])):
        messages.success(request, _("The participant can now log in and see their plan."))
        return redirect(found)
    return _form_page(request, form, _("A login for the participant"), found,
                      intro=_("With it the participant sees and prints their own plan, "
                              "and nothing else."), submit=_("Create the login"))


@requires("cases.enrol")
@never_cache  # the password is shown once, and kept by no cache
@require_http_methods(["GET", "POST"])
def temporary_password(request: HttpRequest, pk: int) -> HttpResponse:
    """A new password for a participant without email, to be told to them."""
    access = _open(request, pk)
    password, problems = None, []
    if request.method == "POST":
        try:
            password = actions.reset_participant_password(access)
        except ValidationError as exc:
            problems = exc.messages
    return render(request, "cases/temporary_password.html", {
        "participant": access.participant, "password": password, "problems": problems},
        status=400 if problems else 200)


@requires("cases.assess")
@require_http_methods(["GET", "POST"])
def assessment(request: HttpRequest, pk: int) -> HttpResponse:
    access = _open(request, pk)
    found = access.participant
    current = getattr(found, "assessment", None)
    initial = {"credentials_held": list(current.credentials_held.all())} if current else None
    form = AssessmentForm(_posted(request), instance=copy.copy(current) if current else None,
                          initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data.get(name) for name in AssessmentForm.Meta.fields
                if name != "credentials_held"}
        held = list(form.cleaned_data["credentials_held"])
        version = form.cleaned_data["version"]
        if _apply(form, request,
                  lambda: actions.record_assessment(access, data, held, version)):
            messages.success(request, _("Assessment saved. Every partner sees this one record."))
            return redirect(found)
    return _form_page(request, form, _("Shared assessment"), found,
                      intro=_("One record that every partner reuses. Dated, with who "
                              "recorded it."))


@requires("cases.assess")
@require_http_methods(["GET", "POST"])
def prior_job(request: HttpRequest, pk: int) -> HttpResponse:
    access = _open(request, pk)
    found = access.participant
    if getattr(found, "assessment", None) is None:
        messages.error(request, _("Record the assessment first."))
        return redirect("cases:assessment", pk=found.pk)
    form = PriorJobForm(_posted(request))
    if request.method == "POST" and form.is_valid() and _apply(
            form, request, lambda: actions.add_prior_job(access, form.cleaned_data)):
        messages.success(request, _("Work history added."))
        return redirect(found)
    return _form_page(request, form, _("Add work history"), found)


@requires("cases.plan")
@require_http_methods(["GET", "POST"])
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    access = _open(request, pk)
    found = access.participant
    pathways = plannable_pathways(request.user)
    current = getattr(found, "plan", None)
    initial = {"goal": current.goal, "entry_point": current.entry_point,
               "next_step_due": current.next_step_due, "notes": current.notes,
               "version": current.version} if current else None
    form = PlanForm(_posted(request), pathways=pathways, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        occupation = data.pop("goal_occupation")
        goal = data["goal"]
        if occupation is not None:
            goal = quickest_exit(found, pathways, occupation)
            if goal is None:
                form.add_error("goal_occupation", _(
                    "No published pathway to %(occupation)s fits this person yet: check the "
                    "assessment, or pick a goal job.") % {"occupation": occupation})
        if goal is not None:
            data.update(goal=goal, pathway=goal.pathway)
            if _apply(form, request, lambda: actions.save_plan(access, data, version)):
                messages.success(request, _("Plan saved."))
                return redirect(found)
    return _form_page(request, form, _("Career plan"), found,
                      intro=_("Pick the goal. The way in is recommended from the assessment "
                              "and the pathway's entry rules; you may choose another."))


@requires("cases.record_progress")
@require_http_methods(["GET", "POST"])
def milestone(request: HttpRequest, pk: int) -> HttpResponse:
    access = _open(request, pk)
    found = access.participant
    current = getattr(found, "plan", None)
    form = MilestoneForm(_posted(request), pathway=current.pathway if current else None,
                         employers=employer_choices_for(found))
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data.get(name) for name in MilestoneForm.Meta.fields}
        if _apply(form, request, lambda: actions.record_milestone(access, data)):
            messages.success(request, _("Milestone recorded."))
            return redirect(found)
    return _form_page(request, form, _("Record a milestone"), found)


@requires("cases.record_progress")
@require_http_methods(["GET", "POST"])
def activity(request: HttpRequest, pk: int, activity_id: int | None = None) -> HttpResponse:
    access = _open(request, pk)
    found = access.participant
    current = queries.activity_of(access, activity_id) if activity_id else None
    plan_row = getattr(found, "plan", None)
    form = ActivityForm(_posted(request), instance=copy.copy(current) if current else None,
                        pathway=plan_row.pathway if plan_row else None,
                        employers=employer_choices_for(found))
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data.get(name) for name in ActivityForm.Meta.fields}
        if _apply(form, request, lambda: actions.record_activity(access, data, current)):
            messages.success(request, _("Saved."))
            return redirect(found)
    return _form_page(request, form, _("Work experience or employment service"), found)


@requires("cases.refer")
@require_http_methods(["GET", "POST"])
def consent(request: HttpRequest, pk: int) -> HttpResponse:
    access = _open(request, pk)
    found = access.participant
    form = ConsentForm(_posted(request),
                       organisations=queries.consent_organisations(request.user))
    if request.method == "POST" and form.is_valid() and _apply(
            form, request, lambda: actions.record_consent(access, form.cleaned_data)):
        messages.success(request, _("Consent recorded."))
        return redirect(found)
    return _form_page(request, form, _("Record consent"), found,
                      intro=_("Record what the participant agreed to, with which "
                              "organisation, and how."))


@requires("cases.refer")
@require_http_methods(["GET", "POST"])
def refer(request: HttpRequest, pk: int) -> HttpResponse:
    access = _open(request, pk)
    found = access.participant
    form = ReferralForm(_posted(request), participant=found)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        draft = data.pop("draft", False)
        if _apply(form, request, lambda: actions.send_referral(access, data, draft=draft)):
            messages.success(request, _("Draft saved.") if draft else _("Referral sent."))
            return redirect(found)
    return _form_page(request, form, _("Refer to a service, program or employer"), found,
                      intro=_("The partner sees the referral. They see the record only "
                              "after they accept it."), submit=_("Send referral"))


@requires_any("cases.refer", "cases.answer_referrals", queries.VIEW_ALL)
@require_safe
def referrals(request: HttpRequest) -> HttpResponse:
    return render(request, "cases/referrals.html", {
        "incoming": queries.incoming_referrals(request.user),
        "overdue": queries.overdue_referrals(request.user).count(),
        "sent": queries.sent_referrals(request.user),
        "organisation": queries.organisation_of(request.user)})


@requires_any(VIEW_CASES, queries.VIEW_ALL, "cases.answer_referrals")
@require_http_methods(["GET", "POST"])
def referral(request: HttpRequest, pk: int) -> HttpResponse:
    access = queries.get_referral_access(request.user, pk, page="referral")
    found = access.referral
    sides = {"update": referral_flow.RECEIVER, "revise": referral_flow.REFERRER}

    def forms_for(posted=None, step=None):
        made = {name: StatusForm(posted if name == step else None, referral=found, side=side)
                for name, side in sides.items()}
        made["follow_up"] = FollowUpForm(posted if step == "follow_up" else None)
        return made

    forms = forms_for()
    status, problems = 200, []
    if request.method == "POST":
        step = request.POST.get("step")
        if step not in forms:
            messages.error(request, _("Unknown step."))
            return redirect(found)
        forms = forms_for(request.POST, step)
        form = forms[step]
        if form.is_valid():
            data = form.cleaned_data
            calls = {
                "update": lambda: actions.update_referral(
                    access, data["status"], data["status_reason"],
                    data["status_reason_note"], data["expected"], data.get("delivered_on")),
                "revise": lambda: actions.revise_referral(
                    access, data["status"], data["status_reason"],
                    data["status_reason_note"], data["expected"]),
                "follow_up": lambda: actions.follow_up_referral(
                    access, data["followed_up_on"], data["outcome_note"]),
            }
            if _apply(form, request, calls[step]):
                messages.success(request, _("Saved."))
                return redirect(found)
            found.refresh_from_db()  # refused: show the referral as it is now
        status = 400
        problems = [str(e) for errors in form.errors.values() for e in errors]
    may_answer = access.may("cases.answer_referrals") and access.receives
    may_revise = access.may("cases.refer") and access.sees_participant
    return render(request, "cases/referral.html", {
        "referral": found, "forms": forms, "problems": problems,
        "may_answer": may_answer and forms["update"].has_moves,
        "may_revise": may_revise and forms["revise"].has_moves,
        "may_follow_up": may_revise and found.status not in referral_flow.NOT_A_SERVICE,
        "sees_record": access.sees_participant,
    }, status=status)


@requires_any(VIEW_CASES, queries.VIEW_ALL, "cases.answer_referrals")
@require_safe
def referral_fhir(request: HttpRequest, pk: int) -> HttpResponse:
    """The referral as a FHIR Task (JSON), for a partner's system; audited like the page."""
    from pathways.apps.cases.fhir import task

    access = queries.get_referral_access(request.user, pk, page="referral_fhir")
    response = JsonResponse(task(access.referral), json_dumps_params={"indent": 2})
    response["Content-Type"] = "application/fhir+json"
    response["Content-Disposition"] = f'inline; filename="referral-{pk}-task.json"'
    return response


@requires("cases.view_own_plan")
@require_safe
def my_plan(request: HttpRequest) -> HttpResponse:
    """The participant's own plan: phone-first, plain language, printable."""
    found = queries.own_record(request.user, page="my_plan")
    if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
        # Until the person picks a language with the switch, use the one they told intake.
        translation.activate(found.preferred_language)
        request.LANGUAGE_CODE = found.preferred_language
    current = getattr(found, "plan", None)
    view = plan_view(current) if current else None
    return render(request, "cases/my_plan.html", {
        "participant": found, "view": view, "budget": budget_for(found, view),
        "referrals": queries.referrals_shown_to_participant(found),
    })


@requires("cases.refer")
@require_http_methods(["GET", "POST"])
def withdraw_consent(request: HttpRequest, pk: int, consent_id: int) -> HttpResponse:
    access = _open(request, pk)
    found = access.participant
    consent = queries.consent_of(access, consent_id)
    if consent.withdrawn_on:
        messages.info(request, _("This consent is already withdrawn."))
        return redirect(found)
    form = WithdrawForm(_posted(request))
    if request.method == "POST" and form.is_valid() and _apply(
            form, request, lambda: actions.withdraw_consent(
                access, consent, form.cleaned_data["withdrawn_on"])):
        messages.success(request, _("Consent withdrawn."))
        return redirect(found)
    return _form_page(request, form, _("Withdraw consent"), found, intro=_(
        "%(consent)s, given on %(given)s. From the date you give, the organisation no "
        "longer sees the record through this consent and no new referral can be sent "
        "under it. Referrals already answered stay as they are.") % {
        "consent": consent, "given": consent.given_on.isoformat()},
        submit=_("Withdraw consent"))


@requires("cases.erase")
@require_http_methods(["GET", "POST"])
def erase(request: HttpRequest, pk: int) -> HttpResponse:
    access = _open(request, pk)
    found = access.participant
    form = EraseForm(_posted(request))
    if request.method == "POST" and form.is_valid() and _apply(
            form, request, lambda: actions.erase_participant(access,
                                                             form.cleaned_data["reason"])):
        messages.success(request, _("Participant %(pk)s erased.") % {"pk": pk})
        return redirect("cases:caseload")
    counts = {label: len(ids) for label, ids in records_of(found).items()}
    return _form_page(request, form, _("Erase the records"), found, intro=_(
        "This deletes the participant's record and everything recorded about them: the "
        "assessment (%(assessments)s) and %(jobs)s past jobs, the plan (%(plans)s), "
        "%(milestones)s milestones, %(activities)s work experiences and services, "
        "%(consents)s consents and %(referrals)s referrals, and their own login if they "
        "have one. The audit log keeps that its entries existed, without their details. "
        "It cannot be undone.") % {
        "assessments": counts["cases.assessment"], "jobs": counts["cases.priorjob"],
        "plans": counts["cases.careerplan"], "milestones": counts["cases.milestone"],
        "activities": counts["cases.workactivity"], "consents": counts["cases.consent"],
        "referrals": counts["cases.referral"]}, submit=_("Erase for good"))
