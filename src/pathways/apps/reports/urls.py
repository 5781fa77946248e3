"""Pages of the reports app (all need a login)."""

app_name = "reports"
urlpatterns: list = []
