"""The method of docs/method.md: plan → weekly requirement (and later actual vs required).

Pure: works on the plan model and DataFrames, never reads a file or the store.
"""
