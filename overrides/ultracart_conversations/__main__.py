"""`python -m ultracart_conversations`: the same as the `ultracart-conversations` command."""

from ultracart_conversations.cli import console_script

if __name__ == "__main__":
    console_script()
