"""Pure-Python analysis: no Django import anywhere under this package, and nothing from
`yuqing.collect` (the helpers both need live in `yuqing.text`).

Every stage is a small callable over a batch of posts (dicts) that declares the fields it
reads and writes; `pipeline.Pipeline` checks the order when it is built.
"""
