"""Pages of the cases app (all need a login; each view checks the role and the record)."""

from django.urls import path

from pathways.apps.cases import contact_views, views

app_name = "cases"
urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("participants/new/", views.intake, name="intake"),
    path("participants/<int:pk>/", views.participant, name="participant"),
    path("participants/<int:pk>/edit/", views.edit_participant, name="edit"),
    path("participants/<int:pk>/account/", views.account, name="account"),
    path("participants/<int:pk>/password/", views.temporary_password, name="password"),
    path("participants/<int:pk>/assessment/", views.assessment, name="assessment"),
    path("participants/<int:pk>/work-history/", views.prior_job, name="prior_job"),
    path("participants/<int:pk>/plan/", views.plan, name="plan"),
    path("participants/<int:pk>/milestones/new/", views.milestone, name="milestone"),
    path("participants/<int:pk>/activities/new/", views.activity, name="activity"),
    path("participants/<int:pk>/activities/<int:activity_id>/", views.activity,
         name="activity_edit"),
    path("participants/<int:pk>/consents/new/", views.consent, name="consent"),
    path("participants/<int:pk>/consents/<int:consent_id>/withdraw/", views.withdraw_consent,
         name="withdraw_consent"),
    path("participants/<int:pk>/erase/", views.erase, name="erase"),
    path("participants/<int:pk>/referrals/new/", views.refer, name="refer"),
    path("referrals/", views.referrals, name="referrals"),
    path("referrals/<int:pk>/", views.referral, name="referral"),
    path("referrals/<int:pk>/fhir/", views.referral_fhir, name="referral_fhir"),
    path("requests/", contact_views.contact_requests, name="contact_requests"),
    path("requests/<int:pk>/", contact_views.contact_request, name="contact_request"),
    path("requests/<int:pk>/enrol/", contact_views.enrol_from_request,
         name="enrol_from_request"),
    path("my-plan/", views.my_plan, name="my_plan"),
]
