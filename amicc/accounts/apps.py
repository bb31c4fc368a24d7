from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "amicc.accounts"
    label = "accounts"
    verbose_name = "Accounts"
