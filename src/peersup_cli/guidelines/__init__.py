"""The guidelines: the model (``model``), the file loader and validator (``loader``) and the
lookup of a value from what a person types (``lookup``)."""
