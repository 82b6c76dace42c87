from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "tegak.cases"
    label = "cases"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tegak.audit import catalogue
        from tegak.cases.audit_events import KEYS, CaseAction

        catalogue.register(CaseAction, keys=KEYS)

        from tegak.cases import search

        # The case list's search column follows the case, its accused and allegations.
        search.connect()

        from tegak.cases.selectors import open_cases_using_rule_version, reports_of_cases_accusing
        from tegak.intake.access import register_accused_reports
        from tegak.law.usage import register_usage_checker

        # The instansi's rule versions are corrected in `law`: it asks the case file which open
        # cases' stored findings used a version (#15: stored findings keep their version).
        register_usage_checker(open_cases_using_rule_version)

        # The accused of a case never reads the reports it was opened from (#12 item 4).
        register_accused_reports(reports_of_cases_accusing)
