"""Pages of the cases app (all need a login)."""

app_name = "cases"
urlpatterns: list = []
