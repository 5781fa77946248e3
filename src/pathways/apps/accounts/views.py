"""A person's own account: password change and reset, and the second factor.

Django's own views do the work; these subclasses add what Pathways needs around them: an
audit entry, the end of a temporary password, and the way back to where the person was.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from pathways.apps.accounts import twofactor
from pathways.apps.accounts.audit import record
from pathways.apps.accounts.models import Role
from pathways.apps.accounts.roles import role_of
from pathways.apps.accounts.rules import requires_any, signed_in


def _next_or(request: HttpRequest, fallback: str) -> str:
    """The ``next`` the person came with, if it is a page of this site. Only a path: a bare
    word would be taken by ``redirect`` for the name of a view, and fail."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted.startswith("/") and url_has_allowed_host_and_scheme(wanted, {request.get_host()},
                                                  require_https=request.is_secure()):
        return wanted
    return fallback



class LoginView(auth_views.LoginView):
    """Django's login, where a participant lands on their own plan (what they came for)
    and everyone else on the home page, unless they came from a page of the site."""

    def get_default_redirect_url(self) -> str:
        if role_of(self.request.user) == Role.PARTICIPANT:
            return reverse("cases:my_plan")
        return super().get_default_redirect_url()

def _password_chosen(user: Any) -> None:
    """The person chose their own password: a temporary one is gone."""
    profile = getattr(user, "pathways_profile", None)
    if profile is not None and profile.must_change_password:
        profile.must_change_password = False
        profile.save(update_fields=["must_change_password"])


class PasswordChange(auth_views.PasswordChangeView):
    template_name = "registration/password_change_form.html"

    def form_valid(self, form: Any) -> HttpResponse:
        forced = getattr(getattr(self.request.user, "pathways_profile", None),
                         "must_change_password", False)
        response = super().form_valid(form)  # saves, and keeps this session signed in
        _password_chosen(self.request.user)
        record(self.request.user, "accounts.password_change", self.request.user,
               summary="Changed their password", changes={"temporary_replaced": forced})
        messages.success(self.request, _("Your password is changed."))
        return response

    def get_success_url(self) -> str:
        return _next_or(self.request, reverse("home"))

    def get_context_data(self, **kwargs: Any) -> dict:
        user = self.request.user
        profile = getattr(user, "pathways_profile", None)
        return {**super().get_context_data(**kwargs),
                "next": _next_or(self.request, ""),
                "temporary": bool(profile and profile.must_change_password),
                "offers_two_factor": twofactor.sees_participants(user),
                "has_two_factor": twofactor.has_device(user)}


class PasswordResetConfirm(auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        user = form.user
        _password_chosen(user)
        # Whoever holds the mailbox holds the account: its lockout (not its address's) ends.
        from axes.utils import reset

        reset(username=user.get_username())
        record(user, "accounts.password_reset", user, summary="Reset their password by email")
        return response


password_change = signed_in(PasswordChange.as_view())
password_reset = auth_views.PasswordResetView.as_view()
password_reset_done = auth_views.PasswordResetDoneView.as_view()
password_reset_confirm = PasswordResetConfirm.as_view()
password_reset_complete = auth_views.PasswordResetCompleteView.as_view()


# -- the second factor -----------------------------------------------------------------
class CodeForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Code from your app"), max_length=8,
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code",
                                                         "inputmode": "numeric"}))

    def token(self) -> str:
        return "".join(self.cleaned_data["code"].split())


def _throttled(device: Any) -> bool:
    allowed, _detail = device.verify_is_allowed()
    return not allowed


def _check(form: CodeForm, device: Any, user: Any, what: str) -> bool:
    """Verify the code; a wrong one is audited and said on the form."""
    if _throttled(device):
        form.add_error("code", _("Too many wrong codes in a row. Wait a minute, then try "
                                 "again with a new code."))
        return False
    if device.verify_token(form.token()):
        return True
    record(user, "accounts.second_factor_failed", user,
           summary=f"A wrong one-time code ({what})")
    form.add_error("code", _("That code is not right. Check the time on your phone and type "
                             "the code the app shows now."))
    return False


@requires_any(*twofactor.CASE_PERMISSIONS)
@never_cache
@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    """Set up a second factor (a code app), or turn it off."""
    user = request.user
    device = twofactor.confirmed_device(user)
    form = CodeForm(request.POST or None)
    if device is not None:
        required = settings.PATHWAYS_REQUIRE_OTP_FOR_CASE_STAFF
        if request.method == "POST" and not required and form.is_valid() \
                and _check(form, device, user, "turning it off"):
            device.delete()
            record(user, "accounts.second_factor_off", user, summary="Turned two-step login off")
            messages.success(request, _("Two-step login is off."))
            return redirect("two_factor")
        return render(request, "accounts/two_factor.html",
                      {"device": device, "form": form, "required": required},
                      status=400 if form.errors else 200)
    pending = twofactor.pending_device(user)
    if request.method == "POST" and form.is_valid() \
            and _check(form, pending, user, "setting it up"):
        pending.confirmed = True
        pending.save(update_fields=["confirmed"])
        otp_login(request, pending)
        record(user, "accounts.second_factor_on", user, summary="Turned two-step login on")
        messages.success(request, _("Two-step login is on. From now on you give a code from "
                                    "your app after your password."))
        return redirect(_next_or(request, reverse("two_factor")))
    label = _("QR code for your authenticator app")
    return render(request, "accounts/two_factor.html", {
        "pending": pending, "form": form, "secret": twofactor.secret_text(pending),
        "qr": twofactor.qr_svg(pending, label), "next": _next_or(request, ""),
        "required": twofactor.must_set_up(user)}, status=400 if form.errors else 200)


@signed_in
@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """After the password: the code from the person's app."""
    user = request.user
    device = twofactor.confirmed_device(user)
    if device is None or twofactor.is_verified(user):
        return redirect(_next_or(request, reverse("home")))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _check(form, device, user, "logging in"):
        otp_login(request, device)
        record(user, "accounts.second_factor", user, summary="Gave a one-time code")
        return redirect(_next_or(request, reverse("home")))
    return render(request, "accounts/two_factor_verify.html",
                  {"form": form, "next": _next_or(request, "")},
                  status=400 if form.errors else 200)


__all__ = ["password_change", "password_reset", "password_reset_complete",
           "password_reset_confirm", "password_reset_done", "two_factor", "two_factor_verify"]
