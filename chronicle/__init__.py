"""chronicle: raw war news in, a browsable and searchable chronicle out."""

__version__ = "0.1.0"
