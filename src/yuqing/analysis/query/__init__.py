"""The rule language shared by monitoring rules and the search box.

`parse(expression)` gives an AST (see `ast`); the matcher evaluates many rules over posts in
one pass; the search backends in `yuqing.documents.search` compile the same AST to SQL.
"""
