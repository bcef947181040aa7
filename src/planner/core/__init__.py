"""The pure domain core: models, rules, moves and balancing. No I/O, no Textual."""
