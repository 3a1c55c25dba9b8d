"""Shared test helpers, importable from every test module (pytest's ``pythonpath``
puts tests/ on the path): builders of synthetic chronicles and documents, hostile
inputs, link and page checks. Test modules never import each other."""
