from django.apps import AppConfig


class CommunicationsConfig(AppConfig):
    name = "reprisals.communications"
    verbose_name = "Communications with States"
