"""Tegak's ties to the outside: the notifications outbox, SP4N-LAPOR!, BKN's SIASN, signed
webhooks. Every send goes through a background job (`tegak.jobs`) with retries, and its state is
shown to the instansi administrator. See docs/integrations.md."""
