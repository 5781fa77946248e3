"""The problems the HSDS reader refuses a file for, as translatable templates."""

from __future__ import annotations

from pathways.core.errors import _, message

NOT_A_LIST = message(_("expected a list of services (or an object with \"contents\"), got "
                       "%(found)s"), "found")
NOT_AN_OBJECT = message(_("expected an object, got %(found)s"), "found")
NOT_A_LIST_FIELD = message(_("expected a list, got %(found)s"), "found")
REQUIRED = message(_("is required"))
NOT_TEXT = message(_("expected text, got %(found)s"), "found")
TOO_LONG = message(_("is %(length)s characters long; the limit is %(limit)s"),
                   "length", "limit")
NOT_IN = message(_("%(value)s is not one of %(allowed)s"), "value", "allowed")
NOT_A_NUMBER = message(_("expected a number, got %(value)s"), "value")
NOT_WHOLE = message(_("expected a whole number from 0 to 150, got %(value)s"), "value")
NOT_A_DATE = message(_("expected a date as YYYY-MM-DD, got %(value)s"), "value")
NOT_A_TIME = message(_("expected a time as HH:MM (with an optional Z or UTC offset), got "
                       "%(value)s"), "value")
NOT_BYDAY = message(_("expected days as MO,TU,WE,TH,FR,SA,SU (MONTHLY: 2MO, -1FR), got "
                      "%(value)s"), "value")
NOT_CURRENCY = message(_("expected a three-letter currency code such as USD, got %(value)s"),
                       "value")
NOT_STATE = message(_("expected a two-letter USPS state code such as KY, got %(value)s"),
                    "value")
DUPLICATE_ID = message(_("the id %(id)s is used twice"), "id")
UNKNOWN_REFERENCE = message(_("no %(kind)s with the id %(id)s in the files"), "kind", "id")
NO_SERVICES = message(_("holds no service"))
MISSING_FILE = message(_("services.csv is missing (found: %(found)s)"), "found")
MISSING_COLUMN = message(_("the column %(column)s is missing"), "column")
TOO_MANY_ROWS = message(_("has more than %(limit)s rows; split the directory"), "limit")
BAD_ZIP = message(_("not a zip file of HSDS tables: %(reason)s"), "reason")
TOO_LARGE = message(_("is larger than %(limit)s bytes; split it into smaller files"), "limit")
NOT_UTF8 = message(_("not UTF-8 text (byte %(byte)s)"), "byte")
BAD_CSV = message(_("not a CSV table: %(reason)s"), "reason")
MIN_OVER_MAX = message(_("the minimum age %(minimum)s is above the maximum age %(maximum)s"),
                       "minimum", "maximum")
