"""Reading and writing files: teams, norm sets, cases, plans. No Textual."""
