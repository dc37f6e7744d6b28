import pytest

from extract.errors import SchemaError
from extract.schema import load_schema, parse_schema


def test_default_schema_has_contract_fields():
    schema = load_schema()
    assert schema.names == [
        "study", "ref", "registry_id", "country", "year", "n", "treatment",
        "median_os_months", "os_3y_pct", "os_5y_pct", "notes",
    ]  # fmt: skip
    assert schema.get("os_3y_pct").max == 100
    assert schema.get("year").max >= 2026


def test_check_naming_unknown_field_is_rejected():
    data = {
        "name": "x",
        "version": "1",
        "field": [{"name": "a", "type": "int"}],
        "check": [{"name": "c", "kind": "less_or_equal", "fields": ["a", "b"]}],
    }
    with pytest.raises(SchemaError, match="lacks"):
        parse_schema(data, "x.toml")


def test_unknown_type_is_rejected():
    with pytest.raises(SchemaError, match="unknown type"):
        parse_schema({"name": "x", "version": "1", "field": [{"name": "a", "type": "date"}]}, "x")
