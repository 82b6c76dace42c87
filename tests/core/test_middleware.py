"""`tegak.core.middleware`: what a signed-in user's answers say to caches."""

from __future__ import annotations

import pytest
from django.http import HttpResponse

from tegak.core.middleware import mark_not_stored


@pytest.mark.parametrize(
    ("view_said", "sent"),
    [
        pytest.param(None, "no-store, private", id="nothing-set"),
        pytest.param("public, max-age=300", "no-store, private", id="public-replaced"),
        pytest.param("max-age=0, no-cache", "no-store, private", id="no-cache-is-not-enough"),
        pytest.param("no-store", "no-store, private", id="no-store-kept-private-added"),
        pytest.param(
            "max-age=0, no-cache, no-store, must-revalidate, private",
            "max-age=0, no-cache, no-store, must-revalidate, private",
            id="never-cache-kept",
        ),
        pytest.param("public, no-store", "no-store, private", id="public-dropped"),
    ],
)
def test_a_signed_in_users_answer_is_never_stored(view_said, sent):
    response = HttpResponse("x")
    if view_said is not None:
        response["Cache-Control"] = view_said
    mark_not_stored(response)
    assert response["Cache-Control"] == sent
