"""Dates and times as editors may type them, for every date and time box of the admin.

Django's English formats read "09/12/2026" as 12 September (LANGUAGE_CODE is en-us): a
writer who meant 9 December published a page at once. A date with slashes is read one way
in the US and the other in the UK, so none is accepted; a year-month-day date (what the
admin's calendar writes: the first format here) and a date with the month in words are, and
the boxes say so when refused (articles/admin_boxes.py). Python's %d and %I take one digit
or two ("9 Dec 2026", "9am"), and %p either case ("9 PM").
"""

DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # 2026-12-09, first: the calendar and the "Today" link write this
    "%d %B %Y",  # 9 December 2026
    "%d %b %Y",  # 9 Dec 2026
    "%d %B, %Y",
    "%d %b, %Y",
    "%B %d, %Y",  # December 9, 2026
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
]

TIME_INPUT_FORMATS = [
    "%H:%M:%S",  # 14:30:00, first: the clock and the "Now" link write this
    "%H:%M:%S.%f",
    "%H:%M",  # 09:00, 14:30
    "%I%p",  # 9am
    "%I %p",  # 9 am
    "%I:%M%p",  # 9:30pm
    "%I:%M %p",  # 9:30 pm
]

# A date and time in one box (not the admin's two boxes): the same dates, never slashed.
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]
