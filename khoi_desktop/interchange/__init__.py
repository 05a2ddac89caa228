"""Files in and out: spreadsheets become plain data, plain data becomes spreadsheets.

- :mod:`.sheet_reader` opens .xlsx/.xls safely into a grid (SheetReadError otherwise).
- :mod:`.legacy_fonts` converts TCVN3 (.VnTime) and VNI text to Unicode.
- :mod:`.people_import` matches columns and parses rows into ImportRecord values.
- :mod:`.xlsx_writer` writes a styled, printable table; :mod:`.people_export` the people list.

This package never touches the database: the services do.
"""
