"""A password validator for the predictable passwords people choose at work (#12 item 9).

Django's validators let `sukamaju2026` through (long enough, not in the common list, not all
digits). This one refuses a single word followed or preceded by a number (a place, the agency or a
name plus a year), and passwords with few different characters.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_WORD_AND_NUMBER = re.compile(r"^(?:[^\W\d_]+\d+|\d+[^\W\d_]+)[!.?]?$")


class PredictablePasswordValidator:
    """Refuse word+number passwords and passwords of fewer than 6 different characters."""

    def validate(self, password: str, user: Any = None) -> None:
        if _WORD_AND_NUMBER.match(password) or len(set(password.lower())) < 6:
            raise ValidationError(
                _(
                    "This password is too easy to guess (a word with a number, or few "
                    "different characters). Use several words or a longer mix."
                ),
                code="password_predictable",
            )

    def get_help_text(self) -> str:
        return _("Not a single word with a number (such as a place and a year).")
