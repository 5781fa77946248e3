from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from pathways.apps.accounts.rules import signed_in
from pathways.apps.accounts.views import LoginView
from pathways.apps.catalog import views as catalog_views

urlpatterns = [
    # Named without a namespace: LOGIN_REDIRECT_URL and LOGOUT_REDIRECT_URL say "home".
    path("", catalog_views.home, name="home"),
    path("", include("pathways.apps.catalog.urls")),
    path("quality/", include("pathways.apps.quality.urls")),
    path("partnership/", include("pathways.apps.partnership.urls")),
    path("cases/", include("pathways.apps.cases.urls")),
    path("find/", include("pathways.apps.finder.urls")),
    path("talk-to-a-navigator/", include("pathways.apps.cases.public_urls")),
    path("measures/", include("pathways.apps.reports.urls")),
    path("measures/", include("pathways.apps.linking.urls")),
    path("jobs/", include("pathways.apps.jobs.urls")),
    path("employers/", include("pathways.apps.employers.urls")),
    path("funding/", include("pathways.apps.funding.urls")),
    path("workspace/import/", include("pathways.apps.exchange.urls")),
    path("workspace/directory/", include("pathways.apps.directory.urls")),
    path("workspace/", include("pathways.apps.workspace.urls")),
    path("accounts/login/", LoginView.as_view(), name="login"),
    path("accounts/logout/", signed_in(auth_views.LogoutView.as_view()), name="logout"),
    path("accounts/", include("pathways.apps.accounts.urls")),
    # Public pages offer a language switch, so anyone may set their language. It carries
    # no CSRF token (a forged switch changes only a language cookie), so public pages stay
    # the same for every anonymous visitor and can be kept (pathways.web.pagecache).
    path("i18n/setlang/", login_not_required(csrf_exempt(set_language)), name="set_language"),
    path("admin/", admin.site.urls),
]
