"""Forms: every field checked, with a message that says what to fix. Forms never write;
views pass their cleaned data to ``actions``."""

from __future__ import annotations

import re
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pathways.apps.accounts.models import Organisation
from pathways.apps.cases.models import (
    Assessment,
    Consent,
    Milestone,
    Participant,
    Referral,
    WorkActivity,
)
from pathways.apps.cases.vocabulary import BARRIER_CHOICES
from pathways.apps.catalog.models import (
    Credential,
    EntryPoint,
    ExitPoint,
    Occupation,
    PathwayComponent,
    SupportService,
)
from pathways.core.codes import CodeError, onet_soc_code
from pathways.navigation import nrs_table

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
REFERRAL_CATEGORIES = (
    SupportService.Category.CHILDCARE, SupportService.Category.TRANSPORTATION,
    SupportService.Category.TUTORING, SupportService.Category.BENEFITS,
    SupportService.Category.COUNSELING, SupportService.Category.CAREER_ADVISING,
    SupportService.Category.ACADEMIC_ADVISING, SupportService.Category.CASE_MANAGEMENT,
    SupportService.Category.MENTORING, SupportService.Category.JOB_PLACEMENT,
    SupportService.Category.EQUIPMENT, SupportService.Category.TECHNOLOGY_LENDING,
    SupportService.Category.FINANCIAL_LITERACY,
)


def not_in_future(value: date | None) -> date | None:
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("This date is in the future."))
    return value


