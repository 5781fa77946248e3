"""Words for the finder's results: engine reasons, dollars, liked areas."""

from __future__ import annotations

from django import template

from pathways.apps.cases.planview import say as say_reason
from pathways.apps.finder.forms import like_labels
from pathways.navigation import Reason

register = template.Library()


@register.filter
def say(reason: Reason) -> str:
    """A reason in the reader's language."""
    return say_reason(reason)


@register.filter
def dollars(amount) -> str:
    """$1,200: whole dollars with thousands separated."""
    if amount is None:
        return ""
    return f"${int(amount):,}"


@register.filter
def liked_words(letters) -> str:
    """RIASEC letters in the plain words the form used for them."""
    labels = like_labels()
    return "; ".join(str(labels[k]) for k in letters if k in labels)
