"""nianbao's core: the 2021 form as data, the report model, the checks, files, importers and exporters.

Pure Python: nothing here imports Qt (tests/core/test_layering.py keeps it so).
"""

__version__ = "0.1.0"
