"""The optional second factor for staff who see participants: set up from the page's own
key, asked for after the password, required when the partnership says so. The codes are
computed here from RFC 6238, independently of django-otp."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import re
import struct
import time

import pytest
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice

from pathways.apps.accounts.models import AuditEntry

pytestmark = pytest.mark.django_db

SETUP, CODE = "/accounts/two-step/", "/accounts/two-step/code/"


def totp(secret_b32: str, at: float, step: int = 30, digits: int = 6) -> str:
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(at // step)), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 10 ** digits:0{digits}d}"


def sign_in(client, username: str) -> None:
    client.force_login(get_user_model().objects.get(username=username))


def shown_secret(page: str) -> str:
    return re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page)[1].replace(" ", "")


def forgive_wrong_codes() -> None:
    """As if the throttle's wait (1 s after one wrong code) had passed."""
    TOTPDevice.objects.update(
        throttling_failure_timestamp=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1))


def set_up(client, username: str = "navigator") -> str:
    sign_in(client, username)
    secret = shown_secret(client.get(SETUP).content.decode())
    answer = client.post(SETUP, {"code": totp(secret, time.time())})
    assert answer.status_code == 302, answer.content.decode()[-2000:]
    return secret


def test_setting_up_shows_the_key_as_text_and_as_a_qr_code_drawn_here(client):
    sign_in(client, "navigator")
    page = client.get(SETUP)
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    html = page.content.decode()
    secret = shown_secret(html)
    assert len(secret) == 32  # 160 bits
    svg = re.search(r"<svg [^>]*>", html)[0]
    assert 'role="img"' in svg and 'class="qr"' in svg
    assert "style=" not in html and "<img" not in html
    device = TOTPDevice.objects.get(user__username="navigator")
    assert not device.confirmed  # nothing is required until a first code works
    assert base64.b32encode(device.bin_key).decode().rstrip("=") == secret


def test_a_wrong_code_is_refused_and_audited_and_the_right_one_turns_it_on(client):
    sign_in(client, "navigator")
    secret = shown_secret(client.get(SETUP).content.decode())
    wrong = client.post(SETUP, {"code": "000000" if totp(secret, time.time()) != "000000"
                                else "111111"})
    assert wrong.status_code == 400 and "That code is not right" in wrong.content.decode()
    assert AuditEntry.objects.filter(action="accounts.second_factor_failed").exists()
    too_soon = client.post(SETUP, {"code": totp(secret, time.time())})
    assert "Too many wrong codes" in too_soon.content.decode()  # the throttle
    forgive_wrong_codes()
    answer = client.post(SETUP, {"code": totp(secret, time.time())})
    assert answer.status_code == 302
    assert TOTPDevice.objects.get(user__username="navigator").confirmed
    entry = AuditEntry.objects.filter(action="accounts.second_factor_on").latest("pk")
    assert entry.actor.username == "navigator" and secret not in str(entry.changes)
    assert client.get("/cases/").status_code == 200  # this session gave its code


def test_the_next_login_asks_for_a_code_before_any_page(client):
    secret = set_up(client)
    client.post("/accounts/logout/")
    answer = client.post("/accounts/login/", {"username": "navigator",
                                              "password": "pathways-demo", "next": "/cases/"})
    assert answer.status_code == 302 and answer["Location"] == "/cases/"
    asked = client.get("/cases/")
    assert asked.status_code == 302 and asked["Location"] == f"{CODE}?next=%2Fcases%2F"
    assert client.get("/").status_code == 302  # every page, public ones included
    page = client.get(asked["Location"])
    assert "One more step" in page.content.decode()
    # The code of the set-up cannot be used twice: the app's next one is.
    answer = client.post(CODE, {"code": totp(secret, time.time() + 30), "next": "/cases/"})
    assert answer.status_code == 302 and answer["Location"] == "/cases/"
    assert client.get("/cases/").status_code == 200
    assert AuditEntry.objects.filter(action="accounts.second_factor").exists()


def test_a_code_is_not_accepted_twice(client):
    secret = set_up(client)
    used = totp(secret, time.time())
    client.post("/accounts/logout/")
    client.post("/accounts/login/", {"username": "navigator", "password": "pathways-demo"})
    answer = client.post(CODE, {"code": used})
    assert answer.status_code == 400
    assert client.get("/cases/").status_code == 302


def test_turning_it_off_needs_a_code(client):
    secret = set_up(client)
    refused = client.post(SETUP, {"code": "12345"})
    assert refused.status_code == 400 and TOTPDevice.objects.filter(confirmed=True).exists()
    forgive_wrong_codes()
    assert client.post(SETUP, {"code": totp(secret, time.time() + 30)}).status_code == 302
    assert not TOTPDevice.objects.filter(user__username="navigator").exists()
    assert AuditEntry.objects.filter(action="accounts.second_factor_off").exists()


def test_when_required_case_staff_set_it_up_before_they_see_participants(client, settings):
    settings.PATHWAYS_REQUIRE_OTP_FOR_CASE_STAFF = True
    sign_in(client, "navigator")
    answer = client.get("/cases/")
    assert answer.status_code == 302 and answer["Location"] == f"{SETUP}?next=%2Fcases%2F"
    page = client.get(answer["Location"]).content.decode()
    assert "requires two-step login" in page
    secret = shown_secret(page)
    done = client.post(SETUP, {"code": totp(secret, time.time()), "next": "/cases/"})
    assert done.status_code == 302 and done["Location"] == "/cases/"
    assert client.get("/cases/").status_code == 200
    # ...and may not turn it off.
    page = client.get(SETUP).content.decode()
    assert "cannot be turned off" in page
    client.post(SETUP, {"code": totp(secret, time.time() + 30)})
    assert TOTPDevice.objects.filter(user__username="navigator", confirmed=True).exists()


def test_when_required_others_are_not_asked(client, settings):
    settings.PATHWAYS_REQUIRE_OTP_FOR_CASE_STAFF = True
    sign_in(client, "editor")
    assert client.get("/").status_code == 200
    assert client.get(SETUP).status_code == 403  # not for a role without participants


def test_the_profile_knows_of_a_confirmed_device_whoever_changes_it(django_user_model):
    """Every page reads the flag from the profile; confirming or deleting a device (in the
    set-up page or the admin) keeps it in step."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from pathways.apps.accounts.models import Profile
    from pathways.apps.accounts.twofactor import has_device

    user = django_user_model.objects.get(username="navigator")
    assert not Profile.objects.get(user=user).has_second_factor
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=False)
    assert not Profile.objects.get(user=user).has_second_factor
    device.confirmed = True
    device.save()
    user = django_user_model.objects.get(pk=user.pk)
    assert Profile.objects.get(user=user).has_second_factor and has_device(user)
    device.delete()
    user = django_user_model.objects.get(pk=user.pk)
    assert not has_device(user)


@pytest.mark.parametrize("wanted", ["²", "home", "cases:caseload", "//evil.example/",
                                    "https://evil.example/"])
def test_a_next_that_is_not_a_path_of_this_site_goes_home(client, wanted):
    """A bare word was taken by redirect() for a view's name: a 500, found by the forms
    fuzz sweep."""
    client.force_login(get_user_model().objects.get(username="navigator"))
    response = client.get("/accounts/two-step/code/", {"next": wanted})
    assert response.status_code == 302 and response["Location"] == "/"
