"""planck — check Chinese local five-year-plan targets against annual reports."""

__version__ = "0.1.0"
