"""Random sequences of everything that moves money, across two organisations, checked after
every step: no cap period ever holds more than its cap, every total equals a brute-force sum
of the rows, and no alert is active whose condition is false. Runs on SQLite and, with
DATABASE_URL set, on PostgreSQL."""

from __future__ import annotations

import contextlib
from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from contributors.models import BenefitCircumstances
from coproduce.api.errors import ApplicationError
from payments import services
from payments.ledger import counted_total
from payments.models import Payment, PaymentPreference, PaymentRun
from periods import PeriodKind, period_containing
from tests.factories import ContributorFactory
from thresholds.models import ThresholdAlert
from thresholds.monitoring.alerts import contributor_evaluate
from thresholds.monitoring.evaluation import Level, level_for
from thresholds.monitoring.statuses import contributors_statuses

from .conftest import Org

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 1)  # a Tuesday
FIRST = date(2026, 11, 16)
CAP = Decimal("30.00")
ESA_LOWER = Decimal("20.00")

# Few weeks and round amounts, so that weeks fill up and late payments collide often.
amounts = st.sampled_from(["30.00", "20.00", "12.50"]).map(Decimal)
days = st.integers(0, 13).map(lambda n: FIRST + timedelta(days=n))
past_days = st.integers(0, (TODAY - FIRST).days).map(lambda n: FIRST + timedelta(days=n))
future_days = st.integers(0, 12).map(lambda n: TODAY + timedelta(days=n))
picks = st.integers(0, 10_000)


def _counts(payment: Payment) -> bool:
    return (
        payment.kind == "fee"
        and payment.status in ("pending", "approved", "paid")
        and payment.choice != "donate"
    )


def _brute_total(contributor_id: int, start: date, end: date) -> Decimal:
    return sum(
        (
            p.payable
            for p in Payment.objects.filter(contributor_id=contributor_id)
            if _counts(p) and start <= p.counts_on <= end
        ),
        start=Decimal("0.00"),
    )


class Ledger(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.orgs = [Org("Northfield"), Org("Southdown")]
        self.person = ContributorFactory.create()
        for org in self.orgs:
            org.engage(self.person)
        BenefitCircumstances.objects.create(
            user=self.person, receives_esa=True, esa_permitted_work_limit="lower"
        )
        PaymentPreference.objects.create(
            contributor=self.person, choice="capped", cap_amount=CAP, cap_period="benefit_week"
        )

    def _payments(self) -> list[Payment]:
        return list(Payment.objects.filter(contributor=self.person).order_by("pk"))

    def _pick(self, pick: int, *statuses: str) -> Payment | None:
        found = [p for p in self._payments() if not statuses or p.status in statuses]
        return found[pick % len(found)] if found else None

    def _try(self, action: object) -> None:
        # Refused (a 4xx) is fine: the state must still hold every promise.
        with contextlib.suppress(ApplicationError):
            action()  # type: ignore[operator]

    @rule(org=st.integers(0, 1), amount=amounts, due=days, approve=st.booleans())
    def record(self, org: int, amount: Decimal, due: date, approve: bool) -> None:
        payment = services.payment_record(
            by=self.orgs[org].coordinator, contributor=self.person, kind="fee",
            amount=amount, description="Session", due_on=due, time_based=False,
        ).payment  # fmt: skip
        if approve:
            services.payment_approve(by=self.orgs[org].finance, payment=payment)

    @rule(pick=picks)
    def approve(self, pick: int) -> None:
        payment = self._pick(pick, "pending")
        if payment is not None:
            finance = self._org_of(payment).finance
            self._try(lambda: services.payment_approve(by=finance, payment=payment))

    @rule(pick=picks, due=days)
    def reschedule(self, pick: int, due: date) -> None:
        payment = self._pick(pick, "pending", "approved")
        if payment is not None:
            by = self._org_of(payment).coordinator
            self._try(lambda: services.payment_reschedule(by=by, payment=payment, due_on=due))

    @rule(pick=picks, paid_on=past_days)
    def mark_paid(self, pick: int, paid_on: date) -> None:
        payment = self._pick(pick, "approved")
        if payment is not None:
            by = self._org_of(payment).finance
            self._try(lambda: services.payment_mark_paid(by=by, payment=payment, paid_on=paid_on))

    @rule(pick=picks, reason=st.just("Not needed"))
    def cancel(self, pick: int, reason: str) -> None:
        payment = self._pick(pick)
        if payment is not None:
            by = self._org_of(payment).finance
            self._try(lambda: services.payment_cancel(by=by, payment=payment, reason=reason))

    @rule(org=st.integers(0, 1), pay_on=st.none() | future_days)
    def run(self, org: int, pay_on: date | None) -> None:
        by = self.orgs[org].finance
        self._try(lambda: services.payment_run_create(by=by, pay_on=pay_on))

    @rule(org=st.integers(0, 1), pick=picks, paid_on=past_days)
    def run_mark_paid(self, org: int, pick: int, paid_on: date) -> None:
        runs = list(PaymentRun.objects.filter(organisation=self.orgs[org].organisation))
        if runs:
            run = runs[pick % len(runs)]
            by = self.orgs[org].finance
            self._try(lambda: services.payment_run_mark_paid(by=by, run=run, paid_on=paid_on))

    @rule(choice=st.sampled_from(["capped", "expenses_only", "donate"]))
    def preference(self, choice: str) -> None:
        data: dict[str, object] = {"choice": choice}
        if choice == "capped":
            data.update(cap_amount=CAP, cap_period="benefit_week")
        if choice == "donate":
            data["charity_name"] = "Mind"
        services.preference_set(contributor=self.person, data=data)

    def _org_of(self, payment: Payment) -> Org:
        return next(o for o in self.orgs if o.organisation.pk == payment.organisation_id)

    @invariant()
    def no_cap_period_holds_more_than_its_cap(self) -> None:
        for payment in self._payments():
            if _counts(payment) and payment.choice == "capped" and payment.payable > 0:
                week = period_containing(PeriodKind.BENEFIT_WEEK, payment.counts_on)
                total = _brute_total(self.person.pk, week.start, week.end)
                assert total <= Decimal(payment.choice_snapshot["cap_amount"]), (week, total)

    @invariant()
    def every_total_equals_the_rows(self) -> None:
        statuses = contributors_statuses([self.person.pk], today=TODAY)[self.person.pk]
        for status in statuses:
            if status.key == "esa_pw_lower":
                brute = _brute_total(self.person.pk, status.period.start, status.period.end)
                assert status.counted == brute
                assert (
                    counted_total(
                        contributor_id=self.person.pk,
                        start=status.period.start,
                        end=status.period.end,
                    )
                    == brute
                )

    @invariant()
    def no_active_alert_is_false(self) -> None:
        contributor_evaluate(contributor_id=self.person.pk, today=TODAY)
        for alert in ThresholdAlert.objects.filter(
            contributor=self.person, resolved_at__isnull=True, limit_key="esa_pw_lower"
        ):
            brute = _brute_total(self.person.pk, alert.period_start, alert.period_end)
            now = level_for(brute, ESA_LOWER).rank
            assert now >= Level(alert.level).rank, (alert.period_start, brute)


def test_random_money_sequences_keep_every_promise(db: None) -> None:
    with time_machine.travel("2026-12-01 10:00 +00:00", tick=False):
        run_state_machine_as_test(
            Ledger,
            settings=settings(
                max_examples=8,
                stateful_step_count=10,
                deadline=None,
                suppress_health_check=list(HealthCheck),
            ),
        )
