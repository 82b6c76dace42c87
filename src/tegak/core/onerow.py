"""Writing or reading one row by its key without compiling its SQL every time (ADR 0034).

`Model.save()` builds the same INSERT or UPDATE statement through Django's query compiler on
every call: for a model of thirty fields that is most of the cost of the save, and the public
report form saves six rows per report. `insert()` and `update()` keep the statement per model,
field set and database, and do the rest as `Model.save()` does: the fields' own `pre_save`
(`auto_now_add`, file fields) and `get_db_prep_save` (dates, JSON, per database), the model's
`pre_save` and `post_save` signals with the same arguments, the primary key from the INSERT's
RETURNING clause, and the instance's state afterwards.

`fetch()` reads one row by primary key (optionally locked FOR UPDATE where the database can) and
makes the instance as a queryset does: each column through the database's and the field's
converters, then `Model.from_db`. `fetch_with()` reads it with its reverse one-to-one partner in
one statement, and `insert_and_update()` writes a new row and moves a saved one in one statement
where the database allows it (PostgreSQL; ADR 0174, addendum): each a round trip fewer.

Anything `insert()` and `update()` do not handle the same way goes to `Model.save()` itself: a
model with a parent model (multi-table inheritance), a field with a database default or a
database expression, a field with its own SQL placeholder, a value that is an expression
(except a `RawSQL` value on an insert: its SQL and parameters go into the statement, as the
compiler writes them), a database that cannot return the new key from an INSERT, a key the
database makes that is already set on an insert.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import DatabaseError, connections, router, transaction
from django.db.models import Field, Model, signals
from django.db.models.expressions import Expression, RawSQL

# (model, database alias, fields) -> SQL
_STATEMENTS: dict[tuple[Any, ...], str] = {}
_ELIGIBLE: dict[type[Model], bool] = {}


def _eligible(model: type[Model]) -> bool:
    """Whether rows of this model can be written here exactly as `save()` writes them."""
    known = _ELIGIBLE.get(model)
    if known is None:
        meta = model._meta
        known = (
            not meta.parents
            and not meta.proxy
            and not meta.auto_created
            and not meta.order_with_respect_to
            and not meta.select_on_save
        )
        for field in meta.local_concrete_fields:
            if (
                getattr(field, "generated", False)
                or getattr(field, "has_db_default", lambda: False)()
                or hasattr(field, "get_placeholder")
                or (getattr(field, "db_returning", False) and not field.primary_key)
            ):
                known = False
        _ELIGIBLE[model] = known
    return known


def _values(
    instance: Model, fields: Sequence[Field], connection: Any, add: bool, raw: bool = False
) -> list[Any]:
    """Each field's value as the database takes it. With `raw`, a `RawSQL` value (SQL written
    by our own code, with parameters) is kept as it is, for the statement to inline."""
    values = []
    for field in fields:
        value = field.pre_save(instance, add)
        if raw and type(value) is RawSQL:
            values.append(value)
            continue
        if isinstance(value, Expression) or hasattr(value, "resolve_expression"):
            raise _NotPlain
        values.append(field.get_db_prep_save(value, connection=connection))
    return values


def _inline(values: list[Any]) -> tuple[tuple[str | None, ...], list[Any]]:
    """(each value's own SQL, None for a plain parameter; the parameters in order)."""
    sqls: list[str | None] = []
    params: list[Any] = []
    for value in values:
        if type(value) is RawSQL:
            sqls.append(value.sql)
            params.extend(value.params)
        else:
            sqls.append(None)
            params.append(value)
    return tuple(sqls), params


class _NotPlain(Exception):
    """A value is an expression (e.g. F()): only the query compiler can write it."""


def _insert_sql(
    meta: Any,
    fields: Sequence[Field],
    inlined: tuple[str | None, ...],
    connection: Any,
    returning: Field | None,
) -> str:
    """`INSERT INTO table (columns) VALUES (…)`, each value a parameter or its own SQL
    (`_inline`), with `RETURNING` the key when asked."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    marks = ", ".join("%s" if own is None else own for own in inlined)
    # Names from the model's metadata, quoted; every value is a parameter.
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608
    if returning is not None:
        sql += f" RETURNING {quote(meta.db_table)}.{quote(returning.column)}"
    return sql


def _update_sql(meta: Any, fields: Sequence[Field], connection: Any) -> str:
    """`UPDATE table SET … WHERE key = %s`, every value a parameter."""
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    table, key_column = quote(meta.db_table), quote(meta.pk.column)
    return f"UPDATE {table} SET {assignments} WHERE {key_column} = %s"  # noqa: S608


def _new_key(pk: Any, value: Any, connection: Any) -> Any:
    """A key the database returned, as the field's converters make it."""
    for converter in pk.get_db_converters(connection):
        value = converter(value, pk, connection)
    return value


def insert(instance: Model) -> Model:
    """INSERT this new instance, as `instance.save(force_insert=True)` would; returns it."""
    model = type(instance)
    meta = model._meta
    alias = router.db_for_write(model, instance=instance)
    connection = connections[alias]
    pk = meta.pk
    assert pk is not None
    # A key the database makes (AutoField) comes back from RETURNING; another (a UUID made by
    # its default) is already on the instance and is written with the rest.
    returning = bool(getattr(pk, "db_returning", False))
    if (
        not _eligible(model)
        or (returning and not connection.features.can_return_columns_from_insert)
        or (returning and instance.pk is not None)
        or (not returning and instance.pk is None)
    ):
        instance.save(force_insert=True, using=alias)
        return instance
    instance._prepare_related_fields_for_save(operation_name="save")  # type: ignore[attr-defined]
    signals.pre_save.send(
        sender=model, instance=instance, raw=False, using=alias, update_fields=None
    )
    fields = [field for field in meta.local_concrete_fields if field is not pk or not returning]
    try:
        values = _values(instance, fields, connection, add=True, raw=True)
    except _NotPlain:
        # The signals were sent: write the row as `save()` does after them (its compiler).
        # A failure marks the transaction for rollback, as in `save()` (and the fast path).
        with transaction.mark_for_rollback_on_error(alias):
            returned = model._base_manager.using(alias)._insert(  # type: ignore[attr-defined]
                [instance],
                fields=fields,
                returning_fields=[pk] if returning else None,
                using=alias,
            )
        new_key = returned[0][0] if returning else instance.pk
    else:
        # A RawSQL value (the search column on PostgreSQL) goes into the statement as its own
        # SQL; its text depends only on the code that wrote it, so the statements stay few.
        inlined, values = _inline(values)
        key = ("insert", model, alias, inlined)
        sql = _STATEMENTS.get(key)
        if sql is None:
            sql = _insert_sql(meta, fields, inlined, connection, pk if returning else None)
            _STATEMENTS[key] = sql
        with transaction.mark_for_rollback_on_error(alias), connection.cursor() as cursor:
            cursor.execute(sql, values)
            new_key = cursor.fetchone()[0] if returning else instance.pk
        if returning:
            new_key = _new_key(pk, new_key, connection)
    setattr(instance, pk.attname, new_key)
    instance._state.adding = False
    instance._state.db = alias
    signals.post_save.send(
        sender=model, instance=instance, created=True, update_fields=None, raw=False, using=alias
    )
    return instance


def _target(instance: Model) -> tuple[type[Model], Any, str, Any, Field]:
    """(model, its options, database alias, connection, primary key) for writing a saved row."""
    model = type(instance)
    alias = instance._state.db or router.db_for_write(model, instance=instance)
    pk = model._meta.pk
    assert pk is not None
    return model, model._meta, alias, connections[alias], pk


def update(instance: Model, field_names: Iterable[str]) -> Model:
    """UPDATE these fields of a saved instance, as `instance.save(update_fields=...)` would
    (which raises when the row is gone: so does this)."""
    model, meta, alias, connection, pk = _target(instance)
    names = frozenset(field_names)
    if not _eligible(model) or instance.pk is None or not names:
        instance.save(update_fields=names, using=alias)
        return instance
    signals.pre_save.send(
        sender=model, instance=instance, raw=False, using=alias, update_fields=names
    )
    fields = [field for field in meta.local_concrete_fields if field.name in names]
    if {field.name for field in fields} != names:
        raise ValueError(f"not concrete fields of {meta.label}: {sorted(names)}")
    try:
        values = _values(instance, fields, connection, add=False)
    except _NotPlain:
        # The signals were sent: write the row as `save()` does after them (its compiler).
        rows: Any = model._base_manager.using(alias).filter(pk=instance.pk)
        with transaction.mark_for_rollback_on_error(alias):
            changed = rows._update(
                [(field, None, field.pre_save(instance, False)) for field in fields]
            )
    else:
        key = ("update", model, alias, tuple(field.column for field in fields))
        sql = _STATEMENTS.get(key)
        if sql is None:
            sql = _STATEMENTS[key] = _update_sql(meta, fields, connection)
        with transaction.mark_for_rollback_on_error(alias), connection.cursor() as cursor:
            cursor.execute(sql, [*values, pk.get_db_prep_value(instance.pk, connection)])
            changed = cursor.rowcount
    if changed != 1:
        raise DatabaseError("Save with update_fields did not affect any rows.")
    signals.post_save.send(
        sender=model, instance=instance, created=False, update_fields=names, raw=False, using=alias
    )
    return instance


def insert_and_update(new: Model, saved: Model, field_names: Iterable[str]) -> Model:
    """`insert(new)` then `update(saved, field_names)`, written as one statement where the
    database runs an INSERT inside a WITH (PostgreSQL): one round trip instead of two, for a
    row that is always written with another (an audit event and the head of its chain).
    Returns `new`, with its key.

    Elsewhere, and whenever either row is not plain here (a save signal has a receiver, a value
    is an expression, the new row's key is not made by the database), it is the two calls, in
    that order, in a transaction (the caller's, or one of their own). As `update()`, it raises
    when the saved row is gone. The one statement is atomic by itself, but when the new row
    does not refer to the saved one (a foreign key that fails with it), that error comes after
    the statement: call it in a transaction, which the error rolls back."""
    names = frozenset(field_names)
    new_model, saved_model = type(new), type(saved)
    alias = router.db_for_write(new_model, instance=new)
    connection = connections[alias]
    new_pk, saved_pk = new_model._meta.pk, saved_model._meta.pk
    assert new_pk is not None and saved_pk is not None
    plain = (
        connection.vendor == "postgresql"
        and connection.features.can_return_columns_from_insert
        and (saved._state.db or router.db_for_write(saved_model, instance=saved)) == alias
        and _eligible(new_model)
        and _eligible(saved_model)
        and bool(getattr(new_pk, "db_returning", False))
        and new.pk is None
        and saved.pk is not None
        and bool(names)
        and not any(
            signal.has_listeners(model)
            for signal in (signals.pre_save, signals.post_save)
            for model in (new_model, saved_model)
        )
    )
    inserted = [field for field in new_model._meta.local_concrete_fields if field is not new_pk]
    written = [field for field in saved_model._meta.local_concrete_fields if field.name in names]
    if {field.name for field in written} != names:
        raise ValueError(f"not concrete fields of {saved_model._meta.label}: {sorted(names)}")
    if plain:
        new._prepare_related_fields_for_save(operation_name="save")  # type: ignore[attr-defined]
        try:
            insert_values = _values(new, inserted, connection, add=True, raw=True)
            update_values = _values(saved, written, connection, add=False)
        except _NotPlain:
            plain = False
    if not plain:
        # Two statements: in a transaction of their own when the caller has none.
        with transaction.atomic(using=alias, savepoint=False):
            insert(new)
            update(saved, names)
        return new
    inlined, insert_values = _inline(insert_values)
    key = ("insert_and_update", new_model, saved_model, alias, inlined, frozenset(names))
    sql = _STATEMENTS.get(key)
    if sql is None:
        # The UPDATE's own key column is its table's: the WITH is not in its FROM.
        first = _insert_sql(new_model._meta, inserted, inlined, connection, new_pk)
        then = _update_sql(saved_model._meta, written, connection)
        new_column = connection.ops.quote_name(new_pk.column)
        # Both statements written above from the models' metadata; every value a parameter.
        returned = f"RETURNING (SELECT {new_column} FROM inserted)"  # noqa: S608
        sql = f"WITH inserted AS ({first}) {then} {returned}"
        _STATEMENTS[key] = sql
    params = [*insert_values, *update_values, saved_pk.get_db_prep_value(saved.pk, connection)]
    with transaction.mark_for_rollback_on_error(alias), connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
        if row is None:
            raise DatabaseError("Save with update_fields did not affect any rows.")
    setattr(new, new_pk.attname, _new_key(new_pk, row[0], connection))
    new._state.adding = False
    new._state.db = alias
    return new


def _converters(model: type[Model], connection: Any) -> list[tuple[Any, list[Any]]]:
    """For each concrete field, its column expression and the converters a queryset applies
    (the database's, then the field's own), as the query compiler finds them."""
    result = []
    for field in model._meta.concrete_fields:
        column = field.get_col(model._meta.db_table)
        found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        result.append((column, found))
    return result


_READERS: dict[tuple[Any, ...], tuple[str, list[tuple[Any, list[Any]]], list[str]]] = {}


def _reader(
    model: type[Model], alias: str, connection: Any
) -> tuple[str, list[tuple[Any, list[Any]]], list[str]]:
    """(the quoted column list, each column's converters, the attribute names) of a model."""
    reader_key = (model, alias)
    reader = _READERS.get(reader_key)
    if reader is None:
        meta = model._meta
        quote = connection.ops.quote_name
        table = quote(meta.db_table)
        columns = ", ".join(f"{table}.{quote(each.column)}" for each in meta.concrete_fields)
        names = [each.attname for each in meta.concrete_fields]
        reader = (columns, _converters(model, connection), names)
        _READERS[reader_key] = reader
    return reader


def columns(model: type[Model], *, using: str | None = None) -> str:
    """The SELECT list that `from_row()` reads: every concrete column, quoted, in field order."""
    alias = using or router.db_for_read(model)
    return _reader(model, alias, connections[alias])[0]


def column(model: type[Model], name: str, *, using: str | None = None) -> str:
    """A field's column, quoted for the database: for SQL written once per shape, as here."""
    alias = using or router.db_for_read(model)
    field: Any = model._meta.get_field(name)
    return str(connections[alias].ops.quote_name(field.column))


def from_row(model: type[Model], row: Sequence[Any], *, using: str | None = None) -> Any:
    """The instance a queryset would make of a row selected with `columns(model)`."""
    alias = using or router.db_for_read(model)
    connection = connections[alias]
    _columns, converters, names = _reader(model, alias, connection)
    values = []
    for value, (column, functions) in zip(row, converters, strict=True):
        for function in functions:
            value = function(value, column, connection)
        values.append(value)
    return model.from_db(alias, names, values)


def fetch(
    model: type[Model],
    key: Any,
    *,
    by: str | None = None,
    lock: bool = False,
    using: str | None = None,
) -> Any:
    """The instance with this primary key (or this value of the unique field `by`), or None.

    With `lock`, the row is locked for the rest of the transaction (SELECT ... FOR UPDATE) on
    a database that can (SQLite has one writer at a time and no such clause, as with
    `select_for_update()`). A key that is not one (text for a number) raises ValidationError,
    as a queryset does."""
    meta = model._meta
    alias = using or router.db_for_read(model)
    connection = connections[alias]
    lock = lock and connection.features.has_select_for_update
    field: Any = meta.pk if by is None else meta.get_field(by)
    assert field is not None and (field.primary_key or field.unique)
    statement_key = ("fetch", model, alias, lock, field.name)
    sql = _STATEMENTS.get(statement_key)
    if sql is None:
        quote = connection.ops.quote_name
        table, key_column = quote(meta.db_table), quote(field.column)
        # Names from the model's metadata, quoted; the key is a parameter.
        selected = _reader(model, alias, connection)[0]
        sql = f"SELECT {selected} FROM {table} WHERE {key_column} = %s"  # noqa: S608
        if lock:
            sql += " FOR UPDATE"
        _STATEMENTS[statement_key] = sql
    with connection.cursor() as cursor:
        target = field.target_field if field.is_relation else field
        cursor.execute(sql, [field.get_db_prep_value(target.to_python(key), connection)])
        row = cursor.fetchone()
    if row is None:
        return None
    return from_row(model, row, using=alias)


def fetch_with(model: type[Model], key: Any, related: str, *, using: str | None = None) -> Any:
    """The instance with this primary key, with the row on the other side of its reverse
    one-to-one relation `related` (e.g. an agency's `intake_settings`) already read and cached on
    it (None when there is none), in one statement: a LEFT JOIN instead of two reads. None when
    there is no such row. Keys that are not one raise ValidationError, as in `fetch()`."""
    meta = model._meta
    alias = using or router.db_for_read(model)
    connection = connections[alias]
    relation: Any = meta.get_field(related)
    if not (relation.one_to_one and relation.auto_created):
        raise ValueError(f"{meta.label}.{related} is not a reverse one-to-one relation")
    other: type[Model] = relation.related_model
    link: Any = relation.field  # the OneToOneField on `other`
    pk = meta.pk
    assert pk is not None
    statement_key = ("fetch_with", model, alias, related)
    sql = _STATEMENTS.get(statement_key)
    if sql is None:
        quote = connection.ops.quote_name
        table, other_table = quote(meta.db_table), quote(other._meta.db_table)
        mine, theirs = _reader(model, alias, connection)[0], _reader(other, alias, connection)[0]
        # Names from the models' metadata, quoted; the key is a parameter.
        sql = (
            f"SELECT {mine}, {theirs} FROM {table} LEFT JOIN {other_table} "  # noqa: S608
            f"ON {other_table}.{quote(link.column)} = {table}.{quote(link.target_field.column)} "
            f"WHERE {table}.{quote(pk.column)} = %s"
        )
        _STATEMENTS[statement_key] = sql
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk.get_db_prep_value(pk.to_python(key), connection)])
        row = cursor.fetchone()
    if row is None:
        return None
    width = len(meta.concrete_fields)
    instance = from_row(model, row[:width], using=alias)
    other_pk = other._meta.pk
    assert other_pk is not None
    partner = None
    if row[width + other._meta.concrete_fields.index(other_pk)] is not None:
        partner = from_row(other, row[width:], using=alias)
        link.set_cached_value(partner, instance)
    relation.set_cached_value(instance, partner)
    return instance


