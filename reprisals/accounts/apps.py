from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "reprisals.accounts"
    verbose_name = "Staff and teams"

    def ready(self):
        from reprisals.accounts.roles import sync_role_groups

        # After every app's migration: permissions of apps later in the list
        # only exist once their own post_migrate has run.
        post_migrate.connect(sync_role_groups)
