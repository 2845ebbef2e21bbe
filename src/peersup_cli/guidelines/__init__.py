"""The guidelines: the model (``model``), the file loader (``loader``, with ``prescan`` and
``validate``) and the lookup of a value from what a person types (``lookup``)."""
