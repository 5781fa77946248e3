"""The optional second factor: a time-based one-time code (TOTP, RFC 6238) from an app on
the person's phone, kept by django-otp.

Anyone who has confirmed a device is asked for a code after their password, on every new
session. Staff who can see participants may set one up; with
``PATHWAYS_REQUIRE_OTP_FOR_CASE_STAFF`` on they must, before they open anything else.
"""

from __future__ import annotations

from typing import Any

import segno
from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from pathways.apps.accounts.roles import user_can

CASE_PERMISSIONS = ("cases.view_participants", "cases.view_all_participants")
DEVICE_NAME = "Authenticator app"


def sees_participants(user: Any) -> bool:
    """Staff whose role opens participants' records (the idle timeout and the second
    factor are about them)."""
    return any(user_can(user, p) for p in CASE_PERMISSIONS)


def has_device(user: Any) -> bool:
    """Whether the person has confirmed a device: read from their profile, which every
    page already has (``device_changed`` keeps it in step), else asked of django-otp."""
    profile = getattr(user, "pathways_profile", None)
    if profile is not None:
        return profile.has_second_factor
    return user_has_device(user, confirmed=True)


def device_changed(sender: Any, instance: TOTPDevice, **_signal: Any) -> None:
    """A device was confirmed, changed or deleted (by its owner, or an administrator in the
    admin): the profile's flag follows."""
    from pathways.apps.accounts.models import Profile

    Profile.objects.filter(user_id=instance.user_id).update(
        has_second_factor=user_has_device(instance.user, confirmed=True))


def is_verified(user: Any) -> bool:
    return bool(getattr(user, "is_verified", lambda: False)())


def must_set_up(user: Any) -> bool:
    """The setting is on and this member of staff sees participants but has no device."""
    return (settings.PATHWAYS_REQUIRE_OTP_FOR_CASE_STAFF and sees_participants(user)
            and not has_device(user))


def pending_device(user: Any) -> TOTPDevice:
    """The device being set up (not yet confirmed by a first code), made on first ask."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def confirmed_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def secret_text(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, as apps ask for it when typed in."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice, label: str) -> SafeString:
    """The otpauth:// address as a QR code, drawn here as inline SVG (no image service
    sees the secret, and no inline style: the page's CSP allows none)."""
    code = segno.make(device.config_url, error="m")
    svg = code.svg_inline(scale=4, title=label, svgclass="qr", lineclass=None)
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ',  # noqa: S308
                                 1))


__all__ = ["CASE_PERMISSIONS", "confirmed_device", "has_device", "is_verified",
           "must_set_up", "pending_device", "qr_svg", "secret_text", "sees_participants"]
