//! Writing a `.docx` package: parts, `[Content_Types].xml` and relationships, zipped.
