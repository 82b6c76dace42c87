"""Who may do what with documents, and fetch-one-or-404 helpers (existence never leaks)."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from tegak.cases.access import accused_for, case_for
from tegak.cases.models import Accused, Case
from tegak.core.access import Role, administered_one, instansi_ids_with
from tegak.core.access import has_role as holds_role
from tegak.documents.models import (
    DossierDispatch,
    IssuedDocument,
    Letterhead,
    NumberingScheme,
    SigningCertificate,
)
from tegak.people.models import Instansi

# Roles that draw up and issue documents of a case.
ISSUERS = {Role.EXAMINER, Role.AUTHORISED_OFFICIAL, Role.ADMINISTRATOR}
# A receipt for a reporter is issued at intake.
RECEIPT_ISSUERS = {Role.INTAKE_OFFICER, Role.ADMINISTRATOR}
TEMPLATE_MANAGERS = {Role.ADMINISTRATOR}
DOSSIER_SENDERS = {Role.AUTHORISED_OFFICIAL, Role.ADMINISTRATOR}
# Everyone who may read an instansi's documents.
READERS = ISSUERS | RECEIPT_ISSUERS | {Role.OVERSIGHT, Role.AUDITOR}


def has_role(user: Any, instansi: Instansi | int, roles: set[Role]) -> bool:
    """True when the user holds one of the roles in that instansi (the one access layer)."""
    return holds_role(user, roles, instansi)


def may_issue(user: Any, instansi: Instansi | int, kind: str) -> bool:
    """May this user issue a document of this kind for the instansi?"""
    roles = RECEIPT_ISSUERS if kind == "tanda_terima_laporan" else ISSUERS
    return has_role(user, instansi, roles)


def instansi_ids_readable(user: Any) -> list[int]:
    """The instansi whose documents the user may read."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    return list(
        user.roles.filter(role__in=READERS).values_list("instansi_id", flat=True).distinct()
    )


def templates_instansi_for(user: Any, code: str) -> Instansi:
    """The instansi whose templates the user manages, named by its code (without a code: the
    first of them); otherwise 404."""
    managed = Instansi.objects.filter(pk__in=instansi_ids_with(user, TEMPLATE_MANAGERS))
    instansi = (managed.filter(code=code) if code else managed.order_by("pk")).first()
    if instansi is None:
        raise Http404
    return instansi


def manages_templates(user: Any) -> bool:
    """Whether the user manages the templates of any instansi (may read the built-in ones)."""
    return bool(instansi_ids_with(user, TEMPLATE_MANAGERS))


def _visible_case_ids(user: Any, case_keys: list[str]) -> set[str]:
    from tegak.cases.selectors import cases_for

    ids = [int(key) for key in case_keys if key.isdigit()]
    return {str(pk) for pk in cases_for(user).filter(pk__in=ids).values_list("pk", flat=True)}


def case_for_reader(user: Any, case_id: int) -> Case:
    """A case the user may see (the case app's rule: instansi-wide roles, examiners only on
    their assigned cases, never a case in which they are accused) in an instansi whose
    documents they may read; otherwise 404."""
    case = case_for(user, case_id)
    if case.instansi_id not in instansi_ids_readable(user):
        raise Http404
    return case


def accused_for_reader(user: Any, case_id: int, accused_id: int) -> Accused:
    """One accused of such a case, or 404."""
    accused = accused_for(user, case_id, accused_id)
    if accused.case.instansi_id not in instansi_ids_readable(user):
        raise Http404
    return accused


def document_for_reader(user: Any, document_id: int) -> IssuedDocument:
    """An issued document of a case the user may see (tegak.cases' own rule), or 404."""
    document = IssuedDocument.objects.filter(
        pk=document_id, instansi_id__in=instansi_ids_readable(user)
    ).first()
    if document is None or not _visible_case_ids(user, [document.case_key]):
        raise Http404
    return document


def dossier_for_sender(user: Any, dispatch_id: int) -> DossierDispatch:
    """A dossier the user may download again, or 404."""
    dispatch = DossierDispatch.objects.filter(pk=dispatch_id).first()
    if (
        dispatch is None
        or not has_role(user, dispatch.instansi_id, DOSSIER_SENDERS)
        or not _visible_case_ids(user, [dispatch.subject_id])
    ):
        raise Http404
    return dispatch


def numbering_scheme_for(actor: Any, instansi: Instansi, scheme_id: object) -> NumberingScheme:
    """A numbering scheme of an instansi the actor administers; otherwise 404."""
    return administered_one(actor, NumberingScheme.objects.all(), instansi, scheme_id)


def letterhead_for(actor: Any, instansi: Instansi, letterhead_id: object) -> Letterhead:
    """A letterhead of an instansi the actor administers; otherwise 404."""
    return administered_one(actor, Letterhead.objects.all(), instansi, letterhead_id)


def active_certificate_for(
    actor: Any, instansi: Instansi, certificate_id: object
) -> SigningCertificate:
    """A signing certificate in use in an instansi the actor administers; otherwise 404."""
    active = SigningCertificate.objects.filter(active=True)
    return administered_one(actor, active, instansi, certificate_id)
