"""« Signaler une erreur »: anyone tells the moderators that a fiche is wrong."""
