"""The vocabulary every layer shares: plain values and the checks of a row, with no I/O, no clock
and no import of the project's other packages. ingest/, store/ and analysis/ may not import one
another both ways (tests/import_rules.py), so what all of them need to agree on lives here.

- `domain.faces`: the lazy loading behind the faces of analysis/, ingest/ and store/.
- `domain.plan`: a planned session's row (its kinds, run types, strength focuses, the template's
  and the store's columns) and its one check, `check_row`.
"""
