"""Office-file helpers shared by reports and interchange (which may not import each other).

No Qt, no database, no openpyxl import at module level: a stable zip of DOCX/XLSX bytes and
the print setup of a worksheet, applied to whatever sheet object the caller made.
"""
