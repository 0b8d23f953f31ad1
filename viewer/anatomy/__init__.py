"""The anatomical model: every structure built as a closed triangle mesh from named, sourced
parameters. No Qt and no rendering here (see ``tests/test_layers.py``)."""
