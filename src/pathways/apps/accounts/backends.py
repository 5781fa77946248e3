"""Signing in with a username and password, and reading the signed-in person back.

Every page reads the person's role and organisation (``roles.role_of``, the queries of
each app); loading the profile and organisation with the user saves two queries a request.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class ProfileBackend(ModelBackend):
    """Django's model backend, with the Pathways profile read in the same query."""

    def get_user(self, user_id: Any) -> Any:
        users = get_user_model()._default_manager
        try:
            user = users.select_related("pathways_profile__organisation").get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


__all__ = ["ProfileBackend"]
