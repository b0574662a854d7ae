"""IMM, the Interaction Management Monitor: from an annual sales target to the work of a week."""

__version__ = "0.1.0"
