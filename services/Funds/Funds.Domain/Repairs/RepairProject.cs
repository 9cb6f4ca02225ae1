using Platform.Contracts.Events;

namespace Platform.Funds.Domain.Repairs;

/// <summary>Why a move on a repair project is refused; <see cref="Reason"/> is the stable problem code the API answers.</summary>
public sealed record RepairRefusal(string Reason, params object?[] Args)
{
    public const string ContractorBlacklisted = "contractor_blacklisted";
    public const string PublicityNotOver = "publicity_not_over";
    public const string EmergencyLimitReached = "emergency_limit_reached";
    public const string NotApprovable = "project_not_approvable";
    public const string NotApproved = "project_not_approved";
    public const string NotAccepted = "project_not_accepted";
    public const string CountersignaturePending = "countersignature_pending";
    public const string SettlementMismatch = "settlement_mismatch";

    /// <summary>A resolution arrived for a project no longer awaiting the owners' vote (not an API answer: the event is ignored).</summary>
    public const string NotAwaitingVote = "project_not_awaiting_vote";

    /// <summary>The owners passed a scope that leaves out some of the project's units (the project keeps waiting).</summary>
    public const string ScopeNotCovered = "resolution_scope_not_covered";
}

/// <summary>What is proposed: the repair, its scope, budget and contractor (values already validated by the request).</summary>
public sealed record RepairProposal(
    RepairTrack Track, EmergencyCategory? EmergencyCategory, string Title, string Item, Guid[] ScopeUnitIds, long BudgetFen,
    Guid ContractorId, string ContractorName);

/// <summary>
/// A repair of common parts paid from the fund (维修项目): its scope (the units sharing the cost), budget and contractor,
/// and where it stands on its track — normal: awaiting the owners' vote → in publicity → approved; emergency: awaiting
/// approval → approved; then accepted (验收) and settled (结算). Each move refuses an illegal step with a named reason and
/// records the integration events to publish with the save.
/// </summary>
public sealed class RepairProject
{
    /// <summary>The reference a governance proposal carries to decide this project: <c>repair-project:{id}</c>.</summary>
    public const string ReferencePrefix = "repair-project:";

    private readonly List<object> _events = [];

    private RepairProject()
    {
    }

    public Guid Id { get; private set; }

    public Guid CommunityId { get; private set; }

    public RepairTrack Track { get; private set; }

    public EmergencyCategory? EmergencyCategory { get; private set; }

    public string Title { get; private set; } = "";

    /// <summary>What is repaired ("3号楼1单元电梯"), compared to find repeated emergencies and split jobs.</summary>
    public string Item { get; private set; } = "";

    public Guid[] ScopeUnitIds { get; private set; } = [];

    public long BudgetFen { get; private set; }

    public Guid ContractorId { get; private set; }

    public string ContractorName { get; private set; } = "";

    public RepairStatus Status { get; private set; }

    public string ProposedBy { get; private set; } = "";

    public DateTimeOffset ProposedAt { get; private set; }

    /// <summary>The governance proposal whose resolution decided it (normal track).</summary>
    public Guid? ResolutionProposalId { get; private set; }

    public DateOnly? PublicityEndsOn { get; private set; }

