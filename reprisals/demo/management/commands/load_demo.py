from django.core.management.base import BaseCommand

from reprisals.demo.loader import load_demo


class Command(BaseCommand):
    help = (
        "Load the demo dataset (five cases from ISHR's 2022 report, with sources) into the "
        "demo team. Re-running changes nothing."
    )

    def handle(self, *args, **options):
        counts = load_demo()
        summary = ", ".join(f"{n} {name}" for name, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo dataset loaded: {summary}."))
