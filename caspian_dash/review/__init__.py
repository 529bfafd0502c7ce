"""Analyst review: confirm, correct, reject and add events, with an audit trail.

- ``decisions``: what a review action is, the event fields it may change and their checks,
  and the anchor (document, sentence and its hash) that ties a decision to a sentence rather
  than to an extraction run (pure);
- ``apply``: the extracted events with the latest decisions applied, and the decisions whose
  sentence is gone (orphans) (pure);
- ``db``: the log in SQLite in the documents folder: append-only, chained checksums, one
  transaction per action (I/O);
- ``cli``: ``python -m caspian_dash review list|export|import|export-gold``.
"""