def version_field() -> forms.IntegerField:
    """The version of the record the form was opened at (hidden): a save based on an older
    one is refused (``versions``)."""
    return forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class OccupationCodeField(forms.CharField):
    """An O*NET-SOC code such as 29-1141.00, checked against the loaded occupations."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            code = onet_soc_code(value.strip())
        except CodeError:
            raise forms.ValidationError(_("“%(code)s” is not an O*NET-SOC code like "
                                          "29-1141.00.") % {"code": value}) from None
        found = Occupation.objects.filter(code=code).first()
        if found is None:
            raise forms.ValidationError(_("No occupation %(code)s is loaded.") % {"code": code})
        return found


class ParticipantForm(forms.ModelForm):
    email = forms.EmailField(label=_("Email"), required=False, max_length=254)
    version = version_field()
    government_id = forms.CharField(
        label=_("Government identifier"), required=False, max_length=40,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=_("Only if a program needs it. Stored encrypted; never shown again. "
                    "Leave empty to keep what is on file."))

    class Meta:
        model = Participant
        fields = ["first_name", "last_name", "email", "phone", "date_of_birth",
                  "preferred_language", "government_id_kind", "government_id"]
        widgets = {"date_of_birth": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        today = timezone.localdate()
        age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        if not 14 <= age <= 110:
            raise forms.ValidationError(_("Check the date of birth: the person would be "
                                          "%(age)s years old.") % {"age": age})
        return born

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not re.fullmatch(r"[0-9 ()+.\-]{7,30}", phone):
            raise forms.ValidationError(_("Use digits, spaces and + ( ) - only."))
        return phone

    def clean(self):
        data = super().clean()
        kind, value = data.get("government_id_kind"), (data.get("government_id") or "").strip()
        if value and not kind:
            self.add_error("government_id_kind", _("Say what kind of identifier this is."))
        if kind == Participant.IdKind.SSN and value:
            digits = re.sub(r"[\s-]", "", value)
            if not re.fullmatch(r"\d{9}", digits):
                self.add_error("government_id", _("A Social Security number has 9 digits."))
            value = digits
        if not value and self.instance.pk:
            value = self.instance.government_id  # empty field keeps the identifier on file
        data["government_id"] = value
        return data


class AccountForm(forms.Form):
    username = forms.RegexField(label=_("Username"), max_length=150, regex=r"^[\w.@+-]+$",
                                error_messages={"invalid": _(
                                    "Use letters, digits and @ . + - _ only.")})
    password = forms.CharField(label=_("First password"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                               help_text=_("Give it to the participant in person; at least "
                                           "12 characters, not only digits. They choose their "
                                           "own at their first login."))


class AssessmentForm(forms.ModelForm):
    barriers = forms.MultipleChoiceField(label=_("Barriers to employment (WIOA Sec. 3(24))"),
                                         choices=BARRIER_CHOICES, required=False,
                                         widget=forms.CheckboxSelectMultiple)
    credentials_held = forms.ModelMultipleChoiceField(
        label=_("Credentials already held"), required=False,
        queryset=Credential.objects.order_by("name"), widget=forms.CheckboxSelectMultiple,
        help_text=_("Steps that award these are skipped in the plan."))
    version = version_field()

    class Meta:
        model = Assessment
        fields = ["assessed_on", "education", "highest_grade", "test", "test_score",
                  "tested_on", "english_level", "employment_status", "recent_hourly_wage",
                  "recent_weekly_hours", "barriers", "interests", "credentials_held"]
        widgets = {"assessed_on": DATE, "tested_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tests = nrs_table().tests
        self.fields["test"] = forms.ChoiceField(
            label=_("Basic skills test"), required=False,
            choices=[("", _("No test yet"))] + [(k, t.label) for k, t in tests.items()],
            help_text=_("The functioning level is worked out from the score (NRS table)."))
        self.fields["assessed_on"].initial = timezone.localdate()
        self.fields["version"].initial = self.instance.version

    def clean_assessed_on(self):
        return not_in_future(self.cleaned_data["assessed_on"])

    def clean_tested_on(self):
        return not_in_future(self.cleaned_data.get("tested_on"))

    def clean_interests(self):
        letters = self.cleaned_data.get("interests", "").strip().upper().replace(" ", "")
        if any(ch not in "RIASEC" for ch in letters) or len(set(letters)) != len(letters):
            raise forms.ValidationError(_("Use the letters R, I, A, S, E and C, each once."))
        return letters

    def clean(self):
        data = super().clean()
        test, score = data.get("test"), data.get("test_score")
        if test and score is None:
            self.add_error("test_score", _("Give the scale score of the test."))
        elif score is not None and not test:
            self.add_error("test", _("Say which test the score is from."))
        elif test and score is not None:
            from pathways.apps.cases.actions import derived_level

            try:
                data["efl"] = derived_level(test, score)
            except forms.ValidationError as exc:
                self.add_error("test_score", exc.message_dict["test_score"])
        if data.get("education") == 0 and data.get("highest_grade") is None:
            self.add_error("highest_grade", _("Without a diploma, give the highest grade "
                                              "completed (0 to 12)."))
        return data


class PriorJobForm(forms.Form):
    occupation = OccupationCodeField(label=_("Occupation (O*NET-SOC code)"), max_length=10,
                                     help_text=_("For example 31-1131.00"))
    employer = forms.CharField(label=_("Employer"), max_length=200, required=False)
    years = forms.DecimalField(label=_("Years"), min_value=0, max_value=60, decimal_places=1)


class PlanForm(forms.Form):
    goal = forms.ModelChoiceField(label=_("Goal: a job at the end of a pathway"),
                                  queryset=ExitPoint.objects.none(), required=False)
    goal_occupation = OccupationCodeField(
        label=_("Or a goal occupation (O*NET-SOC code)"), max_length=10, required=False,
        help_text=_("The quickest pathway to it that fits the person is chosen."))
    entry_point = forms.ModelChoiceField(label=_("Way in"), queryset=EntryPoint.objects.none(),
                                         required=False,
                                         empty_label=_("The recommended one"))
    next_step_due = forms.DateField(label=_("Next step due"), required=False, widget=DATE)
    notes = forms.CharField(label=_("Notes"), required=False, max_length=2000,
                            widget=forms.Textarea(attrs={"rows": 3}))
    version = version_field()

    def __init__(self, *args, pathways=None, **kwargs):
        super().__init__(*args, **kwargs)
        exits = ExitPoint.objects.filter(pathway__in=pathways).select_related(
            "pathway", "occupation").order_by("pathway__name", "position")
        self.fields["goal"].queryset = exits
        self.fields["goal"].label_from_instance = lambda e: f"{e.pathway.name}: {e.name}"
        entries = EntryPoint.objects.filter(pathway__in=pathways).select_related("pathway")
        self.fields["entry_point"].queryset = entries.order_by("pathway__name", "position")
        self.fields["entry_point"].label_from_instance = \
            lambda e: f"{e.pathway.name}: {e.name}"

    def clean(self):
        data = super().clean()
        goal, occupation = data.get("goal"), data.get("goal_occupation")
        if bool(goal) == bool(occupation) and not self.errors:
            raise forms.ValidationError(_("Choose a goal job, or give a goal occupation, "
                                          "not both."))
        entry = data.get("entry_point")
        if goal and entry and entry.pathway_id != goal.pathway_id:
            self.add_error("entry_point", _("This way in belongs to another pathway than "
                                            "the goal."))
        return data


def _components(pathway, kinds=None):
    found = PathwayComponent.objects.filter(pathway=pathway)
    if kinds:
        found = found.filter(component_type__in=kinds)
    return found.order_by("level__order", "position")


def _offer_employers(form, employers) -> None:
    """The partnership's employer partners first; the typed name stays as a fallback and
    for history (ADR 0047)."""
    field = form.fields["employer_organisation"]
    field.queryset = employers if employers is not None else Organisation.objects.none()
    field.help_text = _("Choose the employer if it is a partner, so its commitments count "
                        "this record.")


def _employer_text(data: dict, text_field: str) -> dict:
    """A chosen employer partner also fills the typed name, which keeps the history."""
    chosen = data.get("employer_organisation")
    if chosen is not None and not (data.get(text_field) or "").strip():
        data[text_field] = chosen.name
    return data


class MilestoneForm(forms.ModelForm):
    occupation = OccupationCodeField(label=_("Occupation (O*NET-SOC code)"), max_length=10,
                                     required=False)

    class Meta:
        model = Milestone
        fields = ["kind", "on", "component", "credential", "credential_kind",
                  "employer_organisation", "employer", "hourly_wage", "occupation",
                  "skill_gain", "source", "note"]
        widgets = {"on": DATE}
        labels = {"employer": _("Employer (if not a partner)")}

    def __init__(self, *args, pathway=None, employers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["component"].queryset = _components(pathway) if pathway \
            else PathwayComponent.objects.none()
        _offer_employers(self, employers)
        self.fields["credential"].queryset = Credential.objects.order_by("name")
        self.fields["on"].initial = timezone.localdate()

    def clean_on(self):
        return not_in_future(self.cleaned_data["on"])

    def clean(self):
        return _employer_text(super().clean(), "employer")


class ActivityForm(forms.ModelForm):
    class Meta:
        model = WorkActivity
        fields = ["kind", "component", "employer_organisation", "organisation", "started_on",
                  "ended_on", "hours", "outcome", "outcome_note"]
        widgets = {"started_on": DATE, "ended_on": DATE}
        labels = {"organisation": _("Employer or provider (if not a partner)")}

    def __init__(self, *args, pathway=None, employers=None, **kwargs):
        super().__init__(*args, **kwargs)
        _offer_employers(self, employers)
        self.fields["organisation"].required = False
        kinds = ["ceterms:WorkExperienceComponent", "ceterms:JobComponent"]
        self.fields["component"].queryset = _components(pathway, kinds) if pathway \
            else PathwayComponent.objects.none()

    def clean_started_on(self):
        return not_in_future(self.cleaned_data["started_on"])

    def clean_ended_on(self):
        return not_in_future(self.cleaned_data.get("ended_on"))

    def clean(self):
        data = _employer_text(super().clean(), "organisation")
        if not data.get("organisation") and "organisation" not in self.errors:
            self.add_error("organisation", _("Choose the employer partner or type the "
                                             "employer or provider."))
        return data


class ConsentForm(forms.ModelForm):
    class Meta:
        model = Consent
        fields = ["organisation", "purpose", "method", "given_on"]
        widgets = {"given_on": DATE}

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations
        self.fields["given_on"].initial = timezone.localdate()

    def clean_given_on(self):
        return not_in_future(self.cleaned_data["given_on"])


class ReferralForm(forms.ModelForm):
    """Where to refer the person (a support service, a program to enrol in, or an employer
    to interview with), under which consent. The organisation that receives it is the one
    offering the target: the action decides it, this form checks the consent matches."""

    draft = forms.BooleanField(label=_("Save as a draft: the partner does not see it until "
                                       "you send it"), required=False)

    class Meta:
        model = Referral
        fields = ["kind", "service", "program", "employer", "consent", "note",
                  "follow_up_due"]
        widgets = {"follow_up_due": DATE, "note": forms.Textarea(attrs={"rows": 3}),
                   "kind": forms.RadioSelect}
        help_texts = {
            "follow_up_due": _("The partner should answer and act by then; after it the "
                               "referral shows as overdue. Default: in two weeks."),
            "service": _("For help from a partner service."),
            "program": _("For enrolment in a program."),
            "employer": _("For an interview with an employer partner."),
        }

    def __init__(self, *args, participant=None, **kwargs):
        from pathways.apps.catalog.models import Program
        from pathways.apps.employers.models import EmployerProfile
        from pathways.apps.employers.queries import employer_choices_for

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Referral.Kind.choices  # no blank choice
        services = SupportService.objects.filter(
            category__in=REFERRAL_CATEGORIES, provider__organisation__isnull=False
        ).select_related("provider").order_by("name")
        self.fields["service"].queryset = services
        self.fields["service"].label_from_instance = \
            lambda s: f"{s.name} ({s.provider.name}, {s.get_category_display()})"
        self.fields["program"].queryset = Program.objects.filter(
            provider__organisation__isnull=False).select_related("provider").order_by("name")
        self.fields["program"].label_from_instance = lambda p: f"{p.name} ({p.provider.name})"
        employers = EmployerProfile.objects.select_related("organisation")
        if participant is not None:  # the employer partners of the person's partnerships
            employers = employers.filter(organisation__in=employer_choices_for(participant))
        self.fields["employer"].queryset = employers
        self.fields["consent"].queryset = Consent.objects.filter(
            participant=participant, withdrawn_on__isnull=True).select_related("organisation")
        self.fields["consent"].label_from_instance = \
            lambda c: f"{c.organisation.name}: {c.get_purpose_display()} ({c.given_on})"
        self.fields["follow_up_due"].required = False

    def clean_follow_up_due(self):
        due = self.cleaned_data.get("follow_up_due")
        if due and due < timezone.localdate():
            raise forms.ValidationError(_("The due date cannot be in the past."))
        return due

    def clean(self):
        data = super().clean()
        kind, consent = data.get("kind"), data.get("consent")
        for other in Referral.Kind.values:  # only the chosen kind's target is kept
            if other != kind:
                data[other] = None
        target = data.get(kind) if kind else None
        if kind and target is None and kind not in self.errors:
            self.add_error(kind, _("Choose the %(what)s to refer to.")
                           % {"what": Referral.Kind(kind).label.lower()})
        if target is not None and consent:
            organisation = (target.organisation if kind == Referral.Kind.EMPLOYER
                            else target.provider.organisation)
            if consent.organisation_id != organisation.pk:
                self.add_error("consent", _("The consent is for %(given)s, but the referral "
                                            "goes to %(needed)s. Record consent for "
                                            "%(needed)s.")
                               % {"given": consent.organisation, "needed": organisation})
        if not data.get("follow_up_due"):
            data.pop("follow_up_due", None)
        return data


class StatusForm(forms.Form):
    """A status change on the referral page, for one side: the statuses offered are the
    moves the table (``referral_flow``) gives that side from the status shown; ``expected``
    carries that status, so a change someone made since is refused, not overwritten."""

    status = forms.ChoiceField(label=_("New status"), widget=forms.RadioSelect)
    status_reason = forms.ChoiceField(
        label=_("Reason"), required=False,
        choices=[("", "–"), *Referral.Reason.choices],
        help_text=_("Needed to decline, put on hold, say it could not be done, cancel, or "
                    "mark as entered in error."))
    status_reason_note = forms.CharField(label=_("Reason, in your words"), required=False,
                                         max_length=300)
    expected = forms.ChoiceField(widget=forms.HiddenInput, choices=Referral.Status.choices)

    def __init__(self, *args, referral=None, side="", **kwargs):
        from pathways.apps.cases import referral_flow

        super().__init__(*args, **kwargs)
        current = referral.status if referral is not None else ""
        moves = referral_flow.moves_for(current, side) if side else list(
            Referral.Status.values)
        # Any status is accepted from the form: the action refuses a move the referral no
        # longer allows with a message that says why (someone changed it meanwhile); the
        # radios offer only the moves allowed now.
        self.fields["status"].choices = Referral.Status.choices
        self.fields["status"].widget.choices = [(m, Referral.Status(m).label) for m in moves]
        self.fields["expected"].initial = current
        self.has_moves = bool(moves)
        if side == referral_flow.RECEIVER:
            self.fields["delivered_on"] = forms.DateField(
                label=_("Done on (when the status is Done)"), widget=DATE, required=False,
                validators=[not_in_future])

    def clean(self):
        from pathways.apps.cases import referral_flow

        data = super().clean()
        to = data.get("status")
        if to in referral_flow.NEEDS_REASON and not data.get("status_reason"):
            self.add_error("status_reason", _("Choose a reason."))
        if data.get("status_reason") == Referral.Reason.OTHER \
                and not data.get("status_reason_note", "").strip():
            self.add_error("status_reason_note", _("Say why, in a few words."))
        return data


class FollowUpForm(forms.Form):
    followed_up_on = forms.DateField(label=_("Followed up on"), widget=DATE,
                                     validators=[not_in_future])
    outcome_note = forms.CharField(label=_("What the follow-up found"), max_length=500,
                                   widget=forms.Textarea(attrs={"rows": 3}))


def confirmation(label: str) -> forms.BooleanField:
    return forms.BooleanField(label=label, required=True, error_messages={
        "required": _("Tick the box to confirm.")})


class WithdrawForm(forms.Form):
    withdrawn_on = forms.DateField(label=_("Withdrawn on"), widget=DATE,
                                   validators=[not_in_future])
    confirm = confirmation(_("The participant has withdrawn this consent"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["withdrawn_on"].initial = timezone.localdate()


class EraseForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the records are erased"), max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the audit log: for example the request's reference and the "
                    "retention rule it meets. Do not write the person's name."))
    confirm = confirmation(_("I have checked the retention rule; this cannot be undone"))
