"""The footer pages: accessibility statement, legal notice, personal data, contact."""
