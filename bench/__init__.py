"""The national-scale benchmark (issue 11): ``make bench`` or ``python -m bench --help``.

``bench.app`` is the WSGI app gunicorn serves (the portal plus two routes that exist only
here), ``bench.pages`` the table of measured pages and their targets, ``bench.dataset``
makes or reuses the generated data, ``bench.run`` drives gunicorn and ``wrk``.
"""
