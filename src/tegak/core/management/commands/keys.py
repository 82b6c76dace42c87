"""`tegak keys public`: print the installation's public signing key (and its fingerprint).

`tegak keys generate signing|identity|audit` makes new keys without starting Django (see
`tegak.cli`); this command only answers when it is reached through `tegak keys public`.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandParser

from tegak.core import signing
from tegak.core.commands import TegakCommand


class Command(TegakCommand):
    help = "Print the installation's public Ed25519 key (to check dossiers and audit checkpoints)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["public"], help="public: print the public key")
        parser.add_argument(
            "--format",
            choices=["text", "pem", "json"],
            default="text",
            help="text: base64 key and fingerprint (default); pem: a PEM block; json: all of it",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        key = signing.public_key()
        if options["format"] == "pem":
            self.stdout.write(signing.public_key_pem(key), ending="")
        elif options["format"] == "json":
            self.stdout.write(
                json.dumps(
                    {
                        "algorithm": signing.SIGNATURE_ALGORITHM,
                        "public_key": signing.public_key_text(key),
                        "key_id": signing.key_id(key),
                        "fingerprint": signing.key_fingerprint(key),
                        "pem": signing.public_key_pem(key),
                    }
                )
            )
        else:
            self.stdout.write(f"{signing.SIGNATURE_ALGORITHM} {signing.public_key_text(key)}")
            self.stdout.write(f"key id: {signing.key_id(key)}")
            self.stdout.write(f"fingerprint (SHA-256): {signing.key_fingerprint(key)}")
