"""Pages of the quality app (all need a login)."""

app_name = "quality"
urlpatterns: list = []
