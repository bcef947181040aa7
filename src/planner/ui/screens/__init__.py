"""The board and the dialogs it opens."""
