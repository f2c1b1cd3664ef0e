package io.outbound.campaign.rules;

import static io.outbound.campaign.rules.RuleFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallResult;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.CallSessionStatus;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignProgress;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.spi.OutcomeReport;
import io.outbound.campaign.spi.RetryPlanner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Any sequence of claims, dials, returns, outcomes, lease expiries, late outcomes and resumes, applied as a store
 * applies the rules' decisions: the counters moved by the decisions' deltas always equal a recount of the
 * contacts' states, the states partition the contacts, a contact is in at most one call, a reached contact stays
 * completed, and a running campaign with nothing left is completed.
 */
class CallRulesPropertyTest {

    enum Kind { CLAIM, DIAL, RETURN, OUTCOME, EXPIRE, LATE, RESUME }

    record Op(Kind kind, int pick, CallOutcome outcome, boolean retry) {
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 20),
                Arbitraries.of(CallOutcome.class), Arbitraries.of(true, false)).as(Op::new);
        return op.list().ofMaxSize(80);
    }

    @Property(tries = 400)
    void counters_always_equal_a_recount_and_the_states_partition_the_contacts(
            @ForAll @IntRange(min = 1, max = 8) int contacts, @ForAll("operations") List<Op> ops) {
        Model model = new Model(contacts);
        for (Op op : ops) {
            model.apply(op);
            model.check(op);
        }
    }

    /** Contacts, sessions and a campaign, moved only as the rules decide. */
    private static final class Model {
        final List<ContactFacts> contacts = new ArrayList<>();
        final List<Call> calls = new ArrayList<>();
        Campaign campaign;
        int streak;
        Instant now = T0;

        Model(int size) {
            for (int i = 0; i < size; i++) {
                contacts.add(ContactFacts.IMPORTED);
            }
            campaign = RuleFixtures.campaign(CampaignStatus.RUNNING, size, 0, 0, 0, 0);
        }

        void apply(Op op) {
            now = now.plusSeconds(1);
            switch (op.kind()) {
                case CLAIM -> claim(op.pick() % 4 + 1);
                case DIAL -> pick(op.pick(), c -> c.open && !c.dialled).ifPresent(c -> c.dialled = true);
                case RETURN -> pick(op.pick(), c -> c.open && !c.dialled).ifPresent(this::giveBack);
                case OUTCOME -> pick(op.pick(), c -> c.open && c.dialled).ifPresent(c -> outcome(c, op));
                case EXPIRE -> pick(op.pick(), c -> c.open && c.dialled).ifPresent(this::expire);
                case LATE -> pick(op.pick(), c -> !c.open && c.lost && !c.lateRecorded).ifPresent(c -> late(c, op));
                case RESUME -> {
                    if (campaign.status() == CampaignStatus.PAUSED) {
                        campaign = campaign.withStatus(CampaignStatus.RUNNING, null, now);
                    }
                }
            }
        }

        private java.util.Optional<Call> pick(int index, java.util.function.Predicate<Call> which) {
            List<Call> candidates = calls.stream().filter(which).toList();
            return candidates.isEmpty() ? java.util.Optional.empty()
                    : java.util.Optional.of(candidates.get(index % candidates.size()));
        }

        private void claim(int wanted) {
            campaign = CampaignLifecycle.completedIfFinished(campaign, now);
            if (campaign.status() != CampaignStatus.RUNNING) {
                return;
            }
            for (int i = 0; i < contacts.size() && wanted > 0; i++) {
                ContactFacts contact = contacts.get(i);
                if (contact.state() == ContactState.PENDING || contact.state() == ContactState.RETRY_SCHEDULED) {
                    String id = "s" + calls.size();
                    calls.add(new Call(id, i, contact.lastSessionId(), new CallSession(id, 7, "+1415555010" + i,
                            contact.attempts() + 1, CallSessionStatus.IN_PROGRESS, null, false, "+14155550999",
                            now, null, null, null, null, null, Map.of(), null)));
                    move(i, CallRules.claimed(contact, id),
                            CounterDelta.move(contact.state(), ContactState.IN_PROGRESS));
                    wanted--;
                }
            }
        }

        private void giveBack(Call call) {
            ContactFacts back = CallRules.returned(contacts.get(call.contact), call.previous);
            move(call.contact, back, CounterDelta.move(ContactState.IN_PROGRESS, back.state()));
            calls.remove(call);
        }

        private void outcome(Call call, Op op) {
            RetryPlanner planner = (c, o, attempt, end) -> op.retry() && attempt < 3 ? end.plusSeconds(60) : null;
            CallRules.Outcome decided = CallRules.outcome(campaign, call.session, contacts.get(call.contact), streak,
                    new OutcomeReport(call.id, CallResult.of(op.outcome()), now, planner, 3, op.pick() % 5 == 0));
            call.end(decided.end());
            contacts.set(call.contact, decided.contact());
            streak = decided.failureStreak();
            campaign = decided.campaign();
            if (decided.leftRunning()) {
                calls.stream().filter(c -> c.open && !c.dialled).toList().forEach(this::giveBack);
            }
        }

        private void expire(Call call) {
            CallRules.Ending decided = CallRules.expired(campaign, call.session, contacts.get(call.contact), "node-a",
                    now);
            call.end(decided.end());
            contacts.set(call.contact, decided.contact());
            campaign = decided.campaign();
        }

        private void late(Call call, Op op) {
            CallRules.Ending decided = CallRules.late(campaign, call.session, contacts.get(call.contact),
                    new OutcomeReport(call.id, CallResult.of(op.outcome()), now, (c, o, a, e) -> e, 3));
            call.end(decided.end());
            call.lateRecorded = true;
            contacts.set(call.contact, decided.contact());
            campaign = decided.campaign();
        }

        private void move(int index, ContactFacts next, CounterDelta delta) {
            contacts.set(index, next);
            campaign = campaign.withProgress(delta.applyTo(campaign.progress(), campaign.status()));
        }

        void check(Op op) {
            Map<ContactState, Long> recount = new EnumMap<>(ContactState.class);
            contacts.forEach(c -> recount.merge(c.state(), 1L, Long::sum));
            long answered = contacts.stream().filter(ContactFacts::answered).count();
            CampaignProgress expected = CampaignProgress.of(campaign.status(),
                    recount.getOrDefault(ContactState.PENDING, 0L), recount.getOrDefault(ContactState.IN_PROGRESS, 0L),
                    recount.getOrDefault(ContactState.RETRY_SCHEDULED, 0L),
                    recount.getOrDefault(ContactState.COMPLETED, 0L), recount.getOrDefault(ContactState.FAILED, 0L),
                    answered);
            assertThat(campaign.progress()).isEqualTo(expected);
            assertThat(campaign.progress().totalContacts()).isEqualTo(contacts.size());
            for (int i = 0; i < contacts.size(); i++) {
                int index = i;
                long open = calls.stream().filter(c -> c.open && c.contact == index).count();
                ContactFacts contact = contacts.get(i);
                assertThat(open).as("calls in flight of contact %d", i)
                        .isEqualTo(contact.state() == ContactState.IN_PROGRESS ? 1 : 0);
                assertThat(contact.reached()).as("reached contact %d is completed", i)
                        .isEqualTo(contact.state() == ContactState.COMPLETED);
                assertThat(contact.attempts()).as("attempts of contact %d", i)
                        .isEqualTo(calls.stream().filter(c -> c.contact == index).count());
            }
            boolean decides = op.kind() == Kind.CLAIM || op.kind() == Kind.OUTCOME || op.kind() == Kind.EXPIRE;
            if (decides && campaign.progress().finished()) {
                // (A resumed campaign with nothing left completes at its next claim.)
                assertThat(campaign.status()).as("a running campaign with nothing left after %s", op)
                        .isNotEqualTo(CampaignStatus.RUNNING);
            }
        }
    }

    /** A session as the model keeps it. */
    private static final class Call {
        final String id;
        final int contact;
        final String previous;
        CallSession session;
        boolean open = true;
        boolean dialled;
        boolean lost;
        boolean lateRecorded;

        Call(String id, int contact, String previous, CallSession session) {
            this.id = id;
            this.contact = contact;
            this.previous = previous;
            this.session = session;
        }

        void end(SessionEnd end) {
            session = end.applyTo(session);
            open = false;
            lost |= end.lost();
        }
    }
}
