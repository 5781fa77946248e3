"""A person's own account. Named without a namespace: Django's password views and mail
templates reverse these names (``password_reset_confirm`` ...)."""

from django.urls import path

from pathways.apps.accounts import views

urlpatterns = [
    path("password/", views.password_change, name="password_change"),
    path("password/reset/", views.password_reset, name="password_reset"),
    path("password/reset/sent/", views.password_reset_done, name="password_reset_done"),
    path("password/reset/<uidb64>/<token>/", views.password_reset_confirm,
         name="password_reset_confirm"),
    path("password/reset/done/", views.password_reset_complete,
         name="password_reset_complete"),
    path("two-step/", views.two_factor, name="two_factor"),
    path("two-step/code/", views.two_factor_verify, name="two_factor_verify"),
]
