"""Many drafts of one negotiation: the register of drafts and the history of
every paragraph through them (``draftdiff drafts``, ``draftdiff history``)."""
