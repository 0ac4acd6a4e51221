# The case adds this file to the repository's English strings.
broken-entry Text without its equals sign
