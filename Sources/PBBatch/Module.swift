// Placeholder (kept until the module's files land).
