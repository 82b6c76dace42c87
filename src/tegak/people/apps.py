from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "tegak.people"
    label = "people"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tegak.audit import catalogue
        from tegak.people.audit_events import KEYS, PeopleAction

        catalogue.register(PeopleAction, keys=KEYS)
