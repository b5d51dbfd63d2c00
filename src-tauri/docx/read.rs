//! Reading a `.docx` package: the zip, size caps, `_rels/.rels`, part relationships.
