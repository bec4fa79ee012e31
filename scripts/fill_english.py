"""English is the source language: copy each new English message id into en/messages.po.

Run by `make translations` after `pybabel update`; existing English texts are kept, so they
can be refined by hand. Swedish is translated by hand in sv/messages.po.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

path = Path(sys.argv[1] if len(sys.argv) > 1 else "portal/translations/en/LC_MESSAGES/messages.po")
with path.open("rb") as handle:
    catalog = read_po(handle, locale="en")
for message in catalog:
    if not message.id:
        continue
    if message.pluralizable:
        if not any(message.string):
            message.string = tuple(message.id)
    elif not message.string or message.fuzzy:
        message.string = message.id
    message.flags.discard("fuzzy")
with path.open("wb") as handle:
    write_po(handle, catalog, width=100, omit_header=False)
