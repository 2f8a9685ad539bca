"""The discussion under each term of the glossary: members write what the word evokes for them,
moderators (and each author, for their own messages) hide what should not stay in view.

`models` the message, `forms` what is typed, `selectors` what a page shows, `services` the
writes (each checks its rule in `glossary.policies`), `views` the three POST addresses."""
