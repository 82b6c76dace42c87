"""Reads of the documents app, limited to what the actor may see."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from tegak.cases.models import Accused, Case
from tegak.core.access import Role
from tegak.core.errors import InputError
from tegak.documents.access import DOSSIER_SENDERS, has_role, instansi_ids_readable
from tegak.documents.models import DocumentTemplate, DossierDispatch, IssuedDocument


def documents_of_case(actor: Any, case: Case) -> QuerySet[IssuedDocument]:
    """The documents issued for a case, if the actor may read the instansi's documents."""
    if case.instansi_id not in instansi_ids_readable(actor):
        return IssuedDocument.objects.none()
    return IssuedDocument.objects.filter(case_key=str(case.pk)).order_by("dated", "id")


def dossiers_of_case(actor: Any, case: Case) -> QuerySet[DossierDispatch]:
    """What was sent to whom about the case (for those who may send dossiers)."""
    if not has_role(actor, case.instansi, DOSSIER_SENDERS):
        return DossierDispatch.objects.none()
    return DossierDispatch.objects.filter(subject_type="case", subject_id=str(case.pk))


def templates_of(actor: Any) -> QuerySet[DocumentTemplate]:
    """Uploaded templates of the instansi the actor administers."""
    ids = list(actor.roles.filter(role=Role.ADMINISTRATOR).values_list("instansi_id", flat=True))
    return DocumentTemplate.objects.filter(instansi_id__in=ids).order_by("kind", "-uploaded_at")


def case_by_number(register_number: str, instansi_code: str | None = None) -> Case:
    """A case by its register number (for the command line, which runs as the operator)."""
    cases = Case.objects.filter(register_number=register_number)
    if instansi_code:
        cases = cases.filter(instansi__code=instansi_code)
    found = list(cases[:2])
    if not found:
        raise InputError("case", _("No case has this register number."))
    if len(found) > 1:
        raise InputError("instansi", _("Several instansi have this register number; name one."))
    return found[0]


def accused_in_case(case: Case, nip: str | None) -> Accused:
    """The accused of the case (by NIP when there are several)."""
    accused = case.accused.select_related("employee", "case__instansi")
    if nip:
        accused = accused.filter(employee__nip=nip.replace(" ", ""))
    found = list(accused[:2])
    if not found:
        raise InputError("nip", _("No accused employee of this case has that NIP."))
    if len(found) > 1:
        raise InputError("nip", _("The case has several accused; give the NIP of one."))
    return found[0]


def outcome_notices_for_report(report: Any) -> list[IssuedDocument]:
    """The pemberitahuan hasil letters addressed to this report's complainant (UU 25/2009
    Pasal 50 ayat (9)): those issued for an accused of the case the report fed, under the
    subject the issue gave that complainant's letter (`services.outcome_notice_subject`), with
    their PDF made. Nothing for a report with no reporter to tell, or before any is issued."""
    from tegak.cases.models import CaseReport
    from tegak.documents.context import outcome_notice_reports
    from tegak.documents.rendering import pending
    from tegak.documents.services import outcome_notice_subject

    followed = report.followed()
    case_ids = CaseReport.objects.filter(report=followed).values_list("case_id", flat=True)
    found: list[IssuedDocument] = []
    for accused in Accused.objects.filter(case_id__in=list(case_ids)).order_by("case_id", "id"):
        reports = [item.pk for item in outcome_notice_reports(accused)]
        if report.pk not in reports:
            continue
        subject = outcome_notice_subject(accused, report, reports.index(report.pk) == 0)
        document = (
            IssuedDocument.objects.filter(
                kind="pemberitahuan_hasil",
                subject_type="cases.accused",
                subject_id=subject,
                case_key=str(accused.case_id),
            )
            .order_by("-version", "-id")
            .first()
        )
        if document is not None and not pending(document):
            found.append(document)
    return found
