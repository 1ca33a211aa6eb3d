"""`python -m codegen adopt`: take UltraCart's operations (or its changes) into openapi.yaml.

core: choose the operations, write them and what they reach; house: our house rules;
rules and deviations: how the differences they make are recorded for the drift check;
changes: `--changes`, upstream's non-breaking changes to what we carry; yamlfile: the
round-trip reading and writing in our layout; cli: the command line.
"""
