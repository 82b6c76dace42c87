"""Electronic signatures of the instansi: the certificates (PKCS#12 from BSrE, or a key on a
PKCS#11 token) its signers and units sign letters with. A file's key, or a token's PIN, is
sealed by the documents service; this page never shows it."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from tegak.administration.views.common import chosen, page, show_error
from tegak.core.errors import InputError
from tegak.core.words import shown_date
from tegak.documents import access, signatures
from tegak.documents.models import SigningCertificate
from tegak.people.models import Employee, Instansi, OrgUnit


class _SignsForForm(forms.Form):
    """Whose letters the key signs: a signer by number, or a unit's seal."""

    employee = forms.CharField(
        label=gettext_lazy("Signer's NIP (or registration number)"),
        max_length=40,
        required=False,
        help_text=gettext_lazy(
            "The official whose letters are signed with this certificate. Leave empty for a "
            "unit's seal."
        ),
    )
    unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), required=False)

    def __init__(self, *args: object, instansi: Instansi, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.instansi = instansi
        self.fields["unit"] = forms.ModelChoiceField(
            label=gettext_lazy("Or: the unit whose seal this is"),
            queryset=OrgUnit.objects.filter(instansi=instansi, active=True).order_by("code"),
            required=False,
            empty_label=gettext_lazy("— not a unit seal —"),
            help_text=gettext_lazy(
                "Letters of this unit whose signer has no certificate of their own are signed "
                "with the unit's seal."
            ),
        )

    def clean_employee(self) -> Employee | None:
        number = "".join(self.cleaned_data["employee"].split())
        if not number:
            return None
        employee = Employee.objects.filter(instansi=self.instansi, nip=number).first()
        if employee is None:
            raise forms.ValidationError(_("No employee of this instansi has this number."))
        return employee


class SigningCertificateForm(_SignsForForm):
    file = forms.FileField(
        label=gettext_lazy("Certificate file (.p12 or .pfx)"),
        help_text=gettext_lazy(
            "The PKCS#12 file the certification authority (BSrE) issued, holding the key and "
            "the certificate."
        ),
    )
    passphrase = forms.CharField(
        label=gettext_lazy("Passphrase of the file"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=gettext_lazy("Used once to open the file; it is not stored."),
    )


class SigningTokenForm(_SignsForForm):
    """A key on a PKCS#11 token (smart card, USB token, HSM) that stays on the token."""

    module = forms.ChoiceField(
        label=gettext_lazy("PKCS#11 module"),
        help_text=gettext_lazy(
            "The token's library on this server; the operator lists the ones allowed "
            "(TEGAK_PKCS11_MODULES)."
        ),
    )
    token_label = forms.CharField(label=gettext_lazy("Token label"), max_length=64)
    key_label = forms.CharField(
        label=gettext_lazy("Key label"),
        max_length=120,
        required=False,
        help_text=gettext_lazy("The label of the private key and its certificate on the token."),
    )
    key_id = forms.CharField(
        label=gettext_lazy("Key ID (hexadecimal)"),
        max_length=128,
        required=False,
        help_text=gettext_lazy("Instead of the label, or with it when several keys share one."),
    )
    pin = forms.CharField(
        label=gettext_lazy("User PIN of the token"),
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=gettext_lazy(
            "Kept encrypted under this instansi's key, to open the token for each letter; "
            "never shown again."
        ),
    )

    def __init__(self, *args: object, instansi: Instansi, **kwargs: object) -> None:
        super().__init__(*args, instansi=instansi, **kwargs)
        module = self.fields["module"]
        assert isinstance(module, forms.ChoiceField)
        module.choices = [(path, path) for path in settings.PKCS11_MODULES]


@require_http_methods(["GET", "POST"])
def signing_view(request: HttpRequest, code: str) -> HttpResponse:
    """The certificates in use for electronic signatures, and the upload of a new one."""
    instansi = chosen(request, code)
    action = request.POST.get("action", "")
    form = SigningCertificateForm(
        request.POST if action == "upload" else None,
        request.FILES if action == "upload" else None,
        instansi=instansi,
    )
    token_form = SigningTokenForm(request.POST if action == "token" else None, instansi=instansi)
    try:
        if action == "token" and token_form.is_valid():
            # The form's fields are the service's arguments: signer or unit, module, token
            # label, key label and ID, PIN.
            row = signatures.signing_token_configure(
                actor=request.user, instansi=instansi, **token_form.cleaned_data
            )
            messages.success(
                request,
                _(
                    "The key on token %(token)s signs with the certificate of %(holder)s, "
                    "valid until %(date)s."
                )
                % {
                    "token": row.token_label,
                    "holder": row.subject,
                    "date": shown_date(row.valid_until.date()),
                },
            )
            return redirect("administration:signing", instansi.code)
        if action == "upload" and form.is_valid():
            data = form.cleaned_data
            row = signatures.signing_certificate_upload(
                actor=request.user,
                instansi=instansi,
                upload=data["file"],
                passphrase=data["passphrase"],
                employee=data["employee"],
                unit=data["unit"],
            )
            messages.success(
                request,
                _("The certificate of %(holder)s is in use, valid until %(date)s.")
                % {"holder": row.subject, "date": shown_date(row.valid_until.date())},
            )
            return redirect("administration:signing", instansi.code)
        if action == "deactivate":
            row = access.active_certificate_for(
                request.user, instansi, request.POST.get("certificate")
            )
            signatures.signing_certificate_deactivate(actor=request.user, certificate=row)
            messages.success(
                request,
                _("The certificate is no longer used; signed letters keep their signature."),
            )
            return redirect("administration:signing", instansi.code)
    except (InputError, PermissionDenied) as error:
        show_error(token_form if action == "token" else form, error)
    rows = SigningCertificate.objects.filter(instansi=instansi).select_related("employee", "unit")
    return page(
        request,
        instansi,
        "administration/signing.html",
        {
            "form": form,
            "token_form": token_form,
            "token_modules": settings.PKCS11_MODULES,
            "active": [row for row in rows if row.active],
            "past": [row for row in rows if not row.active][:20],
            "public_url": settings.PUBLIC_URL,
        },
        section="signing",
        status=400 if form.errors or token_form.errors else 200,
    )
