"""The limits every ``annotations.json`` keeps to, in one place.

Teaching content is small (the bundled file: about 220 kB, nesting depth 7, 34 topics, the
longest text under 1,000 characters). The limits leave ample room above that while keeping what a
damaged or hostile file can cost bounded: reading is linear in the file's size, no text can hang
the layout of a widget, and no number can turn into NaN or Infinity. The JSON reader
(:mod:`viewer.content.strict_json`) enforces the first three; the schema
(:mod:`viewer.content.schema`) the rest, and documents each in ``annotations.schema.json``
(``maxLength``, ``maxItems``, ``maxProperties``, ``minimum``/``maximum``).
"""

from __future__ import annotations

# ------------------------------------------------------------------------- the JSON text itself
#: the largest file read, in bytes (the bundled file is about 0.2 MiB)
MAX_FILE_BYTES = 16 * 1024 * 1024
#: the deepest nesting of objects and arrays (the bundled file: 7)
MAX_DEPTH = 16
#: the most characters one number may have (sign, digits, point and exponent)
MAX_NUMBER_CHARS = 32

# ------------------------------------------------------------------------------------- strings
#: an id (a key of a table, a section id, a reference)
MAX_ID_CHARS = 64
#: a name or title: what a label, a tree row, a heading or a list shows
MAX_NAME_CHARS = 160
#: a text: a description, a note, a caption, a citation, the disclaimer
MAX_TEXT_CHARS = 5000
#: the longest run of characters without a space in any name or text (a long URL in a citation
#: is about 60); a longer unbroken word cannot be wrapped and stalls the layout
MAX_WORD_CHARS = 100
#: a source's URL
MAX_URL_CHARS = 500

# -------------------------------------------------------------------------------------- counts
#: entries of the structure table (the model has 49)
MAX_STRUCTURES = 500
#: entries of the topic table (the article has 34)
MAX_TOPICS = 1000
#: article sections
MAX_SECTIONS = 500
#: sources that notes cite
MAX_SOURCES = 1000
#: pain patterns, nerve paths and stories (each table)
MAX_PATTERNS = 200
MAX_PATHS = 20
MAX_STORIES = 200
#: stages of one nerve path
MAX_STAGES = 50
#: the article's list items in one topic, warning signs in one group, body regions of a pattern
MAX_ITEMS = 200
#: other names of one entry, ids in one list of references
MAX_NAMES = 100
MAX_IDS = 500

# ------------------------------------------------------------------------------------ geometry
#: the largest coordinate of a camera position, focal point or label anchor, in model mm (the
#: model spans about 400 mm)
MAX_COORDINATE_MM = 10_000.0
#: the smallest length of a camera's view-up vector and of its viewing direction (mm)
MIN_VECTOR_LENGTH = 1e-6
#: a camera's zoom factor
MIN_ZOOM = 0.1
MAX_ZOOM = 10.0
#: an article section's ``order``
MAX_ORDER = 1_000_000
