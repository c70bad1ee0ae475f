"""Login attempts (table `login_attempts`, migration 0004): the log admins read, and the growing delay that
slows password guessing, computed from it.

The delay is computed from the table, not kept in memory, so it holds across restarts and across every process
serving the page from one database (`sangkien serve` and `sangkien up` at once, or several machines on
PostgreSQL). Each rule counts recent failures sharing the name typed, or the client's address: past `free`
failures, the next attempt must wait `first` seconds after the last failure, twice as long after each further
one, never more than `longest`. So it is a delay, never a lockout: a colleague typing wrong passwords for
someone else's name holds that name back at most `longest` after each real try. An attempt refused because of
the delay is logged but not written: it does not lengthen the delay (hammering would turn it into a lockout),
and a flood of refused requests costs reads, not writes on the database the pipeline writes to.
"""

from __future__ import annotations

import ipaddress
import math
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import delete, func, insert, select

from pipeline.store import Store, utc_now

NAME_LENGTH, ADDRESS_LENGTH = 80, 64  # the columns' sizes (PostgreSQL enforces them)
KEPT = timedelta(days=30)  # older attempts are pruned at the next successful login


@dataclass(frozen=True)
class Delay:
    """A growing delay between failed logins that share `column` ("username": the name typed, or "address")."""

    column: str
    free: int  # failures without any delay
    first: float  # seconds the attempt after them waits; doubled for each further failure
    longest: float
    window: float  # seconds after which a failure is forgotten
    forgiven_by_success: bool  # a successful login starts the count again


# Per name: few free tries, since one person types one name. Per address: more, since an office may share one
# address, and longer waits, since one address trying many names is guessing; a name's longest wait is shorter
# than an address's, so one guesser holding a colleague back leaves them most of the time to log in.
RULES = (
    Delay("username", free=5, first=2, longest=300, window=3600, forgiven_by_success=True),
    Delay("address", free=20, first=2, longest=900, window=3600, forgiven_by_success=False),
)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)  # SQLite gives UTC back zoneless


def client_address(host: str | None) -> str:
    """The address an attempt is counted under: IPv6 clients by their /64 (one machine usually holds a whole
    /64, so counting single addresses would let it change address at each try)."""
    try:
        address = ipaddress.ip_address(host or "")
    except ValueError:
        return (host or "unknown")[:ADDRESS_LENGTH]
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def typed_name(username: str) -> str:
    return username.strip()[:NAME_LENGTH]


def _wait(store: Store, rule: Delay, value: str, now: datetime) -> float:
    t = store.meta.tables["login_attempts"]
    column, since = t.c[rule.column], now - timedelta(seconds=rule.window)
    with store.engine.connect() as conn:
        if rule.forgiven_by_success:
            success = conn.execute(select(func.max(t.c.at)).where(column == value, t.c.success)).scalar()
            since = max(since, _aware(success)) if success else since
        failures, last = conn.execute(select(func.count(), func.max(t.c.at))
                                      .where(column == value, ~t.c.success, t.c.at > since)).one()
    if failures < rule.free:
        return 0.0
    delay = min(rule.longest, rule.first * 2 ** (failures - rule.free))
    return max(0.0, (_aware(last) + timedelta(seconds=delay) - now).total_seconds())


def seconds_to_wait(store: Store, username: str, address: str, rules: tuple[Delay, ...] = RULES) -> int:
    """Whole seconds before this name may try again from this address (0: now)."""
    now, values = utc_now(), {"username": username, "address": address}
    return math.ceil(max((_wait(store, rule, values[rule.column], now) for rule in rules), default=0.0))


def record(store: Store, username: str, address: str, success: bool) -> None:
    t = store.meta.tables["login_attempts"]
    now = utc_now()
    with store.engine.begin() as conn:
        conn.execute(insert(t).values(at=now, username=username, address=address, success=success))
        if success:  # now and then, as the sessions are
            conn.execute(delete(t).where(t.c.at < now - KEPT))


def recent_failures(store: Store, hours: int = 24, limit: int = 50) -> list[dict]:
    """Failed attempts of the last `hours`, one row per name typed and address: {username, address, count,
    last}, the latest first (the admin page)."""
    t = store.meta.tables["login_attempts"]
    last = func.max(t.c.at).label("last")
    query = (select(t.c.username, t.c.address, func.count().label("count"), last)
             .where(~t.c.success, t.c.at > utc_now() - timedelta(hours=hours))
             .group_by(t.c.username, t.c.address).order_by(last.desc()).limit(limit))
    with store.engine.connect() as conn:
        return [dict(row) for row in conn.execute(query).mappings()]
