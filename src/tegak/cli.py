"""The `tegak` command: the one entry point for people and scripts.

`rules`, `extract`, `keygen`, `keys generate`, `dossier verify` and `audit check … --public-key`
need no database and do not start Django;
every other subcommand is a Django management command (`tegak migrate`, `tegak audit verify`, …).
"""

from __future__ import annotations

import os
import sys

# Subcommands whose Django command has another name.
ALIASES = {"import": "registry_import"}

USAGE = """usage: tegak COMMAND [options]

  demo [--no-serve]       migrate, load the fictional demo agency, serve on http://127.0.0.1:8000
  setup                   first run of a real installation: create or upgrade the database
                          and create its administrator (asked for, or --username,
                          --full-name, --email, --password-stdin, --no-input)
  serve [--bind ADDR]     serve the application (gunicorn), with a job worker beside it
  migrate                 create or upgrade the database schema
  worker [--processes N]  run background jobs and the periodic work (no cron needed)
  import units|employees FILE [--instansi CODE] [--partial]
  search rebuild [--only cases|reports]   rewrite the stored search columns (after
                          restoring an old backup or writing rows around the application)
  rules assess|working-time|deadlines [--input FILE]
  extract [--reported-on YYYY-MM-DD] [--schedule ID] [--input FILE]
  attendance import|report  check-ins and leave to the legal count of absent days
  cases sweep             check every open legal clock now (the worker does it hourly and
                          checks each clock before and after it falls due)
  documents render|...    official documents
  dossier verify FILE.zip [--public-key KEY]   check a dossier offline (no database needed)
  partner_channel add|deactivate   API tokens for partner channels (SMS or chat gateways)
  rotate_identity_keys    re-seal every reporter identity under the newest key
  portal_refresh          rebuild the public register from the case file
  retention policy|dry-run|run [--instansi CODE] [--as-of DATE]   retention periods, what
                          would be deleted, and deletion (docs/retention.md)
  audit verify [--checkpoint FILE]   check the audit chain (links, keyed MACs, head,
                          signed checkpoints)
  audit checkpoint [--out FILE]      sign the chain's head now and print the checkpoint
  audit export [--out FILE]          every signed checkpoint, as JSON lines
  audit check FILE --public-key KEY  check a checkpoint offline (no database needed)
  keys public [--format text|pem|json]   the installation's public signing key
  keys generate signing|identity|audit   print a new key for TEGAK_SIGNING_KEY,
                          TEGAK_IDENTITY_KEYS or TEGAK_AUDIT_KEYS (no database needed)
  keygen                  print a new key for TEGAK_IDENTITY_KEYS (= keys generate identity)
  help                    this text; `tegak COMMAND --help` for one command

Any other Django management command also works (tegak createsuperuser, tegak check, …).
"""


def _keygen() -> int:
    from cryptography.fernet import Fernet

    print(Fernet.generate_key().decode())
    return 0


KEY_KINDS = ("signing", "identity", "audit")


def _keys_generate(rest: list[str]) -> int:
    """`tegak keys generate KIND`: a new key on standard output, nothing stored."""
    if len(rest) != 1 or rest[0] not in KEY_KINDS:
        sys.stderr.write(f"usage: tegak keys generate {{{'|'.join(KEY_KINDS)}}}\n")
        return 2
    if rest[0] == "identity":
        return _keygen()
    if rest[0] == "signing":
        from tegak.core.signing import generate_private_key_text

        print(generate_private_key_text())
        return 0
    import base64
    import secrets

    print(base64.b64encode(secrets.token_bytes(32)).decode())
    return 0


def _audit_check(rest: list[str]) -> int:
    """`tegak audit check FILE --public-key KEY`: a checkpoint checked with the public key alone."""
    import argparse

    from tegak.audit.offline import CheckpointInvalid, read_checkpoint, read_checkpoint_file

    parser = argparse.ArgumentParser(prog="tegak audit check")
    parser.add_argument("file")
    parser.add_argument("--public-key", required=True, help="base64 or PEM (or @FILE)")
    options = parser.parse_args(rest)
    key = options.public_key
    try:
        if key.startswith("@"):
            with open(key[1:]) as handle:
                key = handle.read()
        with open(options.file) as handle:
            documents = read_checkpoint_file(handle.read())
        for document in documents:
            statement = read_checkpoint(document, key)
            print(
                f"OK: checkpoint of {statement['created_at']}: "
                f"#{statement['sequence']} {statement['hash']}"
            )
    except OSError as error:
        sys.stderr.write(f"tegak: cannot read: {error.strerror}\n")
        return 2
    except CheckpointInvalid as error:
        sys.stderr.write(f"INVALID: {error}\n")
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    """Dispatch to the pure commands or to Django."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"help", "-h", "--help"}:
        print(USAGE)
        return 0
    command, rest = args[0], args[1:]
    # Everything Tegak writes (database file, evidence, keys, logs) is for its own user only.
    os.umask(0o077)
    if command == "rules":
        from tegak.rules.cli import main as rules_main

        return rules_main(rest)
    if command == "extract":
        from tegak.extract.cli import main as extract_main

        return extract_main(rest)
    if command == "keygen":
        return _keygen()
    if command == "keys" and rest[:1] == ["generate"]:
        return _keys_generate(rest[1:])
    if command == "dossier" and rest[:1] == ["verify"]:
        from tegak.documents.dossier_offline import main as dossier_verify_main

        return dossier_verify_main(rest[1:])
    if command == "audit" and rest[:1] == ["check"] and "--public-key" in rest:
        return _audit_check(rest[1:])
    if command == "demo":
        os.environ["TEGAK_DEMO"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tegak.config.settings")
    from tegak.config.env import ConfigurationError

    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(["tegak", ALIASES.get(command, command), *rest])
    except ConfigurationError as error:
        sys.stderr.write(f"tegak: configuration error: {error}\n")
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
