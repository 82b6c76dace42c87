"""`tegak.law`: the one door between the web application and the rules engine (`tegak.rules`).

Every caller — the case file, attendance, the API, documents — builds the engine's input with
`tegak.law.inputs` and calls the engine through `tegak.law.engine`, with the instansi's own
configuration (`tegak.law.config`). Other apps may use the engine's pure helpers (calendars,
schedules, labels) directly, but never build an `assess` payload or a `RulesConfig` themselves.
"""
