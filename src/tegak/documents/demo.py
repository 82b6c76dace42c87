"""Demo data: letter numbering for Kota Sukamaju, and the documents of its demo cases.

Idempotent: schemes are set in place, and a document whose step already has one is left alone.
"""

from __future__ import annotations

import secrets
from typing import Any, TextIO

from django.core.exceptions import PermissionDenied
from django.db import transaction

from tegak.core.errors import InputError
from tegak.documents.kinds import KINDS, SERIES
from tegak.documents.models import NumberingScheme
from tegak.people.models import Instansi

DEMO_INSTANSI_CODE = "kota-sukamaju"


def load(out: TextIO) -> None:
    """Set numbering for the demo instansi; issue documents for demo case steps that exist."""
    instansi = Instansi.objects.filter(code=DEMO_INSTANSI_CODE).first()
    if instansi is None:
        return
    with transaction.atomic():
        # Each letter carries the code of the unit that issues it (its own register).
        for kind in KINDS.values():
            NumberingScheme.objects.update_or_create(
                instansi=instansi,
                unit=None,
                kind=kind.code,
                defaults={
                    "series": kind.series,
                    "pattern": SERIES[kind.series][1],
                    "classification": "800",
                    "unit_code": "",
                },
            )
    seals = _demo_signing_certificates(instansi)
    issued = _issue_demo_documents(instansi)
    out.write(f"Documents: numbering set for {len(KINDS)} kinds, {issued} documents issued\n")
    if seals:
        out.write(
            f"Electronic signatures: a demo certificate authority (not BSrE) and {seals} unit "
            "seals; issued letters are signed, their QR codes open /verifikasi/<token>/, and "
            "the authority's certificate is at /verifikasi/ca.pem\n"
        )


def _demo_signing_certificates(instansi: Instansi) -> int:
    """A demo certificate authority and one seal per issuing unit (perangkat daerah and the top
    unit), uploaded through the administrator's service as an agency would upload its BSrE
    PKCS#12 files, so the demo signs what it issues and the verification page works offline.
    Nothing is done when the instansi already has a certificate in use."""
    from tegak.accounts.models import RoleAssignment
    from tegak.core.access import Role
    from tegak.documents import authority
    from tegak.documents.models import SigningCertificate
    from tegak.documents.numbering import issuing_unit
    from tegak.documents.signatures import signing_certificate_upload
    from tegak.people.models import OrgUnit

    if SigningCertificate.objects.filter(instansi=instansi, active=True).exists():
        return 0
    holder = (
        RoleAssignment.objects.filter(instansi=instansi, role=Role.ADMINISTRATOR)
        .select_related("user")
        .first()
    )
    if holder is None:
        return 0
    units = {
        issuing.pk: issuing
        for unit in OrgUnit.objects.filter(instansi=instansi)
        if (issuing := issuing_unit(unit)) is not None
    }
    ca = authority.make_authority(f"Tegak Demo CA - {instansi.name}"[:64])
    passphrase = secrets.token_urlsafe(16)  # only carries the file from maker to upload
    for unit in units.values():
        seal = authority.make_signer(
            ca, name=unit.name[:64], organisation=instansi.name, unit=unit.name
        )
        signing_certificate_upload(
            actor=holder.user,
            instansi=instansi,
            upload=authority.pkcs12_file(seal, passphrase=passphrase, chain=[ca.certificate]),
            passphrase=passphrase,
            unit=unit,
        )
    return len(units)


def _issue_demo_documents(instansi: Instansi) -> int:
    from tegak.cases.models import Accused, CaseHandler, HandlerRole
    from tegak.documents.context import CASE_KINDS, StepMissing, build_context
    from tegak.documents.models import IssuedDocument
    from tegak.documents.services import document_issue_for_case

    count = 0
    for accused in Accused.objects.filter(case__instansi=instansi).select_related("case"):
        handler = (
            CaseHandler.objects.filter(
                case=accused.case, role=HandlerRole.AUTHORISED_OFFICIAL, active=True
            )
            .select_related("user")
            .first()
        )
        if handler is None:
            continue
        for kind in CASE_KINDS:
            try:
                built = build_context(accused, kind)
            except StepMissing:
                continue
            exists = IssuedDocument.objects.filter(
                kind=kind,
                subject_type=built.step._meta.label_lower,
                subject_id=str(built.step.pk),
            ).exists()
            if exists:
                continue
            try:
                document_issue_for_case(
                    actor=_signer_account(accused.case, built.signer_id) or handler.user,
                    accused=accused,
                    kind=kind,
                )
            except (InputError, PermissionDenied):
                continue
            count += 1
    return count


def _signer_account(case: Any, signer_id: int | None) -> Any:
    """The signer's own account when it may issue in the case: only the signer's issue is
    signed electronically (services.py); anyone else's is marked for wet signature."""
    from tegak.accounts.models import User
    from tegak.cases.workflow import actor_roles
    from tegak.documents.access import ISSUERS

    if signer_id is None:
        return None
    account = User.objects.filter(employee_id=signer_id, is_active=True).first()
    if account is None or not (actor_roles(account, case) & ISSUERS):
        return None
    return account
