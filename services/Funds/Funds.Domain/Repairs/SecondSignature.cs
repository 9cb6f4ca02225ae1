namespace Platform.Funds.Domain.Repairs;

/// <summary>
/// 会签 threshold: a disbursement above it is paid only when Finance countersigns it. Data with its history: each row
/// is in force from its business date until a later one takes over; a row is never changed.
/// </summary>
public sealed class SecondSignatureThreshold
{
    /// <summary>
    /// 200,000 yuan, the county's choice (no national rule sets one): the figure <see cref="RepairLimits.SplitThresholdFen"/>
    /// already uses, so a job split to stay under it is flagged as split.
    /// </summary>
    public const long DefaultFen = 20_000_000;

    private SecondSignatureThreshold()
    {
    }

    public SecondSignatureThreshold(Guid id, long thresholdFen, DateOnly effectiveFrom, string setBy, DateTimeOffset setAt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(thresholdFen);
        (Id, ThresholdFen, EffectiveFrom, SetBy, SetAt) = (id, thresholdFen, effectiveFrom, setBy, setAt);
    }

    public Guid Id { get; private set; }

    /// <summary>A disbursement of more than this many fen needs the second signature; one of exactly this much does not.</summary>
    public long ThresholdFen { get; private set; }

    public DateOnly EffectiveFrom { get; private set; }

    public string SetBy { get; private set; } = "";

    public DateTimeOffset SetAt { get; private set; }

    public bool Requires(long amountFen) => amountFen > ThresholdFen;

    /// <summary>A figure takes effect today or later: the past's payments were decided under the figure then in force.</summary>
    public static bool MayTakeEffect(DateOnly effectiveFrom, DateOnly today) => effectiveFrom >= today;

    /// <summary>
    /// The row in force on <paramref name="day"/>: the latest effective on or before it; of one day's rows, the last set.
    /// </summary>
    public static SecondSignatureThreshold InForce(IEnumerable<SecondSignatureThreshold> history, DateOnly day) =>
        history.Where(t => t.EffectiveFrom <= day).OrderByDescending(t => t.EffectiveFrom).ThenByDescending(t => t.SetAt).FirstOrDefault()
        ?? throw new InvalidOperationException($"No second-signature threshold is in force on {day:yyyy-MM-dd}; the migration seeds one.");
}

public enum DisbursementStatus
{
    /// <summary>At or below the threshold: booked when asked.</summary>
    Booked,

    /// <summary>Above the threshold: its bank reference reserved, nothing booked until Finance decides.</summary>
    AwaitingCountersignature,

    /// <summary>Finance countersigned: booked then.</summary>
    Countersigned,

    /// <summary>Finance refused: nothing booked, the bank reference free again.</summary>
    Refused,
}

/// <summary>Why a move on a disbursement is refused; <see cref="Reason"/> is the stable problem code.</summary>
public sealed record DisbursementRefusal(string Reason, params object?[] Args)
{
    public const string Countersigned = "disbursement_countersigned";
    public const string Refused = "disbursement_refused";
    public const string NoCountersignatureAsked = "countersignature_not_required";
    public const string OwnRequest = "countersigner_is_requester";
}

/// <summary>
/// A payment from the fund for a repair project: booked at once at or below the second-signature threshold in force, or
/// awaiting Finance's countersignature above it, then countersigned (and booked) or refused — each decision once.
/// </summary>
public sealed class Disbursement
{
    private Disbursement()
    {
    }

    public Guid Id { get; private set; }

    public Guid ProjectId { get; private set; }

    public Guid CommunityId { get; private set; }

    public long AmountFen { get; private set; }

    /// <summary>The bank's reference of the outgoing payment; one reference pays once.</summary>
    public string BankReference { get; private set; } = "";

    /// <summary>The threshold in force when it was asked for (evidence of why it needed, or did not need, a second signature).</summary>
    public long ThresholdFen { get; private set; }

    public DisbursementStatus Status { get; private set; }

    public string RequestedBy { get; private set; } = "";

    public DateTimeOffset RequestedAt { get; private set; }

    public string? DecidedBy { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? RefusalReason { get; private set; }

    /// <summary>The journal transaction that paid it, once booked.</summary>
    public Guid? TransactionId { get; private set; }

    /// <summary>Concurrency token (PostgreSQL xmin): two countersignatures may race.</summary>
    public uint Version { get; private set; }

    public bool AwaitsCountersignature => Status == DisbursementStatus.AwaitingCountersignature;

    /// <summary>Whether it is to be booked now: when asked for at or below the threshold, or when countersigned.</summary>
    public bool IsToBeBooked => (Status is DisbursementStatus.Booked or DisbursementStatus.Countersigned) && TransactionId is null;

    /// <summary>The housing bureau asks; the threshold in force decides whether Finance must countersign first.</summary>
    public static Disbursement Request(
        Guid id, Guid projectId, Guid communityId, long amountFen, string bankReference, SecondSignatureThreshold threshold,
        string requestedBy, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amountFen);
        return new Disbursement
        {
            Id = id, ProjectId = projectId, CommunityId = communityId, AmountFen = amountFen, BankReference = bankReference,
            ThresholdFen = threshold.ThresholdFen, RequestedBy = requestedBy, RequestedAt = now,
            Status = threshold.Requires(amountFen) ? DisbursementStatus.AwaitingCountersignature : DisbursementStatus.Booked,
        };
    }

    /// <summary>会签: Finance signs the second time; the caller then books it. Null when done, else why not.</summary>
    public DisbursementRefusal? Countersign(string countersignedBy, DateTimeOffset now)
    {
        if (RefuseDecision(countersignedBy) is { } refusal)
        {
            return refusal;
        }

        (Status, DecidedBy, DecidedAt) = (DisbursementStatus.Countersigned, countersignedBy, now);
        return null;
    }

    /// <summary>Finance will not sign: nothing is booked and the bank reference is free again. Null when done, else why not.</summary>
    public DisbursementRefusal? RefuseCountersignature(string refusedBy, string reason, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (RefuseDecision(refusedBy) is { } refusal)
        {
            return refusal;
        }

        (Status, DecidedBy, DecidedAt, RefusalReason) = (DisbursementStatus.Refused, refusedBy, now, reason.Trim());
        return null;
    }

    /// <summary>Records the journal transaction that paid it.</summary>
    public void Booked(Guid transactionId)
    {
        if (!IsToBeBooked)
        {
            var booked = TransactionId is null ? "" : ", booked";
            throw new InvalidOperationException($"Disbursement {Id} is {Status}{booked}; it cannot be booked now.");
        }

        TransactionId = transactionId;
    }

    private DisbursementRefusal? RefuseDecision(string decidedBy) => Status switch
    {
        DisbursementStatus.Countersigned => new DisbursementRefusal(DisbursementRefusal.Countersigned, Id, DecidedAt),
        DisbursementStatus.Refused => new DisbursementRefusal(DisbursementRefusal.Refused, Id, DecidedAt),
        DisbursementStatus.Booked => new DisbursementRefusal(DisbursementRefusal.NoCountersignatureAsked, Id, ThresholdFen),
        _ when decidedBy == RequestedBy => new DisbursementRefusal(DisbursementRefusal.OwnRequest, Id),
        _ => null,
    };
}
