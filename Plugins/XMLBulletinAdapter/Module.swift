// The XMLBulletinAdapter module; see DESIGN.md.
