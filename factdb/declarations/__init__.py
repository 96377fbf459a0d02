"""Each record's fields, declared once (see factdb.declarations.base)."""