    public string? ApprovedBy { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    public DateTimeOffset? AcceptedAt { get; private set; }

    public long DisbursedFen { get; private set; }

    public DateTimeOffset? SettledAt { get; private set; }

    /// <summary>Concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    public string Reference => $"{ReferencePrefix}{Id}";

    /// <summary>The integration events its moves recorded, for the handler to queue in the outbox with the save.</summary>
    public IReadOnlyList<object> Events => _events;

    /// <summary>Money may leave the fund for it only between approval and settlement.</summary>
    public bool IsPayable => Status is RepairStatus.Approved or RepairStatus.Accepted;

    /// <summary>
    /// Proposed on its track: a normal project waits for the owners' vote, an emergency for the housing bureau. Never with
    /// a contractor on the blacklist.
    /// </summary>
    public static (RepairProject? Project, RepairRefusal? Refused) Propose(
        Guid id, Guid communityId, RepairProposal proposal, bool contractorBlacklisted, string proposedBy, DateTimeOffset now)
    {
        if (contractorBlacklisted)
        {
            return (null, new RepairRefusal(RepairRefusal.ContractorBlacklisted, proposal.ContractorId));
        }

        var emergency = proposal.Track == RepairTrack.Emergency;
        return (new RepairProject
        {
            Id = id, CommunityId = communityId, Track = proposal.Track, EmergencyCategory = emergency ? proposal.EmergencyCategory : null,
            Title = proposal.Title.Trim(), Item = proposal.Item.Trim(), ScopeUnitIds = proposal.ScopeUnitIds,
            BudgetFen = proposal.BudgetFen,
            ContractorId = proposal.ContractorId, ContractorName = proposal.ContractorName.Trim(),
            Status = emergency ? RepairStatus.AwaitingApproval : RepairStatus.AwaitingVote, ProposedBy = proposedBy, ProposedAt = now,
        }, null);
    }

    /// <summary>The owners passed it over a scope covering its units: publicised (立项公示) for the county's publicity days.</summary>
    public RepairRefusal? PassVote(Guid proposalId, IReadOnlyCollection<Guid> passedScope, DateOnly decidedOn, int publicityDays)
    {
        if (Status != RepairStatus.AwaitingVote)
        {
            return new RepairRefusal(RepairRefusal.NotAwaitingVote, Status);
        }

        if (ScopeUnitIds.Except(passedScope).Any())
        {
            return new RepairRefusal(RepairRefusal.ScopeNotCovered, proposalId);
        }

        (Status, ResolutionProposalId, PublicityEndsOn) = (RepairStatus.InPublicity, proposalId, decidedOn.AddDays(publicityDays));
        return null;
    }

    /// <summary>The owners did not pass it: rejected, and it can never be paid.</summary>
    public RepairRefusal? RejectByVote(Guid proposalId)
    {
        if (Status != RepairStatus.AwaitingVote)
        {
            return new RepairRefusal(RepairRefusal.NotAwaitingVote, Status);
        }

        (Status, ResolutionProposalId) = (RepairStatus.Rejected, proposalId);
        return null;
    }

    /// <summary>
    /// The housing bureau approves: a normal project once its publicity is over; an emergency at once, while the community
    /// has used fewer emergency approvals this year than the county allows. Records <c>RepairProjectApproved</c>.
    /// </summary>
    public RepairRefusal? Approve(
        string approvedBy, DateTimeOffset now, DateOnly today, int emergencyApprovalsThisYear, RepairLimits limits)
    {
        switch (Track, Status)
        {
            case (RepairTrack.Normal, RepairStatus.InPublicity) when today <= PublicityEndsOn:
                return new RepairRefusal(RepairRefusal.PublicityNotOver, PublicityEndsOn);
            case (RepairTrack.Normal, RepairStatus.InPublicity):
                break;
            case (RepairTrack.Emergency, RepairStatus.AwaitingApproval) when emergencyApprovalsThisYear >= limits.EmergencyUsesPerYear:
                return new RepairRefusal(RepairRefusal.EmergencyLimitReached, emergencyApprovalsThisYear, limits.EmergencyUsesPerYear);
            case (RepairTrack.Emergency, RepairStatus.AwaitingApproval):
                break;
            default:
                return new RepairRefusal(RepairRefusal.NotApprovable, Status);
        }

        (Status, ApprovedBy, ApprovedAt) = (RepairStatus.Approved, approvedBy, now);
        _events.Add(new RepairProjectApproved(Id, CommunityId, Track.ToString(), BudgetFen, ContractorId, now));
        return null;
    }

    /// <summary>Whether a payment may be made now: approved (or accepted) and its contractor not on the blacklist.</summary>
    public RepairRefusal? RefusePayment(bool contractorBlacklisted) =>
        !IsPayable ? new RepairRefusal(RepairRefusal.NotApproved, Status)
        : contractorBlacklisted ? new RepairRefusal(RepairRefusal.ContractorBlacklisted, ContractorId)
        : null;

    /// <summary>A checked disbursement was booked by a journal transaction: adds it up and records <c>DisbursementMade</c>.</summary>
    public void Paid(Disbursement disbursement, Guid transactionId, int unitsCharged, DateTimeOffset now)
    {
        if (!IsPayable || disbursement.ProjectId != Id)
        {
            throw new InvalidOperationException($"Repair project {Id} is {Status}; disbursement {disbursement.Id} cannot be paid for it.");
        }

        disbursement.Booked(transactionId);
        DisbursedFen += disbursement.AmountFen;
        _events.Add(new DisbursementMade(transactionId, Id, CommunityId, ContractorId, disbursement.AmountFen, unitsCharged, now));
    }

    /// <summary>验收: the approved work was accepted.</summary>
    public RepairRefusal? Accept(DateTimeOffset now)
    {
        if (Status != RepairStatus.Approved)
        {
            return new RepairRefusal(RepairRefusal.NotApproved, Status);
        }

        (Status, AcceptedAt) = (RepairStatus.Accepted, now);
        return null;
    }

    /// <summary>
    /// 结算: the final cost of accepted work must equal what was booked, with no disbursement still awaiting Finance (it
    /// could change the total).
    /// </summary>
    public RepairRefusal? Settle(long finalCostFen, int disbursementsAwaitingCountersignature, DateTimeOffset now)
    {
        if (Status != RepairStatus.Accepted)
        {
            return new RepairRefusal(RepairRefusal.NotAccepted, Status);
        }

        if (disbursementsAwaitingCountersignature > 0)
        {
            return new RepairRefusal(RepairRefusal.CountersignaturePending, disbursementsAwaitingCountersignature);
        }

        if (finalCostFen != DisbursedFen)
        {
            return new RepairRefusal(RepairRefusal.SettlementMismatch, finalCostFen, DisbursedFen);
        }

        (Status, SettledAt) = (RepairStatus.Settled, now);
        return null;
    }

    /// <summary>Whether what was paid is over the budget by more than the county's threshold (a sign of misuse, flagged).</summary>
    public bool IsOverBudget(RepairLimits limits) => limits.OverBudget(DisbursedFen, BudgetFen);

    /// <summary>Called once the recorded events are queued in the outbox.</summary>
    public void ClearEvents() => _events.Clear();
}
