"""Import and export of the coalition's people and member organizations as CSV or XLSX.

`tables` reads and writes the files, `cells` reads one value, `report` says what happened
to every row, and `people` and `organizations` check rows against the database and write
them. The services in `amicc.coalition.services.imports` put these together.
"""
