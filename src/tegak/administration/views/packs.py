"""Rule packs: load one shipped with Tegak or one another agency shared, export this instansi's."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from tegak.administration.views.common import chosen, page
from tegak.core.errors import InputError
from tegak.law import packs as law_packs
from tegak.law import services, stored
from tegak.law.models import PackImport

MAX_PACK_BYTES = 2 * 1024 * 1024


class PackUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Rule pack file"), help_text=gettext_lazy("JSON or TOML, up to 2 MB.")
    )
    default_schedule = forms.CharField(
        label=gettext_lazy("Make this schedule of the pack the default"),
        max_length=64,
        required=False,
    )


@require_http_methods(["GET", "POST"])
def packs_view(request: HttpRequest, code: str) -> HttpResponse:
    """Shipped packs with their evidence, an upload, the export and the import history."""
    instansi = chosen(request, code)
    action = request.POST.get("action", "")
    upload = PackUploadForm(
        request.POST if action == "upload" else None, request.FILES if action == "upload" else None
    )
    errors: list[dict[str, str]] = []
    try:
        if action == "shipped":
            name = request.POST.get("name", "")
            text = law_packs.shipped_text(name)
            record = services.pack_import(
                actor=request.user,
                instansi=instansi,
                text=text,
                file_name=name,
                default_schedule=request.POST.get("default_schedule", ""),
            )
            messages.success(request, _imported(record))
            return redirect("administration:packs", instansi.code)
        if action == "upload" and upload.is_valid():
            handle = upload.cleaned_data["file"]
            if handle.size > MAX_PACK_BYTES:
                raise InputError("file", _("The file is larger than 2 MB."))
            try:
                text = handle.read().decode("utf-8")
            except UnicodeDecodeError:
                raise InputError("file", _("The file is not UTF-8 text.")) from None
            record = services.pack_import(
                actor=request.user,
                instansi=instansi,
                text=text,
                file_name=handle.name,
                default_schedule=upload.cleaned_data["default_schedule"],
            )
            messages.success(request, _imported(record))
            return redirect("administration:packs", instansi.code)
    except KeyError:
        raise Http404 from None
    except PermissionDenied:
        raise Http404 from None
    except InputError as error:
        errors.append({"field": error.field, "message": error.message})
    return page(
        request,
        instansi,
        "administration/packs.html",
        {
            "shipped": law_packs.shipped_summaries(),
            "upload": upload,
            "errors": errors,
            "imports": PackImport.objects.filter(instansi=instansi).select_related("imported_by"),
        },
        section="packs",
        status=400 if errors else 200,
    )


def _imported(record: PackImport) -> str:
    summary = record.summary
    text = _(
        "Imported: %(schedules)s new schedules, %(versions)s schedule versions, %(periods)s "
        "Ramadan periods, %(days)s calendar days, %(rules)s rule versions."
    ) % {
        "schedules": summary.get("schedules", 0),
        "versions": summary.get("versions", 0),
        "periods": summary.get("ramadan_periods", 0),
        "days": summary.get("days", 0),
        "rules": summary.get("rules", 0),
    }
    if summary.get("adopted_from"):
        text += " " + _(
            "The pack was written for %(source)s; its rules now carry this instansi's code."
        ) % {"source": summary["adopted_from"]}
    return text


@require_http_methods(["GET"])
def pack_export_view(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    """This instansi's schedules, days and rules as one rule pack file."""
    instansi = chosen(request, code)
    if fmt not in {"json", "toml"}:
        raise Http404
    document = stored.pack_document(instansi)
    text = law_packs.dump(document, fmt=fmt)
    response = HttpResponse(
        text,
        content_type="application/json" if fmt == "json" else "application/toml",
    )
    response["Content-Disposition"] = f'attachment; filename="{instansi.code}.{fmt}"'
    return response
