"""The Textual app: the only place textual is imported. It shows the engine's figures and computes none."""
