from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tegak.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"
