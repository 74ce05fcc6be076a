"""The document model: what every reader produces and every later stage reads.

``model`` (Draft, Paragraph, notes, furniture, warnings), ``numbering``
(labels as printed → canonical ids), ``structure`` (blocks → paragraphs with
ids, kinds, sections and containers) and ``citations`` (references as people
write them → ids).
"""
