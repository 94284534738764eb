"""Implementations of the `yuqing` sub-commands. Each module offers add_arguments(name, parser) and run(args)."""
