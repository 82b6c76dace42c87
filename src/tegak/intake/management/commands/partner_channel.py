"""`tegak partner_channel add|deactivate`: API access for an SMS or chat gateway."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from tegak.core.access import Right, SystemActor
from tegak.core.commands import TegakCommand
from tegak.core.errors import InputError
from tegak.intake.models import PartnerChannel
from tegak.intake.services import partner_channel_create, partner_channel_deactivate
from tegak.people.models import Instansi

# The command line registers partner channels and nothing else.
CLI = SystemActor("cli", rights=frozenset({Right.PARTNER_CHANNELS}))


class Command(TegakCommand):
    help = "Register a partner channel (prints its API token once) or deactivate one."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add")
        add.add_argument("--instansi", required=True)
        add.add_argument("--name", required=True)
        off = sub.add_parser("deactivate")
        off.add_argument("id", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "add":
            instansi = Instansi.objects.filter(code=options["instansi"]).first()
            if instansi is None:
                raise InputError("instansi", f"no instansi with code {options['instansi']!r}")
            partner, token = partner_channel_create(
                actor=CLI, instansi=instansi, name=options["name"]
            )
            self.stdout.write(f"partner {partner.pk} ({partner.name}); token (shown once):")
            self.stdout.write(token)
            return
        existing = PartnerChannel.objects.filter(pk=options["id"]).first()
        if existing is None:
            raise InputError("id", f"no partner channel {options['id']}")
        partner_channel_deactivate(actor=CLI, partner=existing)
        self.stdout.write(f"partner {existing.pk} deactivated")
