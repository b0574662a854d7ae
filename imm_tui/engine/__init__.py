"""The method of DESIGN.md §4: plan → weekly requirement (and later actual vs required).

Pure: works on the plan model and DataFrames, never reads a file or the store.
"""
