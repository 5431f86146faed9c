"""carekit: a pure-domain, sans-I/O toolkit for social-media customer care.

This module only re-exports the public API; each name lives in a concept
module (``carekit.money``, ``carekit.intervals``...) documented on its own.
"""

from carekit.errors import CarekitError as CarekitError
from carekit.errors import CurrencyMismatch as CurrencyMismatch
from carekit.errors import IllegalTransition as IllegalTransition
from carekit.errors import InvalidValue as InvalidValue
from carekit.errors import PermissionDenied as PermissionDenied
from carekit.errors import PolicyError as PolicyError
from carekit.errors import StructureError as StructureError
from carekit.intervals import Interval as Interval
from carekit.intervals import IntervalSet as IntervalSet
from carekit.intervals import aware as aware
from carekit.money import Money as Money
from carekit.payments import Payment as Payment
from carekit.payments import PaymentPurpose as PaymentPurpose
from carekit.payments import PercentageFee as PercentageFee
from carekit.payments import facebook_pay_2019 as facebook_pay_2019

__version__ = "0.1.0.dev0"
