from django.apps import AppConfig
from django.db.models.signals import post_migrate


class DocumentsConfig(AppConfig):
    name = "tegak.documents"
    label = "documents"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tegak.audit import catalogue
        from tegak.documents.audit_events import KEYS, DocumentsAction

        catalogue.register(DocumentsAction, keys=KEYS)

        # A decision's date corrected: its unsigned letters are issued again (reading C30).
        from tegak.audit import events
        from tegak.documents.redating import reissue_after_redate

        events.subscribe("decision.amended", reissue_after_redate, when=events.ON_COMMIT)

        # The reporter's tracking page offers the outcome notice (intake asks; reading C40).
        from tegak.documents.selectors import outcome_notices_for_report
        from tegak.documents.services import document_file
        from tegak.intake import reporter_letters

        reporter_letters.register(
            outcome_notices_for_report, lambda letter: document_file(letter, "pdf")
        )

        # Every `tegak migrate` checks stored templates again with the current sandbox (#12).
        from tegak.documents.upgrade import recheck_after_migrate

        post_migrate.connect(recheck_after_migrate, sender=self, dispatch_uid="documents-recheck")
