"""Audits over a list of pages: the backlink audit (`linklens audit`), the disavow file
(`linklens disavow`) and broken-link prospects (`linklens prospects`). docs/AUDIT.md."""
