"""Pages of the quality app (all need a login)."""

from django.urls import path

from pathways.apps.quality.views import partnership, plans, results, rounds, workshop

app_name = "quality"
urlpatterns = [
    path("", partnership.home, name="home"),
    path("p/<int:pk>/", partnership.partnership, name="partnership"),
    path("p/<int:pk>/rounds/new/", partnership.open_round, name="open_round"),
    path("p/<int:pk>/frameworks/", partnership.frameworks, name="frameworks"),
    path("p/<int:pk>/frameworks/<int:version_id>/", partnership.framework, name="framework"),
    path("p/<int:pk>/actions/", plans.action_list, name="actions"),
    path("p/<int:pk>/actions/new/", plans.new_action, name="new_action"),
    path("actions/<int:pk>/", plans.action_page, name="action"),
    path("rounds/<int:pk>/", rounds.round_page, name="round"),
    path("rounds/<int:pk>/rate/<str:criterion>/", rounds.rate, name="rate"),
    path("rounds/<int:pk>/close/", rounds.close_round, name="close_round"),
    path("rounds/<int:pk>/ratings/", rounds.ratings, name="ratings"),
    path("rounds/<int:pk>/ratings.csv", rounds.ratings_csv, name="ratings_csv"),
    path("rounds/<int:pk>/results/", results.results, name="results"),
    path("rounds/<int:pk>/results.csv", results.results_csv, name="results_csv"),
    path("rounds/<int:pk>/workshop/", workshop.workshop, name="workshop"),
    path("rounds/<int:pk>/workshop/setup/", workshop.workshop_setup, name="workshop_setup"),
    path("rounds/<int:pk>/workshop/seats/", workshop.workshop_seats, name="workshop_seats"),
    path("rounds/<int:pk>/workshop/timer/", workshop.workshop_timer, name="workshop_timer"),
    path("rounds/<int:pk>/workshop/state.json", workshop.workshop_state,
         name="workshop_state"),
    path("rounds/<int:pk>/workshop/report-out/", workshop.report_out, name="report_out"),
    path("tables/<int:pk>/", workshop.table, name="table"),
]
