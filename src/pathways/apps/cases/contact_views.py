"""The public "talk to a navigator" form, its confirmation, and the navigators' queue.

The form is its own page (the pathway page only links to it) so public pages stay cacheable;
it carries a CSRF token, so it is never kept by any cache. It is POST only and answers with
a redirect to a confirmation page without parameters: no name or contact in a URL or an
access log. The confirmation learns which pathway from a short signed cookie (an id).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from pathways.apps.accounts.rules import requires
from pathways.apps.cases import contact, frontdoor
from pathways.apps.cases.contact_forms import CloseForm, ContactForm
from pathways.apps.cases.duplicates import possible_duplicates
from pathways.apps.cases.forms import ParticipantForm
from pathways.apps.cases.models import ContactRequest

SENT_COOKIE = "pathways_contact_sent"
SENT_SALT = "pathways.cases.contact-sent"


def _form(request: HttpRequest, form: ContactForm, problem: str = "",
          status: int = 200) -> HttpResponse:
    if form.is_bound:
        # A new signed time, so the person can send again after fixing the form.
        form.data = form.data.copy()
        form.data["started"] = frontdoor.started_token()
        form.data["website"] = ""
    if form.is_bound and form.errors and status == 200:
        status = 400
    return render(request, "cases/contact_form.html",
                  {"form": form, "problem": problem}, status=status)


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def contact_form(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        chosen = contact.requestable_pathways().filter(
            slug=request.GET.get("pathway", "")[:100]).first()
        return _form(request, ContactForm(initial={
            "pathway": chosen, "started": frontdoor.started_token(),
            "preferred_language": "es" if request.LANGUAGE_CODE == "es" else "en"}))
    form = ContactForm(request.POST)
    if request.POST.get("website"):
        return _form(request, form, _("We could not send this form. If you are a person, "
                                      "leave the last box empty and send it again."), 400)
    if frontdoor.too_fast(request.POST.get("started", "")):
        return _form(request, form, _("That was very fast, or the form was open too long. "
                                      "Check your details and press Send again."), 400)
    if not form.is_valid():
        return _form(request, form)
    if frontdoor.over_limit(request):
        return _form(request, form, _("Too many requests were sent from this connection. "
                                      "Please wait an hour and try again."), 429)
    pathway = form.cleaned_data["pathway"]
    try:
        contact.send_contact_request(contact.public_request_access(pathway),
                                     form.request_data())
    except ValidationError as exc:
        form.add_error(None, exc.messages)
        return _form(request, form)
    response = redirect("contact:sent")
    response.set_signed_cookie(SENT_COOKIE, str(pathway.pk), salt=SENT_SALT, max_age=3600,
                               httponly=True, samesite="Lax",
                               secure=request.is_secure())
    return response


@login_not_required
@never_cache
@require_safe
def contact_sent(request: HttpRequest) -> HttpResponse:
    pk = request.get_signed_cookie(SENT_COOKIE, default="", salt=SENT_SALT, max_age=3600)
    pathway = contact.requestable_pathways().filter(pk=pk).first() if pk.isdigit() else None
    return render(request, "cases/contact_sent.html", {
        "pathway": pathway, "organisation": contact.who_calls(pathway) if pathway else ""})


# -- the navigators' queue ------------------------------------------------------------
@requires(contact.WORK)
@require_safe
def contact_requests(request: HttpRequest) -> HttpResponse:
    shown = request.GET.get("show", "open")
    found = contact.contact_requests_for(request.user)
    if shown == "open":
        found = found.filter(status__in=[ContactRequest.Status.NEW,
                                         ContactRequest.Status.CONTACTED])
    elif shown in ContactRequest.Status.values:
        found = found.filter(status=shown)
    else:
        shown = "all"
    return render(request, "cases/contact_requests.html", {
        "requests": found, "show": shown, "statuses": ContactRequest.Status.choices,
        "new_count": contact.new_request_count(request.user)})


def _work(request: HttpRequest, access, call) -> bool:
    try:
        call()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return False
    return True


@requires(contact.WORK)
@require_http_methods(["GET", "POST"])
def contact_request(request: HttpRequest, pk: int) -> HttpResponse:
    access = contact.get_contact_request_access(request.user, pk)
    close = CloseForm(request.POST if request.POST.get("do") == "close" else None)
    if request.method == "POST":
        done = False
        if request.POST.get("do") == "contacted":
            done = _work(request, access, lambda: contact.mark_contacted(access))
        elif request.POST.get("do") == "close" and close.is_valid():
            done = _work(request, access, lambda: contact.close_contact_request(
                access, close.cleaned_data["reason"]))
        if done:
            messages.success(request, _("Saved."))
            return redirect(access.request)
    status = 400 if request.method == "POST" else 200
    return render(request, "cases/contact_request.html", {
        "found": access.request, "close": close}, status=status)


@requires(contact.WORK)
@require_http_methods(["GET", "POST"])
def enrol_from_request(request: HttpRequest, pk: int) -> HttpResponse:
    access = contact.get_contact_request_access(request.user, pk)
    duplicates = []
    if request.method == "POST":
        form = ParticipantForm(request.POST)
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in ParticipantForm.Meta.fields}
            # The person may be known already (enrolled before, or asked twice): the same
            # check as intake, the same way past it.
            if not request.POST.get("not_a_duplicate"):
                duplicates = possible_duplicates(request.user, data)
            try:
                participant = None if duplicates else contact.enrol_from_request(access, data)
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                if participant is not None:
                    messages.success(request, _("Participant enrolled. Next: the shared "
                                                "assessment."))
                    return redirect("cases:assessment", pk=participant.pk)
    else:
        form = ParticipantForm(initial=contact.intake_initial(access.request))
    return render(request, "cases/form.html", {
        "form": form, "title": _("Enrol from a request"), "participant": None,
        "intro": _("Filled in from the request. Check each field with the person."),
        "submit": _("Enrol"), "duplicates": duplicates},
        status=400 if form.is_bound and form.errors else 200)
