from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tegak.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tegak.accounts.audit_events import KEYS, AccountAction
        from tegak.audit import catalogue

        catalogue.register(AccountAction, keys=KEYS)
