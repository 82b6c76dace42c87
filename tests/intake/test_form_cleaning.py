"""The public form's values cleaned without making the form (forms.clean_without_form) are the
form's own: the same values when it is valid, nothing when it is not (the form then shows why)."""

from __future__ import annotations

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.datastructures import MultiValueDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tegak.intake.forms import PublicReportForm, clean_without_form
from tegak.people.models import Instansi

pytestmark = pytest.mark.django_db


def _post(agency: Instansi, **changes: object) -> MultiValueDict:
    values: dict[str, object] = {
        "instansi": str(agency.pk),
        "description": "Petugas meminta uang di luar tarif resmi.",
        "accused_text": "Petugas loket",
        "occurred_on": "2025-10-01",
        "occurred_time": "10:00",
        "occurred_timezone": "WIB",
        "reporter_mode": "anonymous",
        "submission_token": "abc",
    }
    values.update(changes)
    data = MultiValueDict()
    for key, value in values.items():
        if value is not None:
            data.setlist(key, value if isinstance(value, list) else [value])
    return data


def _files(count: int) -> MultiValueDict:
    files = MultiValueDict()
    files.setlist(
        "files",
        [SimpleUploadedFile(f"foto{n}.jpg", b"\xff\xd8\xff" + bytes(20)) for n in range(count)],
    )
    return files


def _same_as_the_form(data: MultiValueDict, files: MultiValueDict) -> dict | None:
    form = PublicReportForm(data, files)
    valid = form.is_valid()
    quick = clean_without_form(PublicReportForm, data, files)
    if not valid:
        assert quick is None, form.errors
        return None
    assert quick is not None
    assert quick.keys() == form.cleaned_data.keys()
    for name, value in form.cleaned_data.items():
        if name == "instansi":
            assert quick[name].pk == value.pk
            # Read with its clock settings, as the form's own field reads it.
            assert Instansi.intake_settings.is_cached(quick[name])
        else:
            assert quick[name] == value, name
    return quick


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"summary": "s" * 200},
        {"summary": "s" * 201},
        {"location": "  Kantor Camat  "},
        {"occurred_timezone": "WITA"},
        {"occurred_timezone": "UTC"},
        {"reporter_mode": "open", "name": "Rina", "email": "rina@contoh.id"},
        {"reporter_mode": "spy"},
        {"instansi": "abc"},
        {"instansi": "999999"},
        {"instansi": ""},
        {"instansi": None},
        {"instansi": ["1", "2"]},
        {"description": "null\x00char"},
        {"name": "n" * 301},
        {"notice_contact": "x" * 121},
        {"links": "https://contoh.id/video\nhttps://contoh.id/2"},
    ],
)
def test_the_same_answer_as_the_form(instansi, changes):
    _same_as_the_form(_post(instansi, **changes), _files(0))


@pytest.mark.parametrize("count", [1, 3])
def test_files_are_the_forms_files(instansi, count):
    quick = _same_as_the_form(_post(instansi), _files(count))
    assert quick is not None and [item.name for item in quick["files"]] == [
        f"foto{n}.jpg" for n in range(count)
    ]


# The agency is only read: the same row for every example.
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    summary=st.text(max_size=260),
    timezone=st.sampled_from(["WIB", "WITA", "WIT", "", "wib", "GMT"]),
    mode=st.sampled_from(["anonymous", "confidential", "open", "", "x"]),
    name=st.text(max_size=320),
)
def test_any_typed_values_get_the_forms_answer(instansi, summary, timezone, mode, name):
    data = _post(instansi, summary=summary, occurred_timezone=timezone, reporter_mode=mode)
    data["name"] = name
    _same_as_the_form(data, _files(0))


def test_a_form_that_cleans_more_is_refused():
    class WithOwnCheck(forms.Form):
        code = forms.CharField()

        def clean_code(self) -> str:
            return self.cleaned_data["code"].upper()

    with pytest.raises(TypeError):
        clean_without_form(WithOwnCheck, {"code": "a"}, {})