def update_where(instance: Model, field_names: Iterable[str], **conditions: Any) -> bool:
    """Write these fields of a saved instance where its row still matches `conditions` (field
    name = value, none of them None), as `Model.objects.filter(pk=…, **conditions).update(…)`
    with the instance's values would: no signals, no `pre_save` (no `auto_now`). True when the
    row was written, False when it is gone or no longer matches."""
    model, meta, alias, connection, pk = _target(instance)
    names = tuple(field_names)
    assert instance.pk is not None and names
    concrete = {field.name: field for field in meta.concrete_fields}
    if not {*names, *conditions} <= concrete.keys():
        raise ValueError(f"not concrete fields of {meta.label}: {names} {tuple(conditions)}")
    fields = [concrete[name] for name in names]
    tests = [concrete[name] for name in conditions]
    if any(value is None for value in conditions.values()):
        raise ValueError("a condition of None (IS NULL) is not supported here")
    raw = [getattr(instance, field.attname) for field in fields]
    if not _eligible(model) or any(
        isinstance(value, Expression) or hasattr(value, "resolve_expression") for value in raw
    ):
        # An expression (F(), a function), or a row over more than one table (a parent model),
        # is for the query compiler to write.
        rows: Any = model._base_manager.using(alias).filter(pk=instance.pk, **conditions)
        return bool(
            rows.update(**{field.name: value for field, value in zip(fields, raw, strict=True)})
        )
    key = ("update_where", model, alias, names, tuple(conditions))
    sql = _STATEMENTS.get(key)
    if sql is None:
        quote = connection.ops.quote_name
        assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
        tested = [pk, *tests]
        where = " AND ".join(f"{quote(field.column)} = %s" for field in tested)
        # Names from the model's metadata, quoted; every value is a parameter.
        sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {where}"  # noqa: S608
        _STATEMENTS[key] = sql
    params = [
        *(
            field.get_db_prep_save(value, connection)
            for field, value in zip(fields, raw, strict=True)
        ),
        pk.get_db_prep_value(instance.pk, connection),
        *(
            field.get_db_prep_value(value, connection)
            for field, value in zip(tests, conditions.values(), strict=True)
        ),
    ]
    with transaction.mark_for_rollback_on_error(alias), connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount == 1
