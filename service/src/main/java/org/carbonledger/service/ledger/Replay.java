package org.carbonledger.service.ledger;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.carbonledger.client.ledger.Replays;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.json.JsonObject;

/**
 * How a command recognises its own retry, so that every command is safe to send twice. The ledger refuses the second
 * attempt (a create as {@code DUPLICATE_ID}, a step on an object as {@code INVALID_STATE} or the like); the object
 * stored on the ledger then decides:
 * <ul>
 *   <li>it already holds what the request asks for: the answer is a replay of it ({@code "replayed": true}, the
 *       transaction that made it, nothing new written);</li>
 *   <li>it holds something else: a create is refused 409 naming the first member that differs, a step keeps the
 *       ledger's own refusal;</li>
 *   <li>there is none, or the refusal is of another kind: the ledger's failure stands.</li>
 * </ul>
 *
 * <pre>{@code
 * Receipt receipt = ledger.submitOrReplay(Identity.CLIENT,
 *         Replay.ofCreate(device, () -> ledger.find(LedgerOperation.GET_DEVICE, organization, id)),
 *         LedgerOperation.REGISTER_DEVICE, Bodies.argument(device));
 * }</pre>
 *
 * <p>A create repeats the stored object when every member it sent is stored with the same value
 * ({@link #difference}): the ledger adds members of its own (owner, timestamps, transaction id), so the comparison is
 * one-way. Values the ledger stores in a normal form are compared as values: GTINs as GTIN-14, hashes in either case,
 * decimal amounts by value, instants as instants, public keys by fingerprint.
 */
public final class Replay {
    private final Set<ErrorCode> retryRefusals;
    private final Supplier<Optional<JsonObject>> stored;
    private final Function<JsonObject, Optional<String>> difference;
    private final String txIdMember;
    private final boolean create;

    private Replay(Set<ErrorCode> retryRefusals, Supplier<Optional<JsonObject>> stored,
                   Function<JsonObject, Optional<String>> difference, String txIdMember, boolean create) {
        this.retryRefusals = Set.copyOf(retryRefusals);
        this.stored = Objects.requireNonNull(stored, "stored");
        this.difference = Objects.requireNonNull(difference, "difference");
        this.txIdMember = Objects.requireNonNull(txIdMember, "txIdMember");
        this.create = create;
    }

    /**
     * A create under a client-chosen id, retried with the same body.
     *
     * @param request the object as the client sent it
     * @param stored reads the object the id names from the ledger (empty when there is none)
     * @return the replay rule
     */
    public static Replay ofCreate(JsonObject request, Supplier<Optional<JsonObject>> stored) {
        Objects.requireNonNull(request, "request");
        return ofCreate(existing -> difference(request, existing), stored);
    }

    /**
     * A create whose stored form differs from the request in more than {@link #difference} knows (another member name,
     * parts stored under keys of their own).
     *
     * @param difference the path of the first member where the stored object differs from the request, if any
     * @param stored reads the object the id names from the ledger (empty when there is none)
     * @return the replay rule
     */
    public static Replay ofCreate(Function<JsonObject, Optional<String>> difference,
                                  Supplier<Optional<JsonObject>> stored) {
        return new Replay(EnumSet.of(ErrorCode.DUPLICATE_ID, ErrorCode.ALREADY_EXISTS), stored, difference, "txId", true);
    }

    /**
     * A step on an existing object (seal, revoke, receive, approve...), which the ledger refuses once it has been taken.
     *
     * @param done whether the stored object shows this very step taken
     * @param stored reads the object from the ledger (empty when there is none)
     * @param txIdMember the stored member naming the transaction that took the step, e.g. {@code sealTxId}
     * @param refusal the refusal the ledger answers a repeated step with
     * @param more further such refusals
     * @return the replay rule
     */
    public static Replay ofStep(Predicate<JsonObject> done, Supplier<Optional<JsonObject>> stored, String txIdMember,
                                ErrorCode refusal, ErrorCode... more) {
        Objects.requireNonNull(done, "done");
        return new Replay(EnumSet.of(refusal, more), stored,
                existing -> done.test(existing) ? Optional.empty() : Optional.of(txIdMember), txIdMember, false);
    }

    /**
     * The answer to a command the ledger did not carry out.
     *
     * @param failure how the submission failed
     * @return a replay of the stored object when the failure refused a retry of a command the ledger already holds
     * @throws LedgerFailure otherwise: {@code failure} itself, or for a create whose id holds a different object, the
     *     refusal explained by the member that differs
     */
    public Receipt answer(LedgerFailure failure) {
        Objects.requireNonNull(failure, "failure");
        if (failure.refusal().filter(r -> retryRefusals.contains(r.code())).isEmpty()) {
            throw failure;
        }
        JsonObject existing = stored.get().orElseThrow(() -> failure);
        Optional<String> differs = difference.apply(existing);
        if (differs.isEmpty()) {
            return Receipt.replayOf(existing, txIdMember);
        }
        if (!create) {
            throw failure;
        }
        throw failure.explained("; the ledger holds a different object under this id (" + differs.get()
                + " differs), so this request is not a retry of the one that created it");
    }

    /**
     * @return the path of the first member that differs, or empty when the request repeats the stored object; the
     *     comparison is the client's {@link Replays}, so carbonctl decides a replay the same way
     */
    public static Optional<String> difference(JsonObject request, JsonObject stored) {
        return Replays.difference(request, stored);
    }
}
